import BopsDiagnostics
import BopsIAM
public import BopsJobs
import BopsPrimitives
import FoundationEssentials

/// The local engine's IAM roles: one file per role, `roles/<lowercased name>.json`, replaced
/// atomically under the `roles.lock` lock. Every document is parsed before anything is written, so a
/// refused call changes nothing stored.
extension LocalEngine {
    /// IAM's limits: inline policies of a role together, and the trust policy, counted in characters
    /// without whitespace.
    public static let inlinePolicyQuota = 10_240
    public static let trustPolicyQuota = 2_048

    var rolesFolder: String { root + "/roles" }
    var rolesLock: FileLock { FileLock(path: root + "/roles.lock") }

    func rolePath(_ name: String) -> String { rolesFolder + "/" + name.lowercased() + ".role.json" }

    /// Creates a role. Throws `EntityAlreadyExists` when a role of that name (ignoring case) exists,
    /// `MalformedPolicyDocument` for a trust policy that does not parse, `ValidationError` for a bad
    /// name or path, `LimitExceeded` for a trust policy over the quota.
    @discardableResult
    public func createRole(
        name: String, trustPolicy: String, path: String = "/", description: String? = nil,
        accountId: String
    ) throws(RoleError) -> LocalRole {
        try Self.validate(name: name, path: path, description: description)
        try Self.checkTrust(trustPolicy)
        return try withRoles { () throws(RoleError) -> LocalRole in
            if try loadRole(name) != nil {
                throw RoleError(.entityAlreadyExists, "Role with name \(name) already exists.")
            }
            let role = LocalRole(
                name: name, accountId: accountId, roleId: Self.newRoleId(), path: path, createDate: clock(),
                trustPolicy: trustPolicy, description: description)
            try saveRole(role)
            return role
        }
    }

    /// Creates the role or replaces its trust policy, description and the inline policies named in
    /// `policies` (others are kept); what `bops local role put` does. The role id and creation date
    /// of an existing role stay. All documents are checked first: a refusal stores nothing.
    @discardableResult
    public func putRole(
        name: String, trustPolicy: String, policies: [String: String] = [:], path: String = "/",
        description: String? = nil, accountId: String
    ) throws(RoleError) -> LocalRole {
        try Self.validate(name: name, path: path, description: description)
        try Self.checkTrust(trustPolicy)
        for (policyName, document) in policies.sorted(by: { $0.key < $1.key }) {
            try Self.validate(policyName: policyName)
            try Self.checkIdentity(document, name: policyName)
        }
        return try withRoles { () throws(RoleError) -> LocalRole in
            var role =
                try loadRole(name)
                ?? LocalRole(
                    name: name, accountId: accountId, roleId: Self.newRoleId(), path: path,
                    createDate: clock(),
                    trustPolicy: trustPolicy)
            role.trustPolicy = trustPolicy
            role.description = description ?? role.description
            role.inlinePolicies.merge(policies) { _, new in new }
            try Self.checkQuota(role)
            try saveRole(role)
            return role
        }
    }

    /// The role of that name (ignoring case), or `nil`.
    public func role(named name: String) throws(RoleError) -> LocalRole? {
        try loadRole(name)
    }

    /// Every role, by name.
    public func roles() throws(RoleError) -> [LocalRole] {
        var out: [LocalRole] = []
        for file in FileIO.list(rolesFolder) where file.hasSuffix(".role.json") {
            if let role = try loadRole(String(file.dropLast(".role.json".count))) { out.append(role) }
        }
        return out.sorted { $0.name < $1.name }
    }

    /// Deletes a role. Throws `NoSuchEntity` when there is none; IAM's `DeleteConflict` for a role
    /// that still has inline policies is not enforced (the local engine deletes them with it).
    public func deleteRole(named name: String) throws(RoleError) {
        try withRoles { () throws(RoleError) in
            guard try loadRole(name) != nil else { throw RoleError.noSuchRole(name) }
            FileIO.remove(rolePath(name))
        }
    }

    /// Replaces the role's trust policy (`UpdateAssumeRolePolicy`).
    public func updateTrustPolicy(roleName: String, document: String) throws(RoleError) {
        try Self.checkTrust(document)
        try changeRole(roleName) { $0.trustPolicy = document }
    }

