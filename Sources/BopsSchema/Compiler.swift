import BopsDiagnostics
import BopsEncoding
import BopsNode

/// Turns a schema document into the rule table: walks every subschema once, registers `$id`s,
/// and resolves every `$ref` to a rule index (compiling referenced locations on demand).
final class SchemaCompiler {
    struct Location: Hashable {
        var doc: Int
        var pointer: String
    }

    struct PendingRef {
        var rule: Int
        var uri: URIReference
        var node: Node
        var doc: Int
    }

    static let defaultBase = URIReference("bops:/schema.json")

    var rules: [Keywords] = []
    var docs: [(node: Node, file: String)] = []
    var located: [Location: Int] = [:]
    var resources: [String: Location] = [:]
    var anchors: [String: Location] = [:]
    var pending: [PendingRef] = []
    var errors = Diagnostics()

    func addDocument(_ root: Node, file: String) -> Int {
        docs.append((root, file))
        return docs.count - 1
    }

    func error(_ summary: String, _ node: Node, doc: Int, hint: String? = nil) {
        errors.append(.error("invalid schema: \(summary)", at: node.range(in: docs[doc].file), hint: hint))
    }

    /// Compiles the document's root and everything it references.
    func compileAll(doc: Int) -> Int {
        let root = compile(docs[doc].node, Location(doc: doc, pointer: ""), base: Self.defaultBase)
        resolvePending()
        describeAlternatives()
        return root
    }

    func compile(_ node: Node, _ loc: Location, base: URIReference) -> Int {
        if let existing = located[loc] { return existing }
        let index = rules.count
        rules.append(Keywords())
        located[loc] = index
        switch node.content {
        case .scalar(let s):
            if case .bool(let b) = s.value {
                rules[index].boolean = b
            } else {
                error("a schema must be an object or a boolean", node, doc: loc.doc)
                rules[index].boolean = true
            }
        case .sequence:
            error("a schema must be an object or a boolean", node, doc: loc.doc)
            rules[index].boolean = true
        case .mapping(let pairs):
            rules[index] = compileObject(pairs, node, loc, base: base, index: index)
        }
        return index
    }

    private func compileObject(
        _ pairs: [Node.Pair], _ node: Node, _ loc: Location, base: URIReference, index: Int
    ) -> Keywords {
        var k = Keywords()
        if let refNode = node["$ref"] {
            if let text = refNode.string {
                pending.append(
                    PendingRef(
                        rule: index, uri: URIReference(text).resolved(against: base), node: refNode,
                        doc: loc.doc))
            } else {
                error("'$ref' must be a string", refNode, doc: loc.doc)
            }
            return k
        }
        var base = base
        if let idNode = node["$id"], let id = idNode.string {
            let ref = URIReference(id)
            let resolved = ref.resolved(against: base)
            if ref.scheme == nil && ref.authority == nil && ref.path.isEmpty && ref.query == nil {
                if let fragment = resolved.fragment, !fragment.isEmpty {
                    anchors[resolved.withoutFragment + "#" + fragment] = loc
                }
            } else {
                base = resolved
                base.fragment = nil
                resources[base.text] = loc
                if let fragment = resolved.fragment, !fragment.isEmpty {
                    anchors[base.text + "#" + fragment] = loc
                }
            }
        }
        let c = KeywordReader(compiler: self, loc: loc, base: base)
        for pair in pairs {
            guard let key = pair.key.string else { continue }
            c.read(key, pair.value, into: &k)
        }
        return k
    }

    /// Resolves `$ref`s until none is left; referenced locations not yet compiled are compiled now.
    func resolvePending() {
        while let ref = pending.popLast() {
            guard let target = resolve(ref) else {
                error(
                    "cannot resolve $ref '\(ref.node.string ?? "")'", ref.node, doc: ref.doc,
                    hint: "only references inside this schema (and to the draft-07 meta-schema) are supported"
                )
                rules[ref.rule].boolean = true
                continue
            }
            rules[ref.rule].ref = target
        }
    }

