/// The dependency graph of a plan: one node per spec with where it stands, one edge per
/// `dependsOn` entry from the dependency to the spec that waits for it. What `bops graph` and the
/// markdown plan's Mermaid chart draw.
public struct CampaignGraph: Sendable, Hashable {
    /// Where a spec stands in the campaign.
    public enum Standing: String, Sendable, Hashable {
        /// Its job ended Complete.
        case done
        /// Its job is being prepared, runs, or waits for confirmation.
        case running
        /// Its job ended Failed or Cancelled.
        case failed
        /// This plan creates (or clones, replaces) its job.
        case ready
        case waiting
        case blocked
        /// Removed from the specs, or nothing recorded.
        case other
    }

    public struct Node: Sendable, Hashable {
        public var name: String
        public var standing: Standing
        /// `Complete: 3 tasks succeeded`, `to create`, `waiting`.
        public var label: String
    }

    public struct Edge: Sendable, Hashable {
        public var from: String
        public var to: String
        public var when: Dependency.Condition
        public var holds: Bool
    }

    public var nodes: [Node]
    public var edges: [Edge]

    /// The graph of `plan`: the parts of a split spec (`NAME#0001`, ...) are one node, `NAME`,
    /// standing as its least advanced part and labelled with the count of its parts by standing;
    /// an edge holds when it holds for every part.
    public init(_ plan: Plan) {
        var order: [String] = []
        var actionsOf: [String: [PlannedAction]] = [:]
        var seen = Set<String>()
        for action in plan.actions where seen.insert(action.name).inserted {
            let spec = JobIdentity.spec(ofJob: action.name)
            if actionsOf[spec] == nil { order.append(spec) }
            actionsOf[spec, default: []].append(action)
        }
        var edges: [Edge] = []
        var edgeAt: [String: Int] = [:]
        nodes = order.map { spec in
            let actions = actionsOf[spec] ?? []
            for action in actions {
                for check in action.conditions ?? [] {
                    let key = check.dependency.spec + "\n" + spec + "\n" + check.dependency.when.rawValue
                    if let i = edgeAt[key] {
                        edges[i].holds = edges[i].holds && check.verdict == .holds
                    } else {
                        edgeAt[key] = edges.count
                        edges.append(
                            Edge(
                                from: check.dependency.spec, to: spec, when: check.dependency.when,
                                holds: check.verdict == .holds))
                    }
                }
            }
            guard actions.count > 1 else {
                return Node(name: spec, standing: Self.standing(actions[0]), label: Self.label(actions[0]))
            }
            let standings = actions.map(Self.standing)
            let least = Self.progressOrder.first { standings.contains($0) } ?? .other
            let counts = Self.progressOrder.compactMap { standing -> String? in
                let n = standings.filter { $0 == standing }.count
                return n == 0 ? nil : "\(n) \(standing.rawValue)"
            }
            let label = "\(actions.count) parts: " + counts.joined(separator: ", ")
            return Node(name: spec, standing: least, label: label)
        }
        self.edges = edges
    }

    /// Standings from the least advanced to the most: a split spec stands as its first one here.
    static let progressOrder: [Standing] = [.blocked, .failed, .waiting, .ready, .running, .done, .other]

    static func standing(_ a: PlannedAction) -> Standing {
        switch a.kind {
        case .create, .clone, .replace, .adopt: return .ready
        case .wait: return .waiting
        case .blocked: return .blocked
        case .forget, .cancel: return .other
        case .confirm, .update: return .running
        case .none:
            switch a.status {
            case .complete?: return .done
            case .failed?, .cancelled?: return .failed
            case nil: return .other
            default: return .running
            }
        }
    }

    static func label(_ a: PlannedAction) -> String {
        switch a.kind {
        case .create: return "to create"
        case .clone: return "to clone"
        case .replace: return "to replace"
        case .adopt: return "to adopt"
        case .wait: return "waiting"
        case .blocked: return "blocked"
        case .forget: return "to forget"
        case .cancel: return "to cancel"
        case .confirm: return "to confirm"
        case .update, .none: return a.status.map { Planner.summary($0, a.progress) } ?? "no job"
        }
    }
}
