public import BopsJobs
import BopsNode
public import BopsPrimitives

extension JobSpec {
    /// `operation.copy`: S3PutObjectCopy (botocore `S3CopyObjectOperation`).
    ///
    /// Everything a Copy option needs lives in this file: the model, its decoding from the spec, its
    /// canonical form (part of the configuration digest) and its mapping to the S3 Control shape.
    public struct CopyOperation: Sendable, Hashable, Codable {
        /// Destination bucket ARN (`TargetResource`).
        public var destination: String
        public var keyPrefix: String?
        public var storageClass: S3StorageClass?
        public var encryption: Encryption?
        public var tags: ObjectTagging
        public var metadata: ObjectMetadata
        public var acl: AccessControl?
        public var objectLock: ObjectLock?
        public var checksumAlgorithm: S3ChecksumAlgorithm?
        public var modifiedSince: Timestamp?
        public var unmodifiedSince: Timestamp?
        public var redirectLocation: String?
        public var requesterPays: Bool
        /// `oversize`: what to do with objects over Copy's 5 GiB limit. Not sent to S3 and not in
        /// the canonical form: `exclude` changes the staged manifest (and so the digest), `fail`
        /// changes nothing of the job.
        public var oversize: Oversize?

        /// `copy.oversize`'s words.
        public enum Oversize: String, Sendable, Hashable, Codable, CaseIterable {
            /// Leave the objects out of the staged manifest.
            case exclude
            /// Run anyway: their tasks fail with 400 InvalidRequest.
            case fail
        }

        public init(
            destination: String, keyPrefix: String? = nil, storageClass: S3StorageClass? = nil,
            encryption: Encryption? = nil, tags: ObjectTagging = ObjectTagging(),
            metadata: ObjectMetadata = ObjectMetadata(),
            acl: AccessControl? = nil, objectLock: ObjectLock? = nil,
            checksumAlgorithm: S3ChecksumAlgorithm? = nil,
            modifiedSince: Timestamp? = nil, unmodifiedSince: Timestamp? = nil,
            redirectLocation: String? = nil,
            requesterPays: Bool = Defaults.requesterPays
        ) {
            self.destination = destination
            self.keyPrefix = keyPrefix
            self.storageClass = storageClass
            self.encryption = encryption
            self.tags = tags
            self.metadata = metadata
            self.acl = acl
            self.objectLock = objectLock
            self.checksumAlgorithm = checksumAlgorithm
            self.modifiedSince = modifiedSince
            self.unmodifiedSince = unmodifiedSince
            self.redirectLocation = redirectLocation
            self.requesterPays = requesterPays
        }
    }

    /// `copy.encryption`: which server-side encryption the copies get.
    public struct Encryption: Sendable, Hashable, Codable {
        /// The spec's names of the two kinds (`SSE-S3`, `SSE-KMS`).
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            case sseS3 = "SSE-S3"
            case sseKMS = "SSE-KMS"

            /// botocore `S3SSEAlgorithm`.
            public var algorithm: S3SSEAlgorithm {
                switch self {
                case .sseS3: .aes256
                case .sseKMS: .kms
                }
            }
        }

        public var type: Kind
        /// Only with `.sseKMS`.
        public var kmsKeyArn: String?
        /// Only with `.sseKMS`.
        public var bucketKeyEnabled: Bool?

