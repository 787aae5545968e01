import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import FoundationEssentials

/// The object subresources the emulator serves, so a job's effect can be seen (and set) with any S3
/// client: Get/Put/DeleteObjectTagging, Get/PutObjectAcl, Get/PutObjectLegalHold and
/// Get/PutObjectRetention, with S3's bodies, errors and Object Lock rules.
struct ObjectSubresourceAPI: Sendable {
    let store: LocalStore

    /// The canonical owner of the default account's buckets and objects.
    static let owner = S3ObjectOwner(id: "emulator", displayName: "emulator")

    /// The canonical owner of `bucket` and of the objects in it: the account that created it.
    static func owner(of bucket: BucketInfo) -> S3ObjectOwner {
        let id = S3API.ownerId(S3API.owner(of: bucket))
        return S3ObjectOwner(id: id, displayName: id)
    }

    enum Subresource: String, CaseIterable {
        case tagging, acl
        case legalHold = "legal-hold"
        case retention
    }

    static func subresource(of request: IncomingRequest) -> Subresource? {
        Subresource.allCases.first { request.hasQuery($0.rawValue) }
    }

    func handle(
        _ request: IncomingRequest, _ subresource: Subresource, bucket: String, key: String,
        versionId: String?
    ) throws -> Answer {
        let info = try store.objectInfo(bucket: bucket, key: key, versionId: versionId)
        var versionHeader: [(String, String)] = []
        if let id = info.versionId { versionHeader.append(("x-amz-version-id", id)) }
        switch (request.method, subresource) {
        case ("GET", .tagging):
            var answer = Answer.xml(S3Responses.objectTaggingBody(info.tags ?? []))
            answer.headers += versionHeader
            return answer
        case ("PUT", .tagging):
            let tags = try decoded("MalformedXML") { () throws(AWSShapeError) in
                try S3Requests.readPutObjectTagging(request.parts)
            }
            try ObjectHeaders.checkTags(tags)
            try store.putObjectTagging(bucket: bucket, key: key, versionId: versionId, tags: tags)
            return Answer(headers: versionHeader)
        case ("DELETE", .tagging):
            try store.putObjectTagging(bucket: bucket, key: key, versionId: versionId, tags: [])
            return Answer(status: 204, headers: versionHeader)
        case ("GET", .acl):
            let policy = S3Responses.accessControlPolicy(
                info.acl ?? ObjectACL(canned: .private), bucketOwner: Self.owner)
            var answer = Answer.xml(S3Responses.objectAclBody(policy))
            answer.headers += versionHeader
            return answer
        case ("PUT", .acl):
            let policy: S3AccessControlPolicy
            do {
                policy = try S3Requests.readPutObjectAcl(request.parts)
            } catch let error as AWSShapeError {
                throw APIError(error, code: "MalformedACLError")
            }
            try store.putObjectAcl(bucket: bucket, key: key, versionId: versionId, policy: policy)
            return Answer(headers: versionHeader)
        case ("PUT", .legalHold):
            let status = try decoded("MalformedXML") { () throws(AWSShapeError) in
                try S3Requests.readPutObjectLegalHold(request.parts)
            }
            try store.putObjectLegalHold(bucket: bucket, key: key, versionId: versionId, status: status)
            return Answer()
        case ("PUT", .retention):
            let (retention, bypass) = try decoded("MalformedXML") { () throws(AWSShapeError) in
                try S3Requests.readPutObjectRetention(request.parts)
            }
            try store.putObjectRetention(
                bucket: bucket, key: key, versionId: versionId, retention: retention, bypassGovernance: bypass
            )
            return Answer()
        case ("GET", .legalHold):
            try requireObjectLock(bucket)
            guard let status = info.objectLockLegalHoldStatus else { throw noLockConfiguration() }
            return .xml(S3Responses.legalHoldBody(status))
        case ("GET", .retention):
            try requireObjectLock(bucket)
            guard info.objectLockMode != nil else { throw noLockConfiguration() }
            return .xml(
                S3Responses.retentionBody(
                    ObjectRetention(
                        mode: info.objectLockMode, retainUntilDate: info.objectLockRetainUntilDate)))
        default:
            throw APIError(
                501, "NotImplemented",
                "\(request.method) ?\(subresource.rawValue) is not an S3 operation the emulator serves")
        }
    }

    private func requireObjectLock(_ bucket: String) throws {
        guard try store.bucketInfo(bucket)?.objectLockEnabled == true else {
            throw APIError(400, "InvalidRequest", "Bucket is missing Object Lock Configuration")
        }
    }

    private func noLockConfiguration() -> APIError {
        APIError(
            404, "NoSuchObjectLockConfiguration",
            "The specified object does not have a ObjectLock configuration")
    }
}
