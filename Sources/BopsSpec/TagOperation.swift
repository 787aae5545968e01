public import BopsJobs
import BopsNode

extension JobSpec {
    /// `operation.tag`: S3PutObjectTagging (botocore `S3SetObjectTaggingOperation`). Every object
    /// ends with exactly the tags of `set`: the whole tag set is replaced, not merged.
    public struct TagOperation: Sendable, Hashable, Codable {
        /// The S3 limit of tags on one object.
        public static let maxTags = 10

        /// `tag.set`: 1 to 10 tags; keys 1 to 128 characters, values 0 to 256 (the schema's limits).
        public var tags: [String: String]

        public init(tags: [String: String]) { self.tags = tags }

        /// The tags sorted by key, the order in which they are sent and shown.
        public var sortedTags: [S3Tag] {
            tags.sorted { $0.key < $1.key }.map { S3Tag(key: $0.key, value: $0.value) }
        }
    }
}

extension JobSpec.TagOperation {
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        guard node["set"] != nil else {
            d.mismatch(nil, at + "/set", expected: "an object")
            return nil
        }
        return Self(tags: d.stringMap(node, "set", at))
    }

    /// Tag keys and values use the characters S3 allows; keys do not start with `aws:`.
    func check(at: String, _ c: inout RuleContext) {
        SemanticRules.tagCharacters(tags, at: at + "/set", reservedPrefixes: ["aws:"], &c)
    }

    var canonicalValue: CanonicalJSON { .object(["set": .map(tags)]) }

    /// The `S3SetObjectTaggingOperation` CreateJob sends: the tags sorted by key.
    public var s3Operation: S3SetObjectTaggingOperation { S3SetObjectTaggingOperation(tagSet: sortedTags) }
}
