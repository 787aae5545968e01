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
    static func parse(_ sub: Node, _ d: inout NodeDecoder, into config: inout ProjectConfig) -> StateBackend {
        let backend = d.located(sub, "backend", "/state")
        switch backend?.value ?? "local" {
        case "local":
            d.checkKeys(of: sub, localKeys, in: "state")
            if let v = d.string(sub, "path", "/state") { config.statePath = v }
            return .local
        case "s3":
            d.checkKeys(of: sub, s3Keys, in: "state")
            var location = S3StateLocation(bucket: "", key: "")
            location.range = sub.range(in: d.file)
            if let v = d.located(sub, "bucket", "/state") {
                if S3StateLocation.isBucketName(v.value) {
                    location.bucket = v.value
                } else {
                    d.error(
                        "'\(v.value)' is not an S3 bucket name", at: v.node,
                        hint: "3 to 63 characters: lowercase letters, digits, dots and hyphens")
                }
            } else {
                d.error("the s3 state backend needs a bucket", at: sub, hint: "add bucket: NAME")
            }
            if let v = d.located(sub, "key", "/state") {
                if v.value.isEmpty || v.value.hasSuffix("/") || v.value.hasPrefix("/")
                    || v.value.utf8.count > 1019
                {
                    d.error(
                        "'\(v.value)' is not a key for the state object", at: v.node,
                        hint: "name an object, for example key: bops/prod/state.json")
                } else {
                    location.key = v.value
                }
            } else {
                d.error(
                    "the s3 state backend needs a key", at: sub, hint: "add key: bops/prod/state.json")
            }
            if let v = d.string(sub, "region", "/state") { location.region = v }
            if let v = d.string(sub, "kmsKeyId", "/state") { location.kmsKeyId = v }
            return .s3(location)
        case let other:
            if let node = backend?.node {
                d.error("unknown state backend '\(other)'", at: node, hint: "use local or s3")
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