        public init(type: Kind, kmsKeyArn: String? = nil, bucketKeyEnabled: Bool? = nil) {
            self.type = type
            self.kmsKeyArn = kmsKeyArn
            self.bucketKeyEnabled = bucketKeyEnabled
        }
    }

    /// `copy.tags`: the tags of the copies.
    public struct ObjectTagging: Sendable, Hashable, Codable {
        public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
            /// Keep the source tags (NewObjectTagging not sent).
            case copy
            /// Exactly the tags of `set`.
            case replace
            /// No tags (an empty NewObjectTagging).
            case remove
        }

        public var mode: Mode
        /// Non-empty only with `.replace`.
        public var set: [String: String]

        public init(mode: Mode = Defaults.tagsMode, set: [String: String] = [:]) {
            self.mode = mode
            self.set = set
        }
    }

    /// `copy.metadata`: MetadataDirective (spelled `copy`/`replace`) and NewObjectMetadata.
    public struct ObjectMetadata: Sendable, Hashable, Codable {
        public var mode: S3MetadataDirective
        public var cacheControl: String?
        public var contentDisposition: String?
        public var contentEncoding: String?
        public var contentLanguage: String?
        public var contentType: String?
        public var expires: Timestamp?
        /// `x-amz-meta-*` values.
        public var user: [String: String]

        public init(
            mode: S3MetadataDirective = Defaults.metadataMode, cacheControl: String? = nil,
            contentDisposition: String? = nil, contentEncoding: String? = nil, contentLanguage: String? = nil,
            contentType: String? = nil, expires: Timestamp? = nil, user: [String: String] = [:]
        ) {
            self.mode = mode
            self.cacheControl = cacheControl
            self.contentDisposition = contentDisposition
            self.contentEncoding = contentEncoding
            self.contentLanguage = contentLanguage
            self.contentType = contentType
            self.expires = expires
            self.user = user
        }

        /// True when any value besides `mode` is set (values need mode replace).
        public var hasValues: Bool {
            cacheControl != nil || contentDisposition != nil || contentEncoding != nil
                || contentLanguage != nil
                || contentType != nil || expires != nil || !user.isEmpty
        }
    }

    /// `copy.acl`: a canned ACL or explicit grants.
    public enum AccessControl: Sendable, Hashable, Codable {
        case canned(S3CannedAccessControlList)
        case grants([Grant])
    }

    /// One grant (botocore `S3Grant`).
    public struct Grant: Sendable, Hashable, Codable {
        public var grantee: Grantee
        public var permission: S3Permission

        public init(grantee: Grantee, permission: S3Permission) {
            self.grantee = grantee
            self.permission = permission
        }
    }

    /// botocore `S3Grantee`; `type` is spelled `CanonicalUser`, `EmailAddress` or `Group` in a spec.
    public struct Grantee: Sendable, Hashable, Codable {
        public var type: S3GranteeTypeIdentifier
        /// The canonical user id, e-mail address or group URI, as `type` says.
        public var identifier: String
        public var displayName: String?

        public init(type: S3GranteeTypeIdentifier, identifier: String, displayName: String? = nil) {
            self.type = type
            self.identifier = identifier
            self.displayName = displayName
        }
    }

    /// `copy.objectLock`.
    public struct ObjectLock: Sendable, Hashable, Codable {
        public struct Retention: Sendable, Hashable, Codable {
            public var mode: S3ObjectLockMode
            /// In the future when the spec was loaded.
            public var retainUntil: Timestamp

            public init(mode: S3ObjectLockMode, retainUntil: Timestamp) {
                self.mode = mode
                self.retainUntil = retainUntil
            }
        }

        public var legalHold: S3ObjectLockLegalHoldStatus?
        public var retention: Retention?

        public init(legalHold: S3ObjectLockLegalHoldStatus? = nil, retention: Retention? = nil) {
            self.legalHold = legalHold
            self.retention = retention
        }
    }
}

// MARK: - Decoding

