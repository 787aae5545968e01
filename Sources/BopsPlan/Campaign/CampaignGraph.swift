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

    public init(_ plan: Plan) {
        var nodes: [Node] = []
        var edges: [Edge] = []
        var seen = Set<String>()
        for action in plan.actions where seen.insert(action.name).inserted {
            nodes.append(Node(name: action.name, standing: Self.standing(action), label: Self.label(action)))
            for check in action.conditions ?? [] {
                edges.append(
                    Edge(
                        from: check.dependency.spec, to: action.name, when: check.dependency.when,
                        holds: check.verdict == .holds))
            }
        }
        self.nodes = nodes
        self.edges = edges
    }

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
