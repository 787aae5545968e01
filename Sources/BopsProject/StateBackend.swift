public import BopsDiagnostics
import BopsNode

/// Where `bops.yaml` keeps the state: `state: { backend: local, path: ... }` (the default) or
/// `state: { backend: s3, bucket: ..., key: ..., region: ..., kmsKeyId: ... }`.
public enum StateBackend: Sendable, Hashable {
    case local
    case s3(S3StateLocation)

    static let localKeys = ["backend", "path"]
    static let s3Keys = ["backend", "bucket", "key", "region", "kmsKeyId"]

    /// Reads the `state` mapping, with an error at every key that does not fit the backend.
    static func parse(_ sub: inout MappingReader, into config: inout ProjectConfig) -> StateBackend {
        let backend = sub.string("backend")
        switch backend?.value ?? "local" {
        case "local":
            sub.checkKeys(localKeys)
            if let v = sub.string("path") { config.statePath = v.value }
            return .local
        case "s3":
            sub.checkKeys(s3Keys)
            var location = S3StateLocation(bucket: "", key: "")
            location.range = sub.node.range(in: sub.file)
            if let v = sub.string("bucket") {
                if S3StateLocation.isBucketName(v.value) {
                    location.bucket = v.value
                } else {
                    sub.error(
                        "'\(v.value)' is not an S3 bucket name", at: v.node,
                        hint: "3 to 63 characters: lowercase letters, digits, dots and hyphens")
                }
            } else {
                sub.error("the s3 state backend needs a bucket", at: sub.node, hint: "add bucket: NAME")
            }
            if let v = sub.string("key") {
                if v.value.isEmpty || v.value.hasSuffix("/") || v.value.hasPrefix("/")
                    || v.value.utf8.count > 1019
                {
                    sub.error(
                        "'\(v.value)' is not a key for the state object", at: v.node,
                        hint: "name an object, for example key: bops/prod/state.json")
                } else {
                    location.key = v.value
                }
            } else {
                sub.error(
                    "the s3 state backend needs a key", at: sub.node, hint: "add key: bops/prod/state.json")
            }
            if let v = sub.string("region") { location.region = v.value }
            if let v = sub.string("kmsKeyId") { location.kmsKeyId = v.value }
            return .s3(location)
        case let other:
            if let node = backend?.node {
                sub.error("unknown state backend '\(other)'", at: node, hint: "use local or s3")
            }
            return .local
        }
    }
}

/// The S3 object that holds the state; the lock is `<key>.lock` next to it.
public struct S3StateLocation: Sendable, Hashable {
    public var bucket: String
    public var key: String
    /// `nil`: the usual region order (`AWS_REGION`, the profile, bops.yaml's `region`).
    public var region: String?
    /// SSE-KMS key for the state and the lock; `nil`: the bucket's default encryption.
    public var kmsKeyId: String?
    /// Where `state:` is written, for errors about it.
    public var range: SourceRange?

    public init(bucket: String, key: String, region: String? = nil, kmsKeyId: String? = nil) {
        self.bucket = bucket
        self.key = key
        self.region = region
        self.kmsKeyId = kmsKeyId
    }

    static func isBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        let ok = { (c: UInt8) in (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
        guard let first = bytes.first, let last = bytes.last, ok(first), ok(last) else { return false }
        return bytes.allSatisfy { ok($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }
}
