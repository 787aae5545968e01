public import BopsJobs

/// PutObjectLegalHold (`PUT ?legal-hold`), PutObjectRetention (`PUT ?retention`), PutObjectAcl
/// (`PUT ?acl`) and RestoreObject (`POST ?restore`) as a server reads them.
extension S3Requests {
    /// A `LegalHold` body: its `Status` (`ON` or `OFF`).
    public static func readPutObjectLegalHold(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> S3ObjectLockLegalHoldStatus {
        let root = try ShapeReader.body(
            request.body, root: "LegalHold", operation: "PutObjectLegalHold", isRequest: true)
        guard let status: S3ObjectLockLegalHoldStatus = try root.value("Status") else {
            throw root.missing("Status")
        }
        return status
    }

    /// A `Retention` body (`Mode`, `RetainUntilDate`; both absent removes the retention) and
    /// whether `x-amz-bypass-governance-retention` is `true`.
    public static func readPutObjectRetention(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> (retention: S3Retention, bypassGovernance: Bool) {
        let root = try ShapeReader.body(
            request.body, root: "Retention", operation: "PutObjectRetention", isRequest: true)
        let retention = S3Retention(
            retainUntilDate: try root.date("RetainUntilDate"), mode: try root.value("Mode"))
        return (retention, request.header("x-amz-bypass-governance-retention")?.lowercased() == "true")
    }

    /// PutObjectAcl: the canned ACL of `x-amz-acl`, else the `AccessControlPolicy` body's owner and
    /// grants. The `x-amz-grant-*` headers are not read.
    public static func readPutObjectAcl(_ request: HTTPRequestParts) throws -> S3AccessControlPolicy {
        let h = HeaderReader(headers: request.headers, operation: "PutObjectAcl", isRequest: true)
        if let canned: S3CannedAccessControlList = try h.value("x-amz-acl") {
            return S3AccessControlPolicy(cannedAccessControlList: canned)
        }
        let policy = try S3Responses.objectAcl(HTTPResponseParts(status: 200, body: request.body))
        return S3AccessControlPolicy(
            accessControlList: S3AccessControlList(owner: policy.owner, grants: policy.grants))
    }

    /// A `RestoreRequest` body: `Days` and `GlacierJobParameters/Tier` (`Standard`, `Bulk` or
    /// `Expedited`, returned uppercased; `nil` when absent).
    public static func readRestoreObject(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> (days: Int?, tier: String?) {
        guard !request.body.isEmpty else { return (nil, nil) }
        let root = try ShapeReader.body(
            request.body, root: "RestoreRequest", operation: "RestoreObject", isRequest: true)
        return (try root.int("Days"), root.child("GlacierJobParameters")?.string("Tier")?.uppercased())
    }
}
