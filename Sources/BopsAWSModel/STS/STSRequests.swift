import BopsEncoding
import BopsSigV4

/// Requests of STS (model `sts/2011-06-15`, query protocol): `POST /` with a form body
/// `Action=..&Version=2011-06-15&..`, members in the model's order, encoded per RFC 3986, and
/// `Content-Type: application/x-www-form-urlencoded; charset=utf-8`, as botocore sends them.
public enum STSRequests {
    public static let version = "2011-06-15"

    /// `sts.{region}.amazonaws.com` (regional endpoint), or a custom endpoint's authority.
    public static func host(region: String, endpoint: String? = nil) -> String {
        if let endpoint, !endpoint.isEmpty {
            var authority = Substring(endpoint)
            if let scheme = authority.firstRange(of: "://") { authority = authority[scheme.upperBound...] }
            if let slash = authority.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                authority = authority[..<slash]
            }
            return String(authority)
        }
        return "sts.\(region).\(region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com")"
    }

    public static func getCallerIdentity() -> HTTPRequestParts {
        form("GetCallerIdentity", [])
    }

    /// AssumeRole. `durationSeconds` is 900...43200 (the role's maximum applies).
    public static func assumeRole(
        roleArn: String, sessionName: String, durationSeconds: Int? = nil, externalId: String? = nil,
        policy: String? = nil
    ) -> HTTPRequestParts {
        var fields = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let policy { fields.append(("Policy", policy)) }
        if let durationSeconds { fields.append(("DurationSeconds", String(durationSeconds))) }
        if let externalId { fields.append(("ExternalId", externalId)) }
        return form("AssumeRole", fields)
    }

    /// AssumeRoleWithWebIdentity (an unsigned request: the token is the credential).
    public static func assumeRoleWithWebIdentity(
        roleArn: String, sessionName: String, webIdentityToken: String, durationSeconds: Int? = nil
    ) -> HTTPRequestParts {
        var fields = [
            ("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", webIdentityToken),
        ]
        if let durationSeconds { fields.append(("DurationSeconds", String(durationSeconds))) }
        return form("AssumeRoleWithWebIdentity", fields)
    }

    static func form(_ action: String, _ fields: [(String, String)]) -> HTTPRequestParts {
        let all = [("Action", action), ("Version", version)] + fields
        let body = all.map { URIEncoding.encode($0.0) + "=" + URIEncoding.encode($0.1) }.joined(
            separator: "&")
        return HTTPRequestParts(
            method: "POST", path: "/",
            headers: [HTTPField("content-type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(body.utf8))
    }
}
