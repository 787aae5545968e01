import BopsDiagnostics

/// A mapping or sequence that has started but not ended, while the tree is built.
struct Frame {
    enum Kind { case sequence, mapping }

    /// Where a mapping is between its keys and values.
    enum State {
        case expectKey
        /// A key was read; its value comes next.
        case key(Node)
        /// The merge key `<<` was read; its value names the mappings to merge.
        case mergeKey
        /// The key was refused (and reported); its value is read and dropped.
        case dropValue
    }

    /// The mappings of a merge key, and where among the explicit pairs their pairs go.
    struct Merge {
        var position: Int
        var sources: [Node]
    }

    var kind: Kind
    var start: Mark
    var tag: String?
    var anchor: String?
    /// Nodes in this collection, itself included.
    var size = 1
    var items: [Node] = []
    var pairs: [Node.Pair] = []
    var state = State.expectKey
    var merge: Merge?
    /// Start of each key, built once a mapping grows past a few keys so duplicate checks stay linear.
    private var keyIndex: [ScalarValue: Mark]?

    private static let indexThreshold = 12

    init(kind: Kind, start: Mark, tag: String?, anchor: String?) {
        self.kind = kind
        self.start = start
        self.tag = tag
        self.anchor = anchor
    }

    mutating func add(_ pair: Node.Pair) {
        pairs.append(pair)
        if var index = keyIndex {
            keyIndex = nil
            if let value = pair.key.scalar?.value, index[value] == nil { index[value] = pair.key.start }
            keyIndex = index
        } else if pairs.count == Self.indexThreshold {
            var index: [ScalarValue: Mark] = [:]
            for p in pairs {
                if let v = p.key.scalar?.value, index[v] == nil { index[v] = p.key.start }
            }
            keyIndex = index
        }
    }

    /// The start of an explicit key equal to `value`, if this mapping has one.
    func firstKey(equalTo value: ScalarValue) -> Mark? {
        if let keyIndex { return keyIndex[value] }
        return pairs.first { $0.key.scalar?.value == value }?.key.start
    }

    /// The pairs with those of the merge key inserted where `<<` stood: explicit keys win over merged
    /// ones, and among merged mappings the first listed wins.
    func mergedPairs() -> [Node.Pair] {
        guard let merge else { return pairs }
        var seen = Set<ScalarValue>()
        for p in pairs {
            if let v = p.key.scalar?.value { seen.insert(v) }
        }
        var merged: [Node.Pair] = []
        for source in merge.sources {
            for p in source.mapping ?? [] {
                guard let v = p.key.scalar?.value else { continue }
                if seen.insert(v).inserted { merged.append(p) }
            }
        }
        var result = pairs
        result.insert(contentsOf: merged, at: merge.position)
        return result
    }
}