    private func resolve(_ ref: PendingRef) -> Int? {
        let resource = ref.uri.withoutFragment
        guard let fragment = URIEncoding.decodeIfValid(ref.uri.fragment ?? "") else { return nil }
        let loc: Location
        if fragment.isEmpty || fragment.hasPrefix("/") {
            var root = resources[resource]
            if root == nil, ref.doc == 0, resource == SchemaCompiler.defaultBase.text {
                root = Location(doc: 0, pointer: "")
            }
            if root == nil, let meta = Metaschema.load(for: resource, into: self) {
                root = meta
            }
            guard let root else { return nil }
            loc = Location(doc: root.doc, pointer: root.pointer + fragment)
        } else {
            guard let anchored = anchors[resource + "#" + fragment] else { return nil }
            loc = anchored
        }
        if let index = located[loc] { return index }
        guard let node = JSONPointer.resolve(loc.pointer, in: docs[loc.doc].node) else { return nil }
        return compile(node, loc, base: baseURI(of: loc))
    }

    /// The base URI in effect at `loc`: the `$id`s of the objects on the way from the document root.
    private func baseURI(of loc: Location) -> URIReference {
        var base = Self.defaultBase
        var node = docs[loc.doc].node
        func apply(_ n: Node) {
            if n["$ref"] == nil, let id = n["$id"]?.string {
                let ref = URIReference(id)
                if ref.scheme != nil || ref.authority != nil || !ref.path.isEmpty {
                    base = ref.resolved(against: base)
                    base.fragment = nil
                }
            }
        }
        apply(node)
        guard !loc.pointer.isEmpty else { return base }
        for raw in loc.pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = JSONPointer.unescape(raw)
            switch node.content {
            case .mapping(let pairs):
                guard let next = pairs.first(where: { $0.key.string == token }) else { return base }
                node = next.value
            case .sequence(let items):
                guard let i = Int(token), items.indices.contains(i) else { return base }
                node = items[i]
            case .scalar:
                return base
            }
            apply(node)
        }
        return base
    }

    /// The rule a branch stands for, seen through `$ref` chains.
    func target(_ index: Int) -> Keywords {
        var i = index
        var hops = 0
        while let next = rules[i].ref, hops < 64 {
            i = next
            hops += 1
        }
        return rules[i]
    }

    /// Fills in labels, property names, types and discriminators of every `oneOf`/`anyOf`.
    func describeAlternatives() {
        for i in rules.indices {
            if let alt = rules[i].oneOf { rules[i].oneOf = describe(alt) }
            if let alt = rules[i].anyOf { rules[i].anyOf = describe(alt) }
        }
    }

    private func describe(_ input: Alternatives) -> Alternatives {
        var alt = input
        let branches = alt.branches.map(target)
        let requiredSets = branches.map { Set($0.required) }
        let common = requiredSets.dropFirst().reduce(requiredSets.first ?? []) { $0.intersection($1) }
        alt.propertyNames = branches.map { Set($0.propertyOrder).union($0.required) }
        alt.types = branches.map(\.types)
        alt.labels = branches.enumerated().map { b, k in
            let own = k.required.filter { !common.contains($0) }
            if !own.isEmpty { return own }
            let others = alt.propertyNames.enumerated().filter { $0.offset != b }.map(\.element)
            return k.propertyOrder.filter { name in !others.contains { $0.contains(name) } }
        }
        if let first = branches.first, branches.count > 1 {
            for key in first.propertyOrder {
                let values = branches.map { b -> Node? in
                    guard let p = b.properties[key] else { return nil }
                    let t = target(p)
                    if let c = t.constValue { return c }
                    if let e = t.enumValues, e.count == 1 { return e[0] }
                    return nil
                }
                if values.allSatisfy({ $0 != nil }) {
                    alt.discriminator = key
                    alt.discriminatorValues = values
                    break
                }
            }
        }
        return alt
    }
}
