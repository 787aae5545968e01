import BopsPlan

/// The campaign graph (``CampaignGraph``) as Mermaid, Graphviz dot or text. Spec names are
/// lowercase letters, digits and `-` (the schema's pattern), so they need no escaping; labels are
/// bops's own words.
enum GraphRenderer {
    static func mermaid(_ graph: CampaignGraph) -> String {
        var out = "flowchart LR\n"
        let ids = identifiers(graph)
        for node in graph.nodes {
            out += "  \(ids[node.name]!)[\"\(node.name)<br/>\(node.label)\"]:::\(node.standing.rawValue)\n"
        }
        for edge in graph.edges {
            guard let from = ids[edge.from], let to = ids[edge.to] else { continue }
            out += "  \(from) \(edge.holds ? "-->" : "-.->")|\(edge.when.rawValue)| \(to)\n"
        }
        let colors: [(CampaignGraph.Standing, String)] = [
            (.done, "fill:#d4f7d4,stroke:#2e7d32"), (.running, "fill:#fff4c2,stroke:#b58900"),
            (.failed, "fill:#f9d0d0,stroke:#c62828"), (.ready, "fill:#d0e4ff,stroke:#1565c0"),
            (.waiting, "fill:#eeeeee,stroke:#757575,stroke-dasharray:4"),
            (.blocked, "fill:#f9d0d0,stroke:#c62828,stroke-dasharray:4"),
            (.other, "fill:#ffffff,stroke:#9e9e9e"),
        ]
        for (standing, style) in colors { out += "  classDef \(standing.rawValue) \(style)\n" }
        return out
    }

    static func dot(_ graph: CampaignGraph) -> String {
        var out = "digraph campaign {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n"
        for node in graph.nodes {
            out +=
                "  \"\(node.name)\" [label=\"\(node.name)\\n\(node.label)\", class=\"\(node.standing.rawValue)\"];\n"
        }
        for edge in graph.edges {
            out +=
                "  \"\(edge.from)\" -> \"\(edge.to)\" [label=\"\(edge.when.rawValue)\"\(edge.holds ? "" : ", style=dashed")];\n"
        }
        return out + "}\n"
    }

    /// One line per spec, dependencies first, with what it waits for indented under it.
    static func text(_ graph: CampaignGraph) -> String {
        var out = ""
        let incoming = Dictionary(grouping: graph.edges, by: \.to)
        for node in graph.nodes {
            out += "\(node.name): \(node.label)\n"
            for edge in incoming[node.name] ?? [] {
                out +=
                    "  \(edge.holds ? "<-" : "<.") \(edge.from) (\(edge.when.rawValue)\(edge.holds ? ", holds" : ""))\n"
            }
        }
        return out
    }

    /// `n0`, `n1`, ... by node order, so names with `-` are safe in every syntax.
    static func identifiers(_ graph: CampaignGraph) -> [String: String] {
        var ids: [String: String] = [:]
        for (i, node) in graph.nodes.enumerated() { ids[node.name] = "n\(i)" }
        return ids
    }
}
