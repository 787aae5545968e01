import BopsDiagnostics
import BopsNode

/// A mapping or sequence that has started but not ended, while the tree is built. Its finished
/// children wait on the builder's `NodeStack` from `base` on (a mapping's as key, value, key, ...),
/// and a mapping's resolved keys in the builder's key list from `keyBase` on.
struct Frame {
    enum Kind { case sequence, mapping }

    /// Where a mapping is between its keys and values.
    enum State {
        case expectKey
        /// A key with this resolved value was pushed; its value comes next.
        case key(ScalarValue)
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
    let base: Int
    let keyBase: Int
    /// Nodes in this collection, itself included.
    var size = 1
    var state = State.expectKey
    var merge: Merge?
    /// Position (from `keyBase`) of each key, built only for large mappings so that duplicate
    /// checks stay linear overall.
    var keyIndex: [ScalarValue: Int]?

    init(kind: Kind, start: Mark, tag: String?, anchor: String?, base: Int, keyBase: Int) {
        self.kind = kind
        self.start = start
        self.tag = tag
        self.anchor = anchor
        self.base = base
        self.keyBase = keyBase
    }

    /// `pairs` with those of the merge key inserted where `<<` stood: explicit keys (`keys`) win over
    /// merged ones, and among merged mappings the first listed wins.
    func merged(_ pairs: [Node.Pair], keys: ArraySlice<ScalarValue>) -> [Node.Pair] {
        guard let merge else { return pairs }
        var seen = Set(keys)
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