    /// Adds or replaces an inline policy. Throws `NoSuchEntity`, `MalformedPolicyDocument`,
    /// `ValidationError` for a bad policy name, `LimitExceeded` over the role's quota.
    public func putRolePolicy(roleName: String, policyName: String, document: String) throws(RoleError) {
        try Self.validate(policyName: policyName)
        try Self.checkIdentity(document, name: policyName)
        try changeRole(roleName) { $0.inlinePolicies[policyName] = document }
    }

    /// The inline policy's document text, or `nil` when the role has no policy of that name. Throws
    /// `NoSuchEntity` when there is no such role.
    public func rolePolicy(roleName: String, policyName: String) throws(RoleError) -> String? {
        guard let role = try loadRole(roleName) else { throw RoleError.noSuchRole(roleName) }
        return role.inlinePolicies[policyName]
    }

    /// Deletes an inline policy. Throws `NoSuchEntity` for a missing role or policy.
    public func deleteRolePolicy(roleName: String, policyName: String) throws(RoleError) {
        try changeRole(roleName) { (role) throws(RoleError) in
            guard role.inlinePolicies.removeValue(forKey: policyName) != nil else {
                throw RoleError(.noSuchEntity, "The role policy with name \(policyName) cannot be found.")
            }
        }
    }

    /// What IAM's SimulatePrincipalPolicy answers for the role's inline policies: one result per
    /// action and resource (resources `["*"]` when none are given), in that order. `role` is a name
    /// or a role ARN. Throws `NoSuchEntity` for an unknown role.
    public func simulate(
        role: String, actions: [String], resources: [String] = [], context: [String: [String]] = [:]
    ) throws(RoleError) -> [PermissionResult] {
        guard let found = try lookUp(role) else { throw RoleError.noSuchRole(role) }
        let policies = try Self.policies(of: found)
        let targets = resources.isEmpty ? ["*"] : resources
        return actions.flatMap { action in
            targets.map { resource in
                let outcome = PolicyEvaluator.evaluate(
                    AccessRequest(action: action, resource: resource, context: context), policies: policies)
                return PermissionResult(
                    permission: NeededPermission(action: action, resource: resource),
                    decision: outcome.decision,
                    matchedBy: outcome.matchedBy)
            }
        }
    }

    /// Whether S3 Batch Operations may assume the role (its trust policy allows `sts:AssumeRole` to
    /// `batchoperations.s3.amazonaws.com` with the role's account as `aws:SourceAccount`).
    public func trustsBatchOperations(_ role: LocalRole, jobArn: String? = nil) throws(RoleError) -> Bool {
        let trust = try Self.parse(role.trustPolicy, name: "trust policy", kind: .trust)
        return BatchOperationsTrust.evaluate(
            trust, roleArn: role.arn, sourceAccount: role.accountId, sourceArn: jobArn
        ).decision == .allowed
    }

    /// A role by name or ARN (`arn:aws:iam::<account>:role[/path]/<name>`; the account must match).
    public func lookUp(_ nameOrArn: String) throws(RoleError) -> LocalRole? {
        guard nameOrArn.hasPrefix("arn:") else { return try loadRole(nameOrArn) }
        let parts = nameOrArn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "iam", parts[5].hasPrefix("role/"),
            let name = parts[5].split(separator: "/").last
        else { return nil }
        guard let role = try loadRole(String(name)), role.accountId == parts[4] else { return nil }
        return role
    }

    // MARK: Storage

    func withRoles<T>(_ body: () throws(RoleError) -> T) throws(RoleError) -> T {
        do {
            try FileIO.makeDirectory(rolesFolder)
            return try rolesLock.withLock { try body() }
        } catch let error as RoleError {
            throw error
        } catch {
            throw RoleError(.invalidInput, "local engine: \(error)")
        }
    }

    func changeRole(_ name: String, _ change: (inout LocalRole) throws(RoleError) -> Void) throws(RoleError) {
        try withRoles { () throws(RoleError) in
            guard var role = try loadRole(name) else { throw RoleError.noSuchRole(name) }
            try change(&role)
            try Self.checkQuota(role)
            try saveRole(role)
        }
    }

