/// One IAM request as a server reads it (the emulator's side of ``IAMRequests``).
public enum IAMRequest: Sendable, Hashable {
    case getRole(roleName: String)
    case createRole(IAMCreateRoleInput)
    case deleteRole(roleName: String)
    case putRolePolicy(roleName: String, policyName: String, policyDocument: String)
    case getRolePolicy(roleName: String, policyName: String)
    case deleteRolePolicy(roleName: String, policyName: String)
    case listRolePolicies(roleName: String, marker: String?, maxItems: Int?)
    case simulatePrincipalPolicy(IAMSimulationInput)

    /// The `Action` names this reader knows, in the model's order.
    public static let actions = [
        "CreateRole", "DeleteRole", "DeleteRolePolicy", "GetRole", "GetRolePolicy", "ListRolePolicies",
        "PutRolePolicy", "SimulatePrincipalPolicy",
    ]
}

extension IAMRequests {
    /// SimulatePrincipalPolicy members the emulator does not evaluate; a request that sets one is
    /// refused rather than answered as if it were absent.
    public static let unsupportedSimulationMembers = [
        "PolicyInputList", "PermissionsBoundaryPolicyInputList", "ResourcePolicy", "ResourceOwner",
        "CallerArn", "ResourceHandlingOption",
    ]

    /// Whether `request` is a query-protocol call for IAM: `POST /` with a form body, or signed
    /// for the service `iam`. (STS uses the same protocol with another `Version`; the reader
    /// refuses it by its version.)
    public static func isIAMRequest(_ request: HTTPRequestParts) -> Bool {
        guard request.method == "POST", request.path == "/" else { return false }
        if let authorization = request.header("authorization"), authorization.contains("/iam/aws4_request") {
            return true
        }
        let type = request.header("content-type")?.lowercased() ?? ""
        return type.hasPrefix("application/x-www-form-urlencoded")
    }

    /// Reads an IAM request from its form body (the query string's members count too, as IAM
    /// accepts both). Throws IAM's 400 errors: `MissingAction`, `InvalidAction` (an unknown action
    /// or another version), `MalformedQueryString`, `ValidationError` naming the member.
    public static func read(_ request: HTTPRequestParts) throws(IAMRequestError) -> IAMRequest {
        var form = try QueryFormReader(body: request.body)
        if !request.query.isEmpty {
            var values = form.values
            for item in request.query where values[item.name] == nil { values[item.name] = item.value ?? "" }
            form = QueryFormReader(values: values)
        }
        guard let action = form.string("Action"), !action.isEmpty else {
            throw IAMRequestError("MissingAction", "Missing Action")
        }
        let given = form.string("Version")
        guard given == version, IAMRequest.actions.contains(action) else {
            throw IAMRequestError(
                "InvalidAction",
                "Could not find operation \(action) for version \(given ?? "NO_VERSION_SPECIFIED")")
        }
        return try read(action, form)
    }

    static func read(_ action: String, _ form: QueryFormReader) throws(IAMRequestError) -> IAMRequest {
        switch action {
        case "GetRole": return .getRole(roleName: try roleName(form))
        case "DeleteRole": return .deleteRole(roleName: try roleName(form))
        case "CreateRole": return .createRole(try createRole(form))
        case "PutRolePolicy":
            return .putRolePolicy(
                roleName: try roleName(form), policyName: try policyName(form),
                policyDocument: try document(form, "PolicyDocument"))
        case "GetRolePolicy":
            return .getRolePolicy(roleName: try roleName(form), policyName: try policyName(form))
        case "DeleteRolePolicy":
            return .deleteRolePolicy(roleName: try roleName(form), policyName: try policyName(form))
        case "ListRolePolicies":
            return .listRolePolicies(
                roleName: try roleName(form), marker: try marker(form),
                maxItems: try form.int("MaxItems", in: 1...1000))
        default: return .simulatePrincipalPolicy(try simulation(form))
        }
    }

