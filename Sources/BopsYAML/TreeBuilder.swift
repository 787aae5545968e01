import BopsDiagnostics
import BopsNode
internal import CLibYAML

/// Builds the documents of one file from libyaml's event stream, without recursion: open collections
/// live on `stack`. Enforces the depth and alias limits, expands aliases and merge keys, and reports
/// duplicate and non-scalar keys. A document with such errors is still returned (the offending node
/// replaced by null or left out) so that later stages can report what else is wrong. Nesting beyond
/// the depth limit, like a libyaml error, ends the file: the document being read is dropped.
struct TreeBuilder {
    private let file: String
    private let limits: YAMLLimits
    private let source: SourceLocator
    private(set) var documents: [Document] = []
    private(set) var diagnostics = Diagnostics()

    private var stack: [Frame] = []
    /// Finished children of the open collections.
    private let nodes = NodeStack()
    /// Resolved keys of the open mappings (see `Frame.keyBase`).
    private var keyValues: [ScalarValue] = []
    private static let keyIndexThreshold = 32
    private var root: Node?
    private var anchors: [String: Anchored] = [:]
    /// Nodes copied by aliases in the current document.
    private var expansion = 0
    private var expansionRefused = false
    private var documentsSeen = 0

    init(file: String, limits: YAMLLimits, source: SourceLocator) {
        self.file = file
        self.limits = limits
        self.source = source
    }

    /// Reads events until the end of the stream, a libyaml error, or the document or depth limit.
    mutating func build(with parser: LibYAMLParser) {
        while true {
            guard let proceed = parser.next({ event in handle(event) }) else {
                diagnostics.append(parser.error(file: file, source: source))
                return
            }
            if !proceed { return }
        }
    }

    // MARK: - Events