extension JobSpec.CopyOperation {
    /// Reads `operation.copy` at `at`; nil (with a diagnostic) when a required value is missing.
    static func decode(_ copy: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        guard let destination = d.required(copy, "destination", at) else { return nil }
        var op = Self(destination: destination)
        op.keyPrefix = d.string(copy, "keyPrefix", at)
        op.oversize = d.enumeration(Oversize.self, copy, "oversize", at)
        op.storageClass = d.enumeration(S3StorageClass.self, copy, "storageClass", at)
        if let enc = d.object(copy, "encryption", at),
            let kind = d.enumeration(JobSpec.Encryption.Kind.self, enc, "type", at + "/encryption")
        {
            op.encryption = JobSpec.Encryption(
                type: kind, kmsKeyArn: d.string(enc, "kmsKeyArn", at + "/encryption"),
                bucketKeyEnabled: d.bool(enc, "bucketKeyEnabled", at + "/encryption"))
        }
        if let tags = d.object(copy, "tags", at) {
            op.tags = JobSpec.ObjectTagging(
                mode: d.enumeration(JobSpec.ObjectTagging.Mode.self, tags, "mode", at + "/tags")
                    ?? JobSpec.Defaults.tagsMode,
                set: d.stringMap(tags, "set", at + "/tags"))
        }
        if let m = d.object(copy, "metadata", at) {
            let mAt = at + "/metadata"
            op.metadata = JobSpec.ObjectMetadata(
                mode: d.word(S3MetadataDirective.self, m, "mode", mAt) ?? JobSpec.Defaults.metadataMode,
                cacheControl: d.string(m, "cacheControl", mAt),
                contentDisposition: d.string(m, "contentDisposition", mAt),
                contentEncoding: d.string(m, "contentEncoding", mAt),
                contentLanguage: d.string(m, "contentLanguage", mAt),
                contentType: d.string(m, "contentType", mAt), expires: d.timestamp(m, "expires", mAt),
                user: d.stringMap(m, "user", mAt))
        }
        if let acl = d.object(copy, "acl", at) {
            op.acl = JobSpec.AccessControl.decode(acl, at + "/acl", &d)
        }
        if let lock = d.object(copy, "objectLock", at) {
            let lAt = at + "/objectLock"
            var value = JobSpec.ObjectLock(
                legalHold: d.enumeration(S3ObjectLockLegalHoldStatus.self, lock, "legalHold", lAt))
            if let r = d.object(lock, "retention", lAt),
                let mode = d.enumeration(S3ObjectLockMode.self, r, "mode", lAt + "/retention"),
                let until = d.timestamp(r, "retainUntil", lAt + "/retention")
            {
                value.retention = JobSpec.ObjectLock.Retention(mode: mode, retainUntil: until)
            }
            op.objectLock = value
        }
        op.checksumAlgorithm = d.enumeration(S3ChecksumAlgorithm.self, copy, "checksumAlgorithm", at)
        op.modifiedSince = d.timestamp(copy, "modifiedSince", at)
        op.unmodifiedSince = d.timestamp(copy, "unmodifiedSince", at)
        op.redirectLocation = d.string(copy, "redirectLocation", at)
        op.requesterPays = d.bool(copy, "requesterPays", at) ?? JobSpec.Defaults.requesterPays
        return op
    }
}

extension JobSpec.AccessControl {
    /// Reads `canned` or `grants` of the ACL object at `at` (`copy.acl`, `operation.acl`).
    static func decode(_ acl: Node, _ at: String, _ d: inout NodeDecoder) -> Self? {
        if let canned = d.enumeration(S3CannedAccessControlList.self, acl, "canned", at) {
            return .canned(canned)
        }
        guard let items = acl["grants"]?.sequence else { return nil }
        var grants: [JobSpec.Grant] = []
        for (i, item) in items.enumerated() {
            let gAt = NodeDecoder.pointer(at + "/grants", String(i))
            guard let grantee = d.object(item, "grantee", gAt),
                let kind = d.word(S3GranteeTypeIdentifier.self, grantee, "type", gAt + "/grantee"),
                let permission = d.enumeration(S3Permission.self, item, "permission", gAt)
            else { continue }
            // A key that does not match the type is SemanticRules' finding; the identifier is read
            // from whichever of the three keys is present.
            let keys = S3GranteeTypeIdentifier.allCases.map(\.specKey)
            guard let identifier = keys.lazy.compactMap({ grantee[$0]?.string }).first else {
                d.mismatch(nil, gAt + "/grantee/" + kind.specKey, expected: "a string")
                continue
            }
            grants.append(
                JobSpec.Grant(
                    grantee: JobSpec.Grantee(
                        type: kind, identifier: identifier,
                        displayName: d.string(grantee, "displayName", gAt + "/grantee")),
                    permission: permission))
        }
        return .grants(grants)
    }
}

