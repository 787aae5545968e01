/// Bounds that keep a hostile or mistaken file from exhausting time or memory while it is read.
///
/// Every limit is checked before the work it bounds is done: the size before parsing, the depth before
/// a collection is built, the alias budget before an alias is copied.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of mappings and sequences accepted; the root collection is at depth 1.
    public var maxDepth: Int
    /// Most nodes that aliases may add to one document by copying anchored nodes
    /// (a copy of an anchored mapping with three scalars counts four nodes).
    public var maxAliasExpansion: Int
    /// Most documents (`---` sections) read from one file.
    public var maxDocuments: Int

    public init(maxBytes: Int, maxDepth: Int, maxAliasExpansion: Int, maxDocuments: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocuments = maxDocuments
    }

    /// 4 MiB, depth 64, 10,000 alias-copied nodes per document, 1,000 documents per file.
    public static let `default` = YAMLLimits(
        maxBytes: 4 << 20, maxDepth: 64, maxAliasExpansion: 10_000, maxDocuments: 1_000)
}
