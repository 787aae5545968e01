public import BopsJobs
import FoundationEssentials

/// The bucket settings plan-time checks read (GetBucketPolicy, GetObjectLockConfiguration,
/// GetPublicAccessBlock, GetBucketLifecycleConfiguration) and the emulator serves with their Put and
/// Delete calls: requests as the client sends them and as a server reads them.
extension S3Requests {
    /// `GET /{bucket}?policy`.
    public static func getBucketPolicy(bucket: String, addressing: S3Addressing) -> HTTPRequestParts {
        bucketSubresource(bucket, "policy", addressing)
    }

    /// `GET /{bucket}?publicAccessBlock`.
    public static func getPublicAccessBlock(bucket: String, addressing: S3Addressing) -> HTTPRequestParts {
        bucketSubresource(bucket, "publicAccessBlock", addressing)
    }

    /// `GET /{bucket}?lifecycle`.
    public static func getBucketLifecycleConfiguration(
        bucket: String, addressing: S3Addressing
    ) -> HTTPRequestParts {
        bucketSubresource(bucket, "lifecycle", addressing)
    }

    /// A PutBucketPolicy body as a server reads it: the policy document's text (UTF-8).
    public static func readPutBucketPolicy(_ request: HTTPRequestParts) throws(AWSShapeError) -> String {
        guard let text = String(validating: request.body, as: UTF8.self), !text.isEmpty else {
            throw AWSShapeError(
                operation: "PutBucketPolicy", path: "Policy", message: "the policy is not UTF-8 text",
                isRequest: true)
        }
        return text
    }

