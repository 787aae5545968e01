import BopsJobs
import Foundation

/// Requests of the S3 Control job API (model `s3control/2018-08-20`), laid out as botocore's
/// REST-XML serialiser lays them out: same method, path, query and body bytes, and the
/// `x-amz-account-id` header on every call. No `Content-Type` is sent (botocore sends none).
public enum S3ControlRequests {
    public static let namespace = "http://awss3control.amazonaws.com/doc/2018-08-20/"

    /// The S3 Control host for `accountId` in `region`.
    ///
    /// - No `endpoint`: `{accountId}.s3-control.{region}.amazonaws.com` (`.amazonaws.com.cn` in
    ///   `cn-*` regions).
    /// - A custom `endpoint` (a host, `host:port`, or a URL whose host is taken): `{accountId}.` is
    ///   put in front, except when the host is an IP address (v4 or bracketed v6) or `localhost`,
    ///   which a prefix would make unresolvable. The port, if any, is kept.
    public static func host(accountId: String, region: String, endpoint: String? = nil) -> String {
        guard let endpoint, !endpoint.isEmpty else {
            let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
            return "\(accountId).s3-control.\(region).\(suffix)"
        }
        var authority = Substring(endpoint)
        if let scheme = authority.range(of: "://") { authority = authority[scheme.upperBound...] }
        if let slash = authority.firstIndex(where: { $0 == "/" || $0 == "?" }) {
            authority = authority[..<slash]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let hostOnly: Substring
        if authority.hasPrefix("[") {
            return String(authority)
        } else if let colon = authority.lastIndex(of: ":") {
            hostOnly = authority[..<colon]
        } else {
            hostOnly = authority
        }
        if isIPv4(hostOnly) || hostOnly.lowercased() == "localhost" || hostOnly.hasPrefix("\(accountId).") {
            return String(authority)
        }
        return "\(accountId).\(authority)"
    }

    static func isIPv4(_ host: Substring) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }

    static func headers(_ accountId: String) -> [HTTPField] {
        [HTTPField("x-amz-account-id", accountId)]
    }

    static func jobPath(_ jobId: String, _ suffix: String = "") -> String {
        "/v20180820/jobs/" + URIEncoding.encode(jobId) + suffix
    }

    /// `POST /v20180820/jobs` with a `CreateJobRequest` body.
    public static func createJob(_ request: CreateJobRequest) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "POST", path: "/v20180820/jobs", headers: headers(request.accountId),
            body: XMLWriter.bytes(S3ControlXML.createJob(request)))
    }

    /// `GET /v20180820/jobs/{id}`.
    public static func describeJob(accountId: String, jobId: String) -> HTTPRequestParts {
        HTTPRequestParts(method: "GET", path: jobPath(jobId), headers: headers(accountId))
    }

    /// `GET /v20180820/jobs?jobStatuses=..&jobStatuses=..&nextToken=..&maxResults=..` (each
    /// status repeated, in the given order; absent parameters are not sent).
    public static func listJobs(
        accountId: String, statuses: [JobStatus] = [], nextToken: String? = nil, maxResults: Int? = nil
    ) -> HTTPRequestParts {
        var query = statuses.map { QueryItem("jobStatuses", $0.rawValue) }
        if let nextToken { query.append(QueryItem("nextToken", nextToken)) }
        if let maxResults { query.append(QueryItem("maxResults", String(maxResults))) }
        return HTTPRequestParts(
            method: "GET", path: "/v20180820/jobs", query: query, headers: headers(accountId))
    }

    /// `POST /v20180820/jobs/{id}/status?requestedJobStatus=..[&statusUpdateReason=..]`.
    public static func updateJobStatus(
        accountId: String, jobId: String, to status: RequestedJobStatus, reason: String? = nil
    ) -> HTTPRequestParts {
        var query = [QueryItem("requestedJobStatus", status.rawValue)]
        if let reason { query.append(QueryItem("statusUpdateReason", reason)) }
        return HTTPRequestParts(
            method: "POST", path: jobPath(jobId, "/status"), query: query, headers: headers(accountId))
    }

    /// `POST /v20180820/jobs/{id}/priority?priority=N`.
    public static func updateJobPriority(accountId: String, jobId: String, priority: Int) -> HTTPRequestParts
    {
        HTTPRequestParts(
            method: "POST", path: jobPath(jobId, "/priority"),
            query: [QueryItem("priority", String(priority))],
            headers: headers(accountId))
    }

    /// `GET /v20180820/jobs/{id}/tagging`.
    public static func getJobTagging(accountId: String, jobId: String) -> HTTPRequestParts {
        HTTPRequestParts(method: "GET", path: jobPath(jobId, "/tagging"), headers: headers(accountId))
    }

    /// `PUT /v20180820/jobs/{id}/tagging` with `<PutJobTaggingRequest><Tags><member>..`.
    public static func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) -> HTTPRequestParts {
        var root = XMLElementNode("PutJobTaggingRequest", attributes: [XMLAttribute("xmlns", namespace)])
        root.append(S3ControlXML.tags("Tags", tags))
        return HTTPRequestParts(
            method: "PUT", path: jobPath(jobId, "/tagging"), headers: headers(accountId),
            body: XMLWriter.bytes(root))
    }

    /// `DELETE /v20180820/jobs/{id}/tagging`.
    public static func deleteJobTagging(accountId: String, jobId: String) -> HTTPRequestParts {
        HTTPRequestParts(method: "DELETE", path: jobPath(jobId, "/tagging"), headers: headers(accountId))
    }
}
