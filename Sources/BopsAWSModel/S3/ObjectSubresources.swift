public import BopsJobs
public import FoundationEssentials

/// An object's ACL as GetObjectAcl answers it: the owner and every grant (a canned ACL expanded
/// into the grants S3 shows for it).
public struct ObjectAccessControlPolicy: Sendable, Hashable {
    public var owner: S3ObjectOwner
    public var grants: [S3Grant]

    public init(owner: S3ObjectOwner, grants: [S3Grant]) {
        self.owner = owner
        self.grants = grants
    }
}

/// An object's retention as GetObjectRetention answers it.
public struct ObjectRetention: Sendable, Hashable {
    public var mode: S3ObjectLockMode?
    public var retainUntilDate: Date?

    public init(mode: S3ObjectLockMode?, retainUntilDate: Date?) {
        self.mode = mode
        self.retainUntilDate = retainUntilDate
    }
}

extension S3ArchiveStatus: XMLEnumeration {}

/// The object subresources `?tagging`, `?acl`, `?legal-hold` and `?retention` (model
/// `s3/2006-03-01`): requests as botocore lays them out, and their bodies in both directions.
extension S3Requests {
    static func objectSubresource(
        _ method: String, _ name: String, bucket: String, key: String, versionId: String?,
        addressing: S3Addressing, body: [UInt8] = []
    ) -> HTTPRequestParts {
        var query = [QueryItem(name, nil)]
        if let versionId { query.append(QueryItem("versionId", versionId)) }
        return HTTPRequestParts(
            method: method, path: objectPath(bucket: bucket, key: key, addressing: addressing), query: query,
            body: body)
    }

    /// `GET /{bucket}/{key}?tagging`.
    public static func getObjectTagging(
        bucket: String, key: String, versionId: String? = nil, addressing: S3Addressing
    ) -> HTTPRequestParts {
        objectSubresource(
            "GET", "tagging", bucket: bucket, key: key, versionId: versionId, addressing: addressing)
    }

    /// `PUT /{bucket}/{key}?tagging` with a `Tagging` body: replaces the whole tag set.
    public static func putObjectTagging(
        bucket: String, key: String, versionId: String? = nil, tags: [S3Tag], addressing: S3Addressing
    ) -> HTTPRequestParts {
        objectSubresource(
            "PUT", "tagging", bucket: bucket, key: key, versionId: versionId, addressing: addressing,
            body: S3Responses.document(S3Responses.tagging(tags, .request)))
    }

    /// A PutObjectTagging body as a server reads it: `Tagging/TagSet/Tag` (at most 10 tags is the
    /// caller's check).
    public static func readPutObjectTagging(_ request: HTTPRequestParts) throws(AWSShapeError) -> [S3Tag] {
        let root = try ShapeReader.body(
            request.body, root: "Tagging", operation: "PutObjectTagging", isRequest: true)
        guard let items = try root.list("TagSet", member: "Tag") else { throw root.missing("TagSet") }
        var tags: [S3Tag] = []
        for item in items { tags.append(try S3Tag(xml: item)) }
        return tags
    }

    /// `GET /{bucket}/{key}?acl`.
    public static func getObjectAcl(
        bucket: String, key: String, versionId: String? = nil, addressing: S3Addressing
    ) -> HTTPRequestParts {
        objectSubresource(
            "GET", "acl", bucket: bucket, key: key, versionId: versionId, addressing: addressing)
    }

    /// `GET /{bucket}/{key}?legal-hold`.
    public static func getObjectLegalHold(
        bucket: String, key: String, versionId: String? = nil, addressing: S3Addressing
    ) -> HTTPRequestParts {
        objectSubresource(
            "GET", "legal-hold", bucket: bucket, key: key, versionId: versionId, addressing: addressing)
    }

    /// `GET /{bucket}/{key}?retention`.
    public static func getObjectRetention(
        bucket: String, key: String, versionId: String? = nil, addressing: S3Addressing
    ) -> HTTPRequestParts {
        objectSubresource(
            "GET", "retention", bucket: bucket, key: key, versionId: versionId, addressing: addressing)
    }
}

extension S3Responses {
    static func tagging(_ tags: [S3Tag], _ style: TimestampStyle) -> XMLElementNode {
        XMLElementNode(
            "Tagging", children: [XMLElementNode("TagSet", children: tags.map { $0.xml("Tag", style) })])
    }

    /// The `Tagging` body GetObjectTagging answers.
    public static func objectTaggingBody(_ tags: [S3Tag]) -> [UInt8] { document(tagging(tags, .response)) }