    /// A PutPublicAccessBlock body: `PublicAccessBlockConfiguration` with its four flags.
    public static func readPutPublicAccessBlock(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> PublicAccessBlock {
        let root = try ShapeReader.body(
            request.body, root: "PublicAccessBlockConfiguration", operation: "PutPublicAccessBlock",
            isRequest: true)
        return try PublicAccessBlock(xml: root)
    }

    /// A PutObjectLockConfiguration body: `ObjectLockEnabled` (`Enabled`) and an optional
    /// `Rule/DefaultRetention`.
    public static func readPutObjectLockConfiguration(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> ObjectLockConfiguration {
        let root = try ShapeReader.body(
            request.body, root: "ObjectLockConfiguration", operation: "PutObjectLockConfiguration",
            isRequest: true)
        if let enabled = root.string("ObjectLockEnabled"), enabled != "Enabled" {
            throw root.error("ObjectLockEnabled", "expected Enabled, found '\(enabled)'")
        }
        return try ObjectLockConfiguration(xml: root)
    }

    /// A PutBucketLifecycleConfiguration body: `LifecycleConfiguration` with one `Rule` at least.
    public static func readPutBucketLifecycleConfiguration(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> [LifecycleRule] {
        let root = try ShapeReader.body(
            request.body, root: "LifecycleConfiguration", operation: "PutBucketLifecycleConfiguration",
            isRequest: true)
        let rules = try root.flattened("Rule").map { r throws(AWSShapeError) in try LifecycleRule(xml: r) }
        guard !rules.isEmpty else { throw root.missing("Rule") }
        return rules
    }
}

extension S3Responses {
    /// Whether `response` is the 404 `code` that says the bucket has no such setting; throws any
    /// other error.
    static func absent(_ response: HTTPResponseParts, _ code: String) throws -> Bool {
        guard !response.isSuccess else { return false }
        let error = AWSErrors.engineError(response)
        if error.code == code { return true }
        throw error
    }

    /// GetBucketPolicy's answer: the policy text; `nil` for the 404 `NoSuchBucketPolicy`.
    public static func bucketPolicy(_ response: HTTPResponseParts) throws -> String? {
        if try absent(response, "NoSuchBucketPolicy") { return nil }
        return String(decoding: response.body, as: UTF8.self)
    }

    /// GetPublicAccessBlock's answer; `nil` for the 404 `NoSuchPublicAccessBlockConfiguration`.
    public static func publicAccessBlock(_ response: HTTPResponseParts) throws -> PublicAccessBlock? {
        if try absent(response, "NoSuchPublicAccessBlockConfiguration") { return nil }
        return try PublicAccessBlock(
            xml: try ShapeReader.body(
                response.body, root: "PublicAccessBlockConfiguration", operation: "GetPublicAccessBlock"))
    }

    /// The `PublicAccessBlockConfiguration` body of GetPublicAccessBlock.
    public static func publicAccessBlockBody(_ settings: PublicAccessBlock) -> [UInt8] {
        document(settings.xml("PublicAccessBlockConfiguration", .response))
    }

    /// GetObjectLockConfiguration's answer; `nil` for the 404 `ObjectLockConfigurationNotFoundError`
    /// (Object Lock is not enabled).
    public static func objectLockConfiguration(
        _ response: HTTPResponseParts
    ) throws -> ObjectLockConfiguration? {
        if try absent(response, "ObjectLockConfigurationNotFoundError") { return nil }
        let root = try ShapeReader.body(
            response.body, root: "ObjectLockConfiguration", operation: "GetObjectLockConfiguration")
        guard root.string("ObjectLockEnabled") == "Enabled" else { return nil }
        return try ObjectLockConfiguration(xml: root)
    }

    /// GetBucketLifecycleConfiguration's answer; `nil` for the 404 `NoSuchLifecycleConfiguration`.
    public static func lifecycleRules(_ response: HTTPResponseParts) throws -> [LifecycleRule]? {
        if try absent(response, "NoSuchLifecycleConfiguration") { return nil }
        let root = try ShapeReader.body(
            response.body, root: "LifecycleConfiguration", operation: "GetBucketLifecycleConfiguration")
        return try root.flattened("Rule").map { r throws(AWSShapeError) in try LifecycleRule(xml: r) }
    }

    /// The `LifecycleConfiguration` body of GetBucketLifecycleConfiguration.
    public static func lifecycleConfigurationBody(_ rules: [LifecycleRule]) -> [UInt8] {
        document(XMLElementNode("LifecycleConfiguration", children: rules.map { $0.xml("Rule", .response) }))
    }
}

/// `PublicAccessBlockConfiguration`: four booleans, each `false` when absent.
extension PublicAccessBlock: XMLShape {
    init(xml reader: ShapeReader) throws(AWSShapeError) {
        self.init(
            blockPublicAcls: try reader.bool("BlockPublicAcls") ?? false,
            ignorePublicAcls: try reader.bool("IgnorePublicAcls") ?? false,
            blockPublicPolicy: try reader.bool("BlockPublicPolicy") ?? false,
            restrictPublicBuckets: try reader.bool("RestrictPublicBuckets") ?? false)
    }

    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode {
        var e = XMLElementNode(name)
        e.append("BlockPublicAcls", String(blockPublicAcls))
        e.append("IgnorePublicAcls", String(ignorePublicAcls))
        e.append("BlockPublicPolicy", String(blockPublicPolicy))
        e.append("RestrictPublicBuckets", String(restrictPublicBuckets))
        return e
    }
}

/// `ObjectLockConfiguration`: `ObjectLockEnabled` and `Rule/DefaultRetention` (`Mode`, `Days` or
/// `Years`).
extension ObjectLockConfiguration: XMLShape {
    init(xml reader: ShapeReader) throws(AWSShapeError) {
        guard let retention = reader.child("Rule")?.child("DefaultRetention") else {
            self.init()
            return
        }
        guard let mode: S3ObjectLockMode = try retention.value("Mode") else {
            throw retention.missing("Mode")
        }
        self.init(
            defaultRetention: ObjectLockDefaultRetention(
                mode: mode, days: try retention.int("Days"), years: try retention.int("Years")))
    }

    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode {
        var e = XMLElementNode(name, children: [XMLElementNode("ObjectLockEnabled", text: "Enabled")])
        if let r = defaultRetention {
            var retention = XMLElementNode(
                "DefaultRetention", children: [XMLElementNode("Mode", text: r.mode.rawValue)])
            retention.append("Days", r.days.map { String($0) })
            retention.append("Years", r.years.map { String($0) })
            e.append(XMLElementNode("Rule", children: [retention]))
        }
        return e
    }
}

/// A lifecycle `Rule`: `ID`, `Filter` (`Prefix`, `Tag`, or `And` of both) or the legacy `Prefix`,
/// `Status`, `Expiration` (`Days` or `Date`), `Transition`s and `NoncurrentVersionExpiration`.
extension LifecycleRule: XMLShape {
    init(xml reader: ShapeReader) throws(AWSShapeError) {
        guard let status = reader.string("Status") else { throw reader.missing("Status") }
        guard status == "Enabled" || status == "Disabled" else {
            throw reader.error("Status", "expected Enabled or Disabled, found '\(status)'")
        }
        var prefix = reader.string("Prefix")
        var tags: [S3Tag] = []
        if let filter = reader.child("Filter") {
            let and = filter.child("And")
            prefix = filter.string("Prefix") ?? and?.string("Prefix")
            for tag in filter.flattened("Tag") + (and?.flattened("Tag") ?? []) {
                tags.append(S3Tag(key: try tag.required("Key"), value: tag.string("Value") ?? ""))
            }
        }
        let expiration = reader.child("Expiration")
        let transitions = try reader.flattened("Transition").map { t throws(AWSShapeError) in
            LifecycleTransition(days: try t.int("Days"), storageClass: try t.required("StorageClass"))
        }
        self.init(
            id: reader.string("ID"), enabled: status == "Enabled", prefix: prefix, tags: tags,
            expirationDays: try expiration?.int("Days"), expirationDate: try expiration?.date("Date"),
            transitions: transitions,
            noncurrentExpirationDays: try reader.child("NoncurrentVersionExpiration")?.int("NoncurrentDays"))
    }

    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode {
        var e = XMLElementNode(name)
        e.append("ID", id)
        let tagNodes = tags.map {
            XMLElementNode(
                "Tag",
                children: [XMLElementNode("Key", text: $0.key), XMLElementNode("Value", text: $0.value)])
        }
        var filter = XMLElementNode("Filter")
        if tagNodes.isEmpty {
            filter.append("Prefix", prefix ?? "")
        } else if prefix == nil && tagNodes.count == 1 {
            filter.append(tagNodes[0])
        } else {
            var and = XMLElementNode("And")
            and.append("Prefix", prefix)
            and.children += tagNodes
            filter.append(and)
        }
        e.append(filter)
        e.append("Status", enabled ? "Enabled" : "Disabled")
        if expirationDays != nil || expirationDate != nil {
            var expiration = XMLElementNode("Expiration")
            expiration.append("Date", expirationDate.map { AWSTimestamp.iso8601($0) })
            expiration.append("Days", expirationDays.map { String($0) })
            e.append(expiration)
        }
        for t in transitions {
            var transition = XMLElementNode("Transition")
            transition.append("Days", t.days.map { String($0) })
            transition.append("StorageClass", t.storageClass)
            e.append(transition)
        }
        if let days = noncurrentExpirationDays {
            e.append(
                XMLElementNode(
                    "NoncurrentVersionExpiration",
                    children: [XMLElementNode("NoncurrentDays", text: String(days))]))
        }
        return e
    }
}