    static func createRole(_ form: QueryFormReader) throws(IAMRequestError) -> IAMCreateRoleInput {
        var input = IAMCreateRoleInput(
            roleName: try roleName(form),
            assumeRolePolicyDocument: try document(form, "AssumeRolePolicyDocument"))
        if let path = form.string("Path") {
            let inner = path.utf8.dropFirst().dropLast()
            guard
                path == "/"
                    || (path.count <= 512 && path.count >= 3 && path.hasPrefix("/") && path.hasSuffix("/")
                        && inner.allSatisfy { $0 >= 0x21 && $0 <= 0x7E })
            else {
                throw .validation(
                    "Path", value: path,
                    "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"
                )
            }
            input.path = path
        }
        if let description = form.string("Description") {
            guard description.count <= 1000 else {
                throw .validation(
                    "Description", value: description, "Member must have length less than or equal to 1000")
            }
            input.description = description
        }
        input.maxSessionDuration = try form.int("MaxSessionDuration", in: 3600...43200)
        input.permissionsBoundary = form.string("PermissionsBoundary")
        if let items = try form.structures("Tags") {
            guard items.count <= 50 else {
                throw .validation("Tags", value: nil, "Member must have length less than or equal to 50")
            }
            var tags: [IAMTag] = []
            for item in items {
                let key = try item.required("Key")
                guard (1...128).contains(key.count) else {
                    throw .validation(
                        item.prefix + "Key", value: key, "Member must have length between 1 and 128")
                }
                tags.append(IAMTag(key: key, value: try item.required("Value")))
            }
            input.tags = tags
        }
        return input
    }

    static func simulation(_ form: QueryFormReader) throws(IAMRequestError) -> IAMSimulationInput {
        let source = try form.required("PolicySourceArn")
        guard (20...2048).contains(source.count), source.hasPrefix("arn:") else {
            throw .validation(
                "PolicySourceArn", value: source, "Member must be an ARN of 20 to 2048 characters")
        }
        guard let actions = try form.list("ActionNames") else {
            throw .validation("ActionNames", value: nil, "Member must not be null")
        }
        var input = IAMSimulationInput(
            policySourceArn: source, actionNames: actions, resourceArns: try form.list("ResourceArns"),
            maxItems: try form.int("MaxItems", in: 1...1000), marker: try marker(form))
        if let items = try form.structures("ContextEntries") {
            var entries: [IAMContextEntry] = []
            for item in items {
                var type: IAMContextKeyType?
                if let text = item.string("ContextKeyType") {
                    guard let value = IAMContextKeyType(rawValue: text) else {
                        throw .validation(
                            item.prefix + "ContextKeyType", value: text,
                            "Member must satisfy enum value set: ["
                                + IAMContextKeyType.allCases.map(\.rawValue).joined(separator: ", ") + "]")
                    }
                    type = value
                }
                entries.append(
                    IAMContextEntry(
                        key: item.string("ContextKeyName"), values: try item.list("ContextKeyValues"),
                        type: type))
            }
            input.contextEntries = entries
        }
        if let member = unsupportedSimulationMembers.first(where: { name in
            form.values.keys.contains { $0 == name || $0.hasPrefix(name + ".") }
        }) {
            throw IAMRequestError(
                "InvalidParameterValue",
                "\(member) is not supported by this endpoint; simulate the principal's own policies only")
        }
        return input
    }

    /// `[\w+=,.@-]+`, 1 to `maxLength` characters.
    static func name(
        _ form: QueryFormReader, _ member: String, maxLength: Int
    ) throws(IAMRequestError) -> String {
        let value = try form.required(member)
        guard (1...maxLength).contains(value.count) else {
            throw .validation(member, value: value, "Member must have length between 1 and \(maxLength)")
        }
        guard value.unicodeScalars.allSatisfy({ isNameCharacter($0) }) else {
            throw .validation(
                member, value: value, "Member must satisfy regular expression pattern: [\\w+=,.@-]+")
        }
        return value
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "+", "=", ",", ".", "@", "-": true
        default: false
        }
    }

    static func roleName(_ form: QueryFormReader) throws(IAMRequestError) -> String {
        try name(form, "RoleName", maxLength: 64)
    }

    static func policyName(_ form: QueryFormReader) throws(IAMRequestError) -> String {
        try name(form, "PolicyName", maxLength: 128)
    }

    /// A policy document member: 1 to 131072 characters (its JSON is the store's to judge).
    static func document(_ form: QueryFormReader, _ member: String) throws(IAMRequestError) -> String {
        let value = try form.required(member)
        guard (1...131_072).contains(value.count) else {
            throw .validation(member, value: nil, "Member must have length between 1 and 131072")
        }
        return value
    }

    static func marker(_ form: QueryFormReader) throws(IAMRequestError) -> String? {
        guard let marker = form.string("Marker") else { return nil }
        guard !marker.isEmpty else {
            throw .validation("Marker", value: marker, "Member must have length greater than or equal to 1")
        }
        return marker
    }
}
