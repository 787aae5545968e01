/// Where each spec of a plan stands for `apply --wait`: the rounds go on while some spec acts,
/// runs or waits, and end when every one has ended, is blocked or needs a person.
public struct CampaignProgress: Sendable, Hashable {
    /// This plan changes something for them (create, confirm, update, ...): the next round sees the effect.
    public var acting: [String] = []
    /// Jobs being prepared or running.
    public var running: [String] = []
    public var waiting: [String] = []
    public var blocked: [String] = []
    /// Jobs that wait for confirmation the spec does not give (`confirm: false`).
    public var needsConfirmation: [String] = []
    /// Jobs that ended Failed or Cancelled, or Complete with failed tasks.
    public var failed: [String] = []
    /// Jobs that ended Complete with every task succeeded, and records without a job to follow.
    public var done: [String] = []

    public init(_ plan: Plan) {
        var seen = Set<String>()
        let changing = Set(plan.actions.filter(\.kind.isChange).map(\.name))
        let confirming = Set(plan.actions.filter { $0.kind == .confirm }.map(\.name))
        for a in plan.actions where seen.insert(a.name).inserted {
            if changing.contains(a.name) {
                acting.append(a.name)
                continue
            }
            switch a.kind {
            case .wait:
                // Waiting on nothing but a confirmation nobody gives: no round changes that.
                let unmet = (a.conditions ?? []).filter { $0.verdict != .holds }
                if !unmet.isEmpty
                    && unmet.allSatisfy({
                        $0.state == .awaitingConfirmation && !confirming.contains($0.dependency.spec)
                    })
                {
                    needsConfirmation.append(a.name)
                } else {
                    waiting.append(a.name)
                }
            case .blocked: blocked.append(a.name)
            default:
                switch a.status {
                case .complete?: ((a.progress?.failed ?? 0) > 0 ? failed.append(a.name) : done.append(a.name))
                case .failed?, .cancelled?: failed.append(a.name)
                case .suspended? where !a.confirm: needsConfirmation.append(a.name)
                case nil: done.append(a.name)
                default: running.append(a.name)
                }
            }
        }
    }

    /// No round can change anything any more without a person.
    public var isOver: Bool { acting.isEmpty && running.isEmpty && waiting.isEmpty }

    /// Over, and every job ended Complete without failed tasks.
    public var succeeded: Bool { isOver && blocked.isEmpty && needsConfirmation.isEmpty && failed.isEmpty }
}
