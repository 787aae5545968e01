import BopsEncoding
public import BopsJobs
import Crypto

/// Names and tags that tie an engine's job back to its spec.
public enum JobIdentity {
    public static let nameTag = "bops:spec"
    public static let digestTag = "bops:digest"

    /// The `ClientRequestToken` of a spec's job: a function of (name, digest, generation) only, so a
    /// retried or resumed CreateJob for the same job always carries the same token (64 hex characters,
    /// the API's maximum length).
    public static func clientToken(name: String, digest: String, generation: Int) -> String {
        let input = "bops/v1\u{0}\(name)\u{0}\(digest)\u{0}\(generation)"
        return Hex.encode(SHA256.hash(data: Array(input.utf8)))
    }

    /// The job tags sent with CreateJob and PutJobTagging: the user's tags plus the bops ones.
    public static func tags(name: String, digest: String, user: [String: String]) -> [String: String] {
        var all = user
        all[nameTag] = name
        all[digestTag] = digest
        return all
    }

    /// The user's part of a job's tags.
    public static func userTags(_ tags: [String: String]) -> [String: String] {
        tags.filter { $0.key != nameTag && $0.key != digestTag }
    }

    /// The user's part of a request's tags (for a plan saved before actions carried them).
    public static func userTags(of request: CreateJobRequest) -> [String: String] {
        userTags(
            Dictionary((request.tags ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        )
    }
}

extension JobIdentity {
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}