    /// GetObjectTagging -> the tag set (empty when the object has none).
    public static func objectTagging(_ response: HTTPResponseParts) throws -> [S3Tag] {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: "Tagging", operation: "GetObjectTagging")
        var tags: [S3Tag] = []
        for item in try root.list("TagSet", member: "Tag") ?? [] { tags.append(try S3Tag(xml: item)) }
        return tags
    }

    /// The grants S3 shows for `acl`: explicit grants as they are; a canned ACL as its grants for
    /// `owner` (the bucket owner: an object written in the bucket owner's account).
    public static func accessControlPolicy(
        _ acl: ObjectACL, bucketOwner owner: S3ObjectOwner
    )
        -> ObjectAccessControlPolicy
    {
        if acl.canned == nil {
            return ObjectAccessControlPolicy(owner: acl.owner ?? owner, grants: acl.grants)
        }
        let ownerGrantee = S3Grantee(
            typeIdentifier: .id, identifier: owner.id, displayName: owner.displayName)
        var grants = [S3Grant(grantee: ownerGrantee, permission: .fullControl)]
        func group(_ uri: String, _ permission: S3Permission) {
            grants.append(
                S3Grant(grantee: S3Grantee(typeIdentifier: .uri, identifier: uri), permission: permission))
        }
        switch acl.canned {
        case .publicRead?: group(allUsers, .read)
        case .publicReadWrite?:
            group(allUsers, .read)
            group(allUsers, .write)
        case .authenticatedRead?: group(authenticatedUsers, .read)
        case .awsExecRead?:
            grants.append(
                S3Grant(
                    grantee: S3Grantee(typeIdentifier: .id, identifier: ec2CanonicalId), permission: .read))
        default: break
        }
        return ObjectAccessControlPolicy(owner: owner, grants: grants)
    }

    static let allUsers = "http://acs.amazonaws.com/groups/global/AllUsers"
    static let authenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
    static let ec2CanonicalId = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c"
    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"

    /// The `AccessControlPolicy` body GetObjectAcl answers: `Owner`, then `AccessControlList` of
    /// `Grant`s whose `Grantee` carries `xsi:type` `CanonicalUser` (`ID`),
    /// `AmazonCustomerByEmail` (`EmailAddress`) or `Group` (`URI`).
    public static func objectAclBody(_ policy: ObjectAccessControlPolicy) -> [UInt8] {
        var root = XMLElementNode("AccessControlPolicy")
        root.append(owner(policy.owner))
        let grants = policy.grants.map { grant -> XMLElementNode in
            var grantee = XMLElementNode(
                "Grantee", attributes: [XMLAttribute("xmlns:xsi", xsi)])
            let g = grant.grantee
            switch g?.typeIdentifier {
            case .emailAddress?:
                grantee.attributes.append(XMLAttribute("xsi:type", "AmazonCustomerByEmail"))
                grantee.append("EmailAddress", g?.identifier)
            case .uri?:
                grantee.attributes.append(XMLAttribute("xsi:type", "Group"))
                grantee.append("URI", g?.identifier)
            default:
                grantee.attributes.append(XMLAttribute("xsi:type", "CanonicalUser"))
                grantee.append("ID", g?.identifier)
                grantee.append("DisplayName", g?.displayName)
            }
            var e = XMLElementNode("Grant", children: [grantee])
            e.append("Permission", grant.permission?.rawValue)
            return e
        }
        root.append(XMLElementNode("AccessControlList", children: grants))
        return document(root)
    }

    static func owner(_ owner: S3ObjectOwner) -> XMLElementNode {
        var e = XMLElementNode("Owner")
        e.append("ID", owner.id)
        e.append("DisplayName", owner.displayName)
        return e
    }

    /// GetObjectAcl -> owner and grants (the `xsi:type` of a grantee picks its identifier).
    public static func objectAcl(_ response: HTTPResponseParts) throws -> ObjectAccessControlPolicy {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: "AccessControlPolicy", operation: "GetObjectAcl")
        let ownerElement = root.child("Owner")
        let owner = S3ObjectOwner(
            id: ownerElement?.string("ID"), displayName: ownerElement?.string("DisplayName"))
        var grants: [S3Grant] = []
        for item in try root.list("AccessControlList", member: "Grant") ?? [] {
            let g = item.child("Grantee")
            let type = g?.element.attribute("xsi:type")
            let grantee: S3Grantee
            switch type {
            case "Group": grantee = S3Grantee(typeIdentifier: .uri, identifier: g?.string("URI"))
            case "AmazonCustomerByEmail":
                grantee = S3Grantee(typeIdentifier: .emailAddress, identifier: g?.string("EmailAddress"))
            default:
                grantee = S3Grantee(
                    typeIdentifier: .id, identifier: g?.string("ID"), displayName: g?.string("DisplayName"))
            }
            grants.append(S3Grant(grantee: grantee, permission: try item.value("Permission")))
        }
        return ObjectAccessControlPolicy(owner: owner, grants: grants)
    }

    /// The `LegalHold` body GetObjectLegalHold answers.
    public static func legalHoldBody(_ status: S3ObjectLockLegalHoldStatus) -> [UInt8] {
        document(XMLElementNode("LegalHold", children: [XMLElementNode("Status", text: status.rawValue)]))
    }

    /// GetObjectLegalHold -> the status.
    public static func legalHold(_ response: HTTPResponseParts) throws -> S3ObjectLockLegalHoldStatus? {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: "LegalHold", operation: "GetObjectLegalHold")
        return try root.value("Status")
    }

    /// The `Retention` body GetObjectRetention answers (dates with milliseconds, as S3 writes them).
    public static func retentionBody(_ retention: ObjectRetention) -> [UInt8] {
        var root = XMLElementNode("Retention")
        root.append("Mode", retention.mode?.rawValue)
        root.append("RetainUntilDate", retention.retainUntilDate.map(AWSTimestamp.iso8601Milliseconds))
        return document(root)
    }

    /// GetObjectRetention -> mode and date.
    public static func retention(_ response: HTTPResponseParts) throws -> ObjectRetention {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: "Retention", operation: "GetObjectRetention")
        return ObjectRetention(
            mode: try root.value("Mode"), retainUntilDate: try root.date("RetainUntilDate"))
    }

    /// `x-amz-restore` for a restore: `ongoing-request="true"` while it runs, then
    /// `ongoing-request="false"` with the expiry date of the temporary copy (when it has one).
    public static func restoreHeader(_ restore: ObjectRestore, now: Date) -> String {
        if restore.isOngoing(at: now) { return "ongoing-request=\"true\"" }
        guard let expiry = restore.expiryDate else { return "ongoing-request=\"false\"" }
        return "ongoing-request=\"false\", expiry-date=\"\(AWSTimestamp.httpDate(expiry))\""
    }
}