// MARK: - Rules

extension JobSpec.CopyOperation {
    /// Whether `destination` is a directory bucket (`arn:aws:s3express:...:bucket/NAME--ZONE--x-s3`).
    public var copiesToDirectoryBucket: Bool { S3ARN.directoryBucket(destination) != nil }

    /// The copy's cross-field rules, each at the key it is about.
    func check(at: String, _ c: inout RuleContext) {
        if let enc = encryption, enc.type == .sseS3 {
            for key in ["kmsKeyArn", "bucketKeyEnabled"]
            where (key == "kmsKeyArn" ? enc.kmsKeyArn != nil : enc.bucketKeyEnabled != nil) {
                c.error(
                    "\(key) applies only to encryption type SSE-KMS", at: "\(at)/encryption/\(key)",
                    atKey: true,
                    hint: "set type: SSE-KMS, or remove \(key)")
            }
        }
        SemanticRules.objectTags(tags, at: at + "/tags", &c)
        SemanticRules.metadata(metadata, at: at + "/metadata", &c)
        if case .grants(let grants) = acl { SemanticRules.granteeKeys(grants, at: at + "/acl", &c) }
        if let retention = objectLock?.retention, retention.retainUntil <= c.now {
            c.error(
                "the retention date \(retention.retainUntil) is not in the future",
                at: at + "/objectLock/retention/retainUntil",
                hint: "S3 refuses retention dates in the past; choose a date after \(c.now)")
        }
        if let since = modifiedSince, let until = unmodifiedSince, since >= until {
            c.error(
                "unmodifiedSince (\(until)) must be later than modifiedSince (\(since))",
                at: at + "/unmodifiedSince",
                hint: "no object can match; swap the two dates or remove one")
        }
        if copiesToDirectoryBucket {
            for key in ["acl", "objectLock", "storageClass"]
            where SourceLocation.locate("\(at)/\(key)", in: c.root).value != nil {
                c.error(
                    "a directory bucket destination takes no \(key)", at: "\(at)/\(key)", atKey: true,
                    hint:
                        "directory buckets support neither ACLs, Object Lock nor storage classes; "
                        + "remove \(key), or copy to a general purpose bucket (arn:aws:s3:::NAME)")
            }
        }
    }
}

// MARK: - Canonical form

extension JobSpec.CopyOperation {
    var canonicalValue: CanonicalJSON {
        .members([
            ("destination", .string(destination)),
            ("keyPrefix", .string(keyPrefix)),
            ("storageClass", .string(storageClass?.rawValue)),
            (
                "encryption",
                encryption.map {
                    .members([
                        ("type", .string($0.type.rawValue)), ("kmsKeyArn", .string($0.kmsKeyArn)),
                        ("bucketKeyEnabled", .bool($0.bucketKeyEnabled)),
                    ])
                }
            ),
            ("tags", .object(["mode": .string(tags.mode.rawValue), "set": .map(tags.set)])),
            (
                "metadata",
                .members([
                    ("mode", .string(metadata.mode.specWord)),
                    ("cacheControl", .string(metadata.cacheControl)),
                    ("contentDisposition", .string(metadata.contentDisposition)),
                    ("contentEncoding", .string(metadata.contentEncoding)),
                    ("contentLanguage", .string(metadata.contentLanguage)),
                    ("contentType", .string(metadata.contentType)), ("expires", .time(metadata.expires)),
                    ("user", .map(metadata.user)),
                ])
            ),
            ("acl", acl.map(\.canonicalValue)),
            (
                "objectLock",
                objectLock.map { lock in
                    .members([
                        ("legalHold", .string(lock.legalHold?.rawValue)),
                        (
                            "retention",
                            lock.retention.map {
                                .object([
                                    "mode": .string($0.mode.rawValue),
                                    "retainUntil": .string($0.retainUntil.description),
                                ])
                            }
                        ),
                    ])
                }
            ),
            ("checksumAlgorithm", .string(checksumAlgorithm?.rawValue)),
            ("modifiedSince", .time(modifiedSince)),
            ("unmodifiedSince", .time(unmodifiedSince)),
            ("redirectLocation", .string(redirectLocation)),
            ("requesterPays", .bool(requesterPays)),
        ])
    }
}

