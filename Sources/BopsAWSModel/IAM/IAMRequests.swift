/// Requests of IAM (model `iam/2010-05-08`, query protocol) as botocore sends them: `POST /` with
/// a form body `Action=..&Version=2010-05-08&..`, members in the model's order, and
/// `Content-Type: application/x-www-form-urlencoded; charset=utf-8`.
///
/// IAM is global: one endpoint per partition, signed for that partition's home region
/// (``endpoint(region:)``).
public enum IAMRequests {
    public static let version = "2010-05-08"
    public static let contentType = "application/x-www-form-urlencoded; charset=utf-8"

    /// The host and signing region of IAM for a client in `region`: `iam.amazonaws.com` and
    /// `us-east-1`; `iam.cn-north-1.amazonaws.com.cn` and `cn-north-1` in China;
    /// `iam.us-gov.amazonaws.com` and `us-gov-west-1` in GovCloud (botocore's endpoint rules).
    public static func endpoint(region: String) -> (host: String, signingRegion: String) {
        if region.hasPrefix("cn-") { return ("iam.cn-north-1.amazonaws.com.cn", "cn-north-1") }
        if region.hasPrefix("us-gov-") { return ("iam.us-gov.amazonaws.com", "us-gov-west-1") }
        return ("iam.amazonaws.com", "us-east-1")
    }

    public static func getRole(roleName: String) -> HTTPRequestParts {
        var form = QueryForm(action: "GetRole", version: version)
        form.add("RoleName", roleName)
        return parts(form)
    }

    public static func createRole(_ input: IAMCreateRoleInput) -> HTTPRequestParts {
        var form = QueryForm(action: "CreateRole", version: version)
        form.add("Path", input.path)
        form.add("RoleName", input.roleName)
        form.add("AssumeRolePolicyDocument", input.assumeRolePolicyDocument)
        form.add("Description", input.description)
        form.add("MaxSessionDuration", input.maxSessionDuration)
        form.add("PermissionsBoundary", input.permissionsBoundary)
        form.add("Tags", input.tags) { form, prefix, tag in
            form.add(prefix + "Key", tag.key)
            form.add(prefix + "Value", tag.value)
        }
        return parts(form)
    }

    public static func deleteRole(roleName: String) -> HTTPRequestParts {
        var form = QueryForm(action: "DeleteRole", version: version)
        form.add("RoleName", roleName)
        return parts(form)
    }

    public static func putRolePolicy(
        roleName: String, policyName: String, policyDocument: String
    ) -> HTTPRequestParts {
        var form = QueryForm(action: "PutRolePolicy", version: version)
        form.add("RoleName", roleName)
        form.add("PolicyName", policyName)
        form.add("PolicyDocument", policyDocument)
        return parts(form)
    }

    public static func getRolePolicy(roleName: String, policyName: String) -> HTTPRequestParts {
        var form = QueryForm(action: "GetRolePolicy", version: version)
        form.add("RoleName", roleName)
        form.add("PolicyName", policyName)
        return parts(form)
    }

    public static func deleteRolePolicy(roleName: String, policyName: String) -> HTTPRequestParts {
        var form = QueryForm(action: "DeleteRolePolicy", version: version)
        form.add("RoleName", roleName)
        form.add("PolicyName", policyName)
        return parts(form)
    }

    public static func listRolePolicies(
        roleName: String, marker: String? = nil, maxItems: Int? = nil
    ) -> HTTPRequestParts {
        var form = QueryForm(action: "ListRolePolicies", version: version)
        form.add("RoleName", roleName)
        form.add("Marker", marker)
        form.add("MaxItems", maxItems)
        return parts(form)
    }

    public static func simulatePrincipalPolicy(_ input: IAMSimulationInput) -> HTTPRequestParts {
        var form = QueryForm(action: "SimulatePrincipalPolicy", version: version)
        form.add("PolicySourceArn", input.policySourceArn)
        form.add("ActionNames", input.actionNames)
        form.add("ResourceArns", input.resourceArns)
        form.add("ContextEntries", input.contextEntries) { form, prefix, entry in
            form.add(prefix + "ContextKeyName", entry.key)
            form.add(prefix + "ContextKeyValues", entry.values)
            form.add(prefix + "ContextKeyType", entry.type?.rawValue)
        }
        form.add("MaxItems", input.maxItems)
        form.add("Marker", input.marker)
        return parts(form)
    }

    static func parts(_ form: QueryForm) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "POST", path: "/", headers: [HTTPField("content-type", contentType)], body: form.body)
    }
}