    func loadRole(_ name: String) throws(RoleError) -> LocalRole? {
        guard Self.isRoleName(name) else { return nil }
        let path = rolePath(name)
        do {
            guard let bytes = try FileIO.read(path) else { return nil }
            return try JobJSON.decoder.decode(LocalRole.self, from: Data(bytes))
        } catch {
            throw RoleError(.invalidInput, "local engine: cannot read the role file \(path): \(error)")
        }
    }

    func saveRole(_ role: LocalRole) throws(RoleError) {
        do {
            let bytes = try JobJSON.encoder.encode(role)
            try FileIO.writeAtomically(Array(bytes), to: rolePath(role.name))
        } catch {
            throw RoleError(.invalidInput, "local engine: cannot write the role \(role.name): \(error)")
        }
    }

    // MARK: Checks

    static func isRoleName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy(isNameCharacter)
    }

    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII
            && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "_+=,.@-".unicodeScalars.contains(c))
    }

    static func validate(name: String, path: String, description: String?) throws(RoleError) {
        guard isRoleName(name) else {
            throw RoleError(
                .validationError,
                "1 validation error detected: Value '\(name)' at 'roleName' failed to satisfy constraint: Member "
                    + "must satisfy regular expression pattern: [\\w+=,.@-]+ and have length 1 to 64")
        }
        let pathOK =
            path == "/"
            || ((2...512).contains(path.count) && path.hasPrefix("/") && path.hasSuffix("/")
                && path.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E })
        guard pathOK else {
            throw RoleError(
                .validationError,
                "1 validation error detected: Value '\(path)' at 'path' failed to satisfy constraint: Member must "
                    + "be / or begin and end with / (1 to 512 printable characters)")
        }
        if let description, description.count > 1000 {
            throw RoleError(.validationError, "The role description is longer than 1000 characters.")
        }
    }

    static func validate(policyName: String) throws(RoleError) {
        guard (1...128).contains(policyName.count), policyName.unicodeScalars.allSatisfy(isNameCharacter)
        else {
            throw RoleError(
                .validationError,
                "1 validation error detected: Value '\(policyName)' at 'policyName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length 1 to 128")
        }
    }

    static func parse(_ text: String, name: String, kind: PolicyKind) throws(RoleError) -> PolicyDocument {
        do {
            return try PolicyParser.parse(text, file: name, kind: kind).document
        } catch {
            let first = error.items.first
            throw RoleError(
                .malformedPolicyDocument,
                first.map { $0.summary.prefix(1).uppercased() + $0.summary.dropFirst() }
                    ?? "Syntax errors in policy.",
                diagnostics: error.items)
        }
    }

    static func checkTrust(_ text: String) throws(RoleError) {
        _ = try parse(text, name: "trust policy", kind: .trust)
        let size = nonWhitespaceCount(text)
        if size > trustPolicyQuota {
            throw RoleError(.limitExceeded, "Cannot exceed quota for ACLSizePerRole: \(trustPolicyQuota)")
        }
    }

    static func checkIdentity(_ text: String, name: String) throws(RoleError) {
        _ = try parse(text, name: "policy \(name)", kind: .identity)
    }

    static func checkQuota(_ role: LocalRole) throws(RoleError) {
        let total = role.inlinePolicies.values.reduce(0) { $0 + nonWhitespaceCount($1) }
        if total > inlinePolicyQuota {
            throw RoleError(
                .limitExceeded,
                "Maximum policy size of \(inlinePolicyQuota) bytes exceeded for role \(role.name)")
        }
    }

    static func nonWhitespaceCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.properties.isWhitespace ? 0 : 1) }
    }

    static func policies(of role: LocalRole) throws(RoleError) -> [NamedPolicy] {
        var out: [NamedPolicy] = []
        for (name, text) in role.inlinePolicies.sorted(by: { $0.key < $1.key }) {
            out.append(
                NamedPolicy(
                    name: "inline policy \(name)", document: try parse(text, name: name, kind: .identity)))
        }
        return out
    }

    static func newRoleId() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        return "AROA" + String((0..<17).map { _ in alphabet.randomElement()! })
    }
}