    /// Handles one event; false when reading must stop.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let start = LibYAMLParser.mark(event.start_mark)
        let end = LibYAMLParser.mark(event.end_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentsSeen += 1
            if documentsSeen > limits.maxDocuments {
                report(
                    "more than \(limits.maxDocuments) documents in one file", start, end,
                    hint: "split the documents over several files")
                return false
            }
            resetDocument()
        case YAML_DOCUMENT_END_EVENT:
            if let root, !Self.isEmptyDocument(root) {
                documents.append(Document(file: file, index: documents.count, root: root))
            }
            resetDocument()
        case YAML_STREAM_END_EVENT:
            return false
        case YAML_SCALAR_EVENT:
            scalar(event, start, end)
        case YAML_ALIAS_EVENT:
            alias(Self.string(event.data.alias.anchor) ?? "", start, end)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            // Too deep ends the file: libyaml spends time proportional to the flow depth on every
            // token, so reading on through a deeply nested file would be quadratic.
            if stack.count >= limits.maxDepth {
                report(
                    "nesting is deeper than \(limits.maxDepth) levels", start, end,
                    hint: "flatten the structure; a spec needs only a few levels")
                return false
            }
            let isSequence = event.type == YAML_SEQUENCE_START_EVENT
            let data = event.data
            stack.append(
                Frame(
                    kind: isSequence ? .sequence : .mapping, start: start,
                    tag: Self.string(isSequence ? data.sequence_start.tag : data.mapping_start.tag),
                    anchor: Self.string(isSequence ? data.sequence_start.anchor : data.mapping_start.anchor),
                    base: nodes.count, keyBase: keyValues.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { break }
            finish(frame, end)
        default:
            break
        }
        return true
    }

    private mutating func scalar(_ event: yaml_event_t, _ start: Mark, _ end: Mark) {
        let s = event.data.scalar
        let bytes = UnsafeBufferPointer(start: s.value, count: s.length)
        let text = String(decoding: bytes, as: UTF8.self)
        let style: ScalarStyle
        switch s.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        let tag = Self.string(s.tag)
        let value: ScalarValue
        if let tag {
            let resolved = CoreTag.resolve(tag: tag, bytes: bytes, text: text)
            value = resolved.value
            if let problem = resolved.problem {
                report(problem, start, end, hint: "remove the tag \(CoreTag.display(tag)) or fix the value")
            } else if !CoreTag.known.contains(tag) {
                warn("unknown tag \(tag); the value is read as a string", start, end)
            } else if tag == CoreTag.seq || tag == CoreTag.map || tag == CoreTag.merge {
                report(
                    "tag \(CoreTag.display(tag)) cannot apply to a scalar", start, end,
                    hint: "remove the tag")
            }
        } else if style == .plain {
            value = ScalarResolver.resolvePlain(bytes, text: text)
        } else {
            value = .string(text)
        }
        let node = Node(
            .scalar(Scalar(text: text, style: style, value: value)), start: start, end: end, tag: tag)
        add(node, size: 1, anchor: Self.string(s.anchor))
    }

    private mutating func alias(_ name: String, _ start: Mark, _ end: Mark) {
        guard let anchored = anchors[name] else {
            if stack.contains(where: { $0.anchor == name }) {
                report(
                    "alias *\(name) refers to the node that contains it", start, end,
                    hint: "a node cannot contain itself; write the values out")
            } else {
                let guess = Suggestion.closest(to: name, among: anchors.keys).map { "did you mean *\($0)? " }
                report(
                    "alias *\(name) refers to no anchor", start, end,
                    hint: (guess ?? "") + "define &\(name) on a node before this alias, in the same document")
            }
            add(Self.null(start, end), size: 1, anchor: nil)
            return
        }
        if expansionRefused {
            add(Self.null(start, end), size: 1, anchor: nil)
            return
        }
        expansion += anchored.size
        if expansion > limits.maxAliasExpansion {
            expansionRefused = true
            report(
                "aliases expand to more than \(limits.maxAliasExpansion) nodes", start, end,
                hint: "write the values out instead of nesting aliases (this looks like an alias bomb)")
            add(Self.null(start, end), size: 1, anchor: nil)
            return
        }
        var copy = anchored.node
        copy.start = start
        copy.end = end
        add(copy, size: anchored.size, anchor: nil)
    }

    private mutating func finish(_ frame: Frame, _ end: Mark) {
        let node: Node
        switch frame.kind {
        case .sequence:
            node = Node(.sequence(nodes.take(from: frame.base)), start: frame.start, end: end, tag: frame.tag)
        case .mapping:
            let pairs = frame.merged(nodes.takePairs(from: frame.base), keys: keyValues[frame.keyBase...])
            keyValues.removeSubrange(frame.keyBase...)
            node = Node(.mapping(pairs), start: frame.start, end: end, tag: frame.tag)
        }
        if let tag = frame.tag, tag != CoreTag.nonSpecific {
            let expected = frame.kind == .sequence ? CoreTag.seq : CoreTag.map
            if tag == expected {
            } else if CoreTag.known.contains(tag) {
                let kind = frame.kind == .sequence ? "list" : "mapping"
                report(
                    "tag \(CoreTag.display(tag)) cannot apply to a \(kind)", frame.start, frame.start,
                    hint: "remove the tag")
            } else {
                warn("unknown tag \(tag) is ignored", frame.start, frame.start)
            }
        }
        add(node, size: frame.size, anchor: frame.anchor)
    }

    // MARK: - Tree

    /// Attaches a finished node to the open collection (or makes it the document's root).
    private mutating func add(_ node: Node, size: Int, anchor: String?) {
        if let anchor { anchors[anchor] = Anchored(node: node, size: size) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        if stack[top].kind == .sequence {
            nodes.push(node)
            return
        }
        switch stack[top].state {
        case .expectKey:
            stack[top].state = keyState(for: node, in: top)
            if case .key = stack[top].state { nodes.push(node) }
        case .key(let keyValue):
            nodes.push(node)
            addKey(keyValue, in: top)
            stack[top].state = .expectKey
        case .mergeKey:
            merge(node, into: top)
            stack[top].state = .expectKey
        case .dropValue:
            stack[top].state = .expectKey
        }
    }

    /// Checks a finished mapping key: it must be a scalar, not null, and not repeat an earlier key.
    private mutating func keyState(for key: Node, in top: Int) -> Frame.State {
        guard let scalar = key.scalar else {
            let kind = key.sequence != nil ? "list" : "mapping"
            report(
                "a \(kind) cannot be a mapping key", key.start, key.end,
                hint: "keys must be names; complex keys ('? ' or [a, b]: ...) are not supported")
            return .dropValue
        }
        if scalar.value == .null {
            report(
                "mapping key is null", key.start, key.end, keyText: scalar.text,
                hint: "write a name before ':'; quote it (\"\(scalar.text)\") if the key is that word")
            return .dropValue
        }
        if (key.tag == nil && scalar.style == .plain && scalar.text == "<<") || key.tag == CoreTag.merge {
            if stack[top].merge != nil {
                report(
                    "duplicate merge key '<<'", key.start, key.end, keyText: "<<",
                    hint: "merge several mappings with one key: '<<: [*a, *b]'")
                return .dropValue
            }
            return .mergeKey
        }
        if let first = firstKey(equalTo: scalar.value, in: top) {
            report(
                "duplicate key '\(scalar.text)' (first defined at line \(first.line))", key.start, key.end,
                keyText: scalar.text, hint: "remove one of the two; a mapping holds each key once")
            return .dropValue
        }
        return .key(scalar.value)
    }

    /// Records the sources of a merge key `<<: *a` or `<<: [*a, *b]`.
    private mutating func merge(_ value: Node, into top: Int) {
        let sources: [Node]
        if value.mapping != nil {
            sources = [value]
        } else if let items = value.sequence, items.allSatisfy({ $0.mapping != nil }) {
            sources = items
        } else {
            report(
                "the merge key '<<' needs a mapping or a list of mappings, not \(value.typeName)",
                value.start, value.end, hint: "write '<<: *name' where &name marks a mapping")
            return
        }
        stack[top].merge = Frame.Merge(position: keyValues.count - stack[top].keyBase, sources: sources)
    }

    /// Records the resolved value of a mapping's key once its pair is complete.
    private mutating func addKey(_ value: ScalarValue, in top: Int) {
        keyValues.append(value)
        let position = keyValues.count - 1 - stack[top].keyBase
        if var index = stack[top].keyIndex {
            stack[top].keyIndex = nil
            if index[value] == nil { index[value] = position }
            stack[top].keyIndex = index
        } else if position + 1 == Self.keyIndexThreshold {
            var index: [ScalarValue: Int] = [:]
            for (i, v) in keyValues[stack[top].keyBase...].enumerated() where index[v] == nil { index[v] = i }
            stack[top].keyIndex = index
        }
    }

    /// The start of an earlier key of the open mapping `top` equal to `value`, if any.
    private func firstKey(equalTo value: ScalarValue, in top: Int) -> Mark? {
        let frame = stack[top]
        let position: Int?
        if let index = frame.keyIndex {
            position = index[value]
        } else {
            position = keyValues[frame.keyBase...].firstIndex(of: value).map { $0 - frame.keyBase }
        }
        return position.map { nodes[frame.base + 2 * $0].start }
    }

    private mutating func resetDocument() {
        stack.removeAll(keepingCapacity: true)
        nodes.drop(from: 0)
        keyValues.removeAll(keepingCapacity: true)
        root = nil
        anchors = [:]
        expansion = 0
        expansionRefused = false
    }

    // MARK: - Diagnostics

    private mutating func report(
        _ summary: String, _ start: Mark, _ end: Mark, keyText: String? = nil, hint: String
    ) {
        diagnostics.append(
            .error(
                summary, at: SourceRange(file: file, start: start, end: end), hint: hint,
                pointer: pointer(appending: keyText)))
    }

    private mutating func warn(_ summary: String, _ start: Mark, _ end: Mark) {
        diagnostics.append(
            Diagnostic(
                .warning, summary, range: SourceRange(file: file, start: start, end: end),
                pointer: pointer(appending: nil)))
    }

    /// The JSON pointer of the node being read, from the open collections.
    private func pointer(appending key: String?) -> String {
        var pointer = ""
        for (i, frame) in stack.enumerated() {
            let end = i + 1 < stack.count ? stack[i + 1].base : nodes.count
            if frame.kind == .sequence {
                pointer += "/\(end - frame.base)"
                continue
            }
            switch frame.state {
            case .key: pointer += "/" + Node.escapePointerToken(nodes[end - 1].scalar?.text ?? "")
            case .mergeKey: pointer += "/<<"
            case .expectKey, .dropValue: break
            }
        }
        if let key { pointer += "/" + Node.escapePointerToken(key) }
        return pointer
    }

    // MARK: - Helpers

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    private static func null(_ start: Mark, _ end: Mark) -> Node {
        Node(.scalar(Scalar(text: "", style: .plain, value: .null)), start: start, end: end)
    }

    /// A document that holds only comments (or nothing) comes out of libyaml as an empty plain scalar.
    private static func isEmptyDocument(_ root: Node) -> Bool {
        guard root.tag == nil, let s = root.scalar else { return false }
        return s.style == .plain && s.text.isEmpty
    }
}

/// An anchored node and how many nodes it holds (itself included), which is what an alias copies.
struct Anchored {
    var node: Node
    var size: Int
}
