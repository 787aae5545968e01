import BopsJobs
import Foundation

/// The XML elements of the S3 Control 2018-08-20 model's request shapes, members in the model's
/// order, lists with `member` elements (the model declares no other member names except
/// `ObjectEncryption`), maps as `entry`/`key`/`value`, timestamps per ``AWSTimestamp/iso8601(_:)``,
/// booleans `true`/`false`, and the member location names `SSE-S3`, `SSE-KMS`, `DSSE-KMS`,
/// `SSE-C`, `NOT-SSE`.
enum S3ControlXML {
    static func bool(_ value: Bool?) -> String? { value.map { $0 ? "true" : "false" } }
    static func date(_ value: Date?) -> String? { value.map(AWSTimestamp.iso8601) }
    static func number<I: BinaryInteger>(_ value: I?) -> String? { value.map { String($0) } }

    static func list(_ name: String, _ items: [String]?, member: String = "member") -> XMLElementNode? {
        guard let items else { return nil }
        return XMLElementNode(name, children: items.map { XMLElementNode(member, text: $0) })
    }

    static func tags(_ name: String, _ tags: [S3Tag]?) -> XMLElementNode? {
        guard let tags else { return nil }
        return XMLElementNode(name, children: tags.map(tag))
    }

    static func tag(_ tag: S3Tag) -> XMLElementNode {
        XMLElementNode(
            "member",
            children: [XMLElementNode("Key", text: tag.key), XMLElementNode("Value", text: tag.value)])
    }

    static func createJob(_ request: CreateJobRequest) -> XMLElementNode {
        var root = XMLElementNode(
            "CreateJobRequest", attributes: [XMLAttribute("xmlns", S3ControlRequests.namespace)])
        root.append("ConfirmationRequired", bool(request.confirmationRequired))
        root.append(operation(request.operation))
        root.append(report(request.report))
        root.append("ClientRequestToken", request.clientRequestToken)
        root.append(request.manifest.map(manifest))
        root.append("Description", request.description)
        root.append("Priority", String(request.priority))
        root.append("RoleArn", request.roleArn)
        root.append(tags("Tags", request.tags))
        root.append(request.manifestGenerator.map(manifestGenerator))
        return root
    }

    static func operation(_ operation: JobOperation) -> XMLElementNode {
        var element = XMLElementNode("Operation")
        switch operation {
        case .s3PutObjectCopy(let copy): element.append(copyOperation(copy))
        case .s3ReplicateObject, .unsupported: element.append(XMLElementNode(operation.name))
        }
        return element
    }

    static func copyOperation(_ copy: S3CopyObjectOperation) -> XMLElementNode {
        var e = XMLElementNode("S3PutObjectCopy")
        e.append("TargetResource", copy.targetResource)
        e.append("CannedAccessControlList", copy.cannedAccessControlList?.rawValue)
        if let grants = copy.accessControlGrants {
            e.append(XMLElementNode("AccessControlGrants", children: grants.map(grant)))
        }
        e.append("MetadataDirective", copy.metadataDirective?.rawValue)
        e.append("ModifiedSinceConstraint", date(copy.modifiedSinceConstraint))
        e.append(copy.newObjectMetadata.map(objectMetadata))
        e.append(tags("NewObjectTagging", copy.newObjectTagging))
        e.append("RedirectLocation", copy.redirectLocation)
        e.append("RequesterPays", bool(copy.requesterPays))
        e.append("StorageClass", copy.storageClass?.rawValue)
        e.append("UnModifiedSinceConstraint", date(copy.unModifiedSinceConstraint))
        e.append("SSEAwsKmsKeyId", copy.sseAwsKmsKeyId)
        e.append("TargetKeyPrefix", copy.targetKeyPrefix)
        e.append("ObjectLockLegalHoldStatus", copy.objectLockLegalHoldStatus?.rawValue)
        e.append("ObjectLockMode", copy.objectLockMode?.rawValue)
        e.append("ObjectLockRetainUntilDate", date(copy.objectLockRetainUntilDate))
        e.append("BucketKeyEnabled", bool(copy.bucketKeyEnabled))
        e.append("ChecksumAlgorithm", copy.checksumAlgorithm?.rawValue)
        return e
    }

    static func grant(_ grant: S3Grant) -> XMLElementNode {
        var e = XMLElementNode("member")
        if let grantee = grant.grantee {
            var g = XMLElementNode("Grantee")
            g.append("TypeIdentifier", grantee.typeIdentifier?.rawValue)
            g.append("Identifier", grantee.identifier)
            g.append("DisplayName", grantee.displayName)
            e.append(g)
        }
        e.append("Permission", grant.permission?.rawValue)
        return e
    }

    /// `UserMetadata` entries are written sorted by key (a Swift dictionary has no order).
    static func objectMetadata(_ m: S3ObjectMetadata) -> XMLElementNode {
        var e = XMLElementNode("NewObjectMetadata")
        e.append("CacheControl", m.cacheControl)
        e.append("ContentDisposition", m.contentDisposition)
        e.append("ContentEncoding", m.contentEncoding)
        e.append("ContentLanguage", m.contentLanguage)
        if let user = m.userMetadata {
            e.append(
                XMLElementNode(
                    "UserMetadata",
                    children: user.sorted { $0.key < $1.key }.map { key, value in
                        XMLElementNode(
                            "entry",
                            children: [
                                XMLElementNode("key", text: key), XMLElementNode("value", text: value),
                            ])
                    }))
        }
        e.append("ContentLength", number(m.contentLength))
        e.append("ContentMD5", m.contentMD5)
        e.append("ContentType", m.contentType)
        e.append("HttpExpiresDate", date(m.httpExpiresDate))
        e.append("RequesterCharged", bool(m.requesterCharged))
        e.append("SSEAlgorithm", m.sseAlgorithm?.rawValue)
        return e
    }