extension JobSpec.AccessControl {
    var canonicalValue: CanonicalJSON {
        switch self {
        case .canned(let acl): return .object(["canned": .string(acl.rawValue)])
        case .grants(let grants):
            return .object([
                "grants": .array(
                    grants.map { g in
                        .object([
                            "grantee": .members([
                                ("type", .string(g.grantee.type.specWord)),
                                (g.grantee.type.specKey, .string(g.grantee.identifier)),
                                ("displayName", .string(g.grantee.displayName)),
                            ]),
                            "permission": .string(g.permission.rawValue),
                        ])
                    })
            ])
        }
    }
}

// MARK: - The S3 Control shape

extension JobSpec.CopyOperation {
    /// The `S3CopyObjectOperation` of this copy, as CreateJob sends it.
    public var s3Operation: S3CopyObjectOperation {
        var op = S3CopyObjectOperation(targetResource: destination)
        op.targetKeyPrefix = keyPrefix
        op.storageClass = storageClass
        op.checksumAlgorithm = checksumAlgorithm
        op.modifiedSinceConstraint = modifiedSince?.date
        op.unModifiedSinceConstraint = unmodifiedSince?.date
        op.redirectLocation = redirectLocation
        op.requesterPays = requesterPays ? true : nil
        switch tags.mode {
        case .copy: op.newObjectTagging = nil
        case .remove: op.newObjectTagging = []
        case .replace:
            op.newObjectTagging = tags.set.sorted { $0.key < $1.key }.map {
                S3Tag(key: $0.key, value: $0.value)
            }
        }
        op.metadataDirective = metadata.mode
        var newMetadata = S3ObjectMetadata()
        var hasMetadata = false
        if metadata.mode == .replace {
            newMetadata.cacheControl = metadata.cacheControl
            newMetadata.contentDisposition = metadata.contentDisposition
            newMetadata.contentEncoding = metadata.contentEncoding
            newMetadata.contentLanguage = metadata.contentLanguage
            newMetadata.contentType = metadata.contentType
            newMetadata.httpExpiresDate = metadata.expires?.date
            newMetadata.userMetadata = metadata.user.isEmpty ? nil : metadata.user
            hasMetadata = true
        }
        if let encryption {
            newMetadata.sseAlgorithm = encryption.type.algorithm
            hasMetadata = true
            if encryption.type == .sseKMS {
                op.sseAwsKmsKeyId = encryption.kmsKeyArn
                op.bucketKeyEnabled = encryption.bucketKeyEnabled
            }
        }
        if hasMetadata { op.newObjectMetadata = newMetadata }
        switch acl {
        case .canned(let canned)?:
            op.cannedAccessControlList = canned
        case .grants(let grants)?:
            op.accessControlGrants = grants.map(\.s3Grant)
        case nil:
            break
        }
        if let objectLock {
            op.objectLockLegalHoldStatus = objectLock.legalHold
            op.objectLockMode = objectLock.retention?.mode
            op.objectLockRetainUntilDate = objectLock.retention?.retainUntil.date
        }
        return op
    }
}

extension JobSpec.Grant {
    /// The `S3Grant` of this grant.
    public var s3Grant: S3Grant {
        S3Grant(
            grantee: S3Grantee(
                typeIdentifier: grantee.type, identifier: grantee.identifier, displayName: grantee.displayName
            ),
            permission: permission)
    }
}