    static func report(_ r: JobReport) -> XMLElementNode {
        var e = XMLElementNode("Report")
        e.append("Bucket", r.bucket)
        e.append("Format", r.format?.rawValue)
        e.append("Enabled", bool(r.enabled))
        e.append("Prefix", r.prefix)
        e.append("ReportScope", r.reportScope?.rawValue)
        e.append("ExpectedBucketOwner", r.expectedBucketOwner)
        return e
    }

    static func manifest(_ m: JobManifest) -> XMLElementNode {
        var spec = XMLElementNode("Spec")
        spec.append("Format", m.spec.format.rawValue)
        spec.append(list("Fields", m.spec.fields?.map(\.rawValue)))
        return XMLElementNode("Manifest", children: [spec, location("Location", m.location)])
    }

    static func location(_ name: String, _ l: JobManifestLocation) -> XMLElementNode {
        var e = XMLElementNode(name)
        e.append("ObjectArn", l.objectArn)
        e.append("ObjectVersionId", l.objectVersionId)
        e.append("ETag", l.eTag)
        return e
    }

    static func manifestGenerator(_ g: JobManifestGenerator) -> XMLElementNode {
        var e = XMLElementNode("ManifestGenerator")
        if let s3 = g.s3JobManifestGenerator {
            var s = XMLElementNode("S3JobManifestGenerator")
            s.append("ExpectedBucketOwner", s3.expectedBucketOwner)
            s.append("SourceBucket", s3.sourceBucket)
            s.append(s3.manifestOutputLocation.map(outputLocation))
            s.append(s3.filter.map(filter))
            s.append("EnableManifestOutput", bool(s3.enableManifestOutput))
            e.append(s)
        }
        return e
    }

    static func outputLocation(_ o: S3ManifestOutputLocation) -> XMLElementNode {
        var e = XMLElementNode("ManifestOutputLocation")
        e.append("ExpectedManifestBucketOwner", o.expectedManifestBucketOwner)
        e.append("Bucket", o.bucket)
        e.append("ManifestPrefix", o.manifestPrefix)
        if let encryption = o.manifestEncryption {
            var m = XMLElementNode("ManifestEncryption")
            if encryption.sses3 != nil { m.append(XMLElementNode("SSE-S3")) }
            if let kms = encryption.ssekms {
                m.append(XMLElementNode("SSE-KMS", children: [XMLElementNode("KeyId", text: kms.keyId)]))
            }
            e.append(m)
        }
        e.append("ManifestFormat", o.manifestFormat.rawValue)
        return e
    }

    static func filter(_ f: JobManifestGeneratorFilter) -> XMLElementNode {
        var e = XMLElementNode("Filter")
        e.append("EligibleForReplication", bool(f.eligibleForReplication))
        e.append("CreatedAfter", date(f.createdAfter))
        e.append("CreatedBefore", date(f.createdBefore))
        e.append(list("ObjectReplicationStatuses", f.objectReplicationStatuses?.map(\.rawValue)))
        if let k = f.keyNameConstraint {
            var c = XMLElementNode("KeyNameConstraint")
            c.append(list("MatchAnyPrefix", k.matchAnyPrefix))
            c.append(list("MatchAnySuffix", k.matchAnySuffix))
            c.append(list("MatchAnySubstring", k.matchAnySubstring))
            e.append(c)
        }
        e.append("ObjectSizeGreaterThanBytes", number(f.objectSizeGreaterThanBytes))
        e.append("ObjectSizeLessThanBytes", number(f.objectSizeLessThanBytes))
        e.append(list("MatchAnyStorageClass", f.matchAnyStorageClass?.map(\.rawValue)))
        if let encryptions = f.matchAnyObjectEncryption {
            e.append(XMLElementNode("MatchAnyObjectEncryption", children: encryptions.map(encryptionFilter)))
        }
        return e
    }

    static func encryptionFilter(_ f: ObjectEncryptionFilter) -> XMLElementNode {
        var e = XMLElementNode("ObjectEncryption")
        if f.sses3 != nil { e.append(XMLElementNode("SSE-S3")) }
        if let kms = f.ssekms {
            var k = XMLElementNode("SSE-KMS")
            k.append("KmsKeyArn", kms.kmsKeyArn)
            k.append("BucketKeyEnabled", bool(kms.bucketKeyEnabled))
            e.append(k)
        }
        if let kms = f.dssekms {
            var k = XMLElementNode("DSSE-KMS")
            k.append("KmsKeyArn", kms.kmsKeyArn)
            e.append(k)
        }
        if f.ssec != nil { e.append(XMLElementNode("SSE-C")) }
        if f.notsse != nil { e.append(XMLElementNode("NOT-SSE")) }
        return e
    }
}
