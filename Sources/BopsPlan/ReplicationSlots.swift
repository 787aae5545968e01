public import BopsJobs
public import BopsState

/// AWS runs at most six Batch Replication jobs per account at once. A plan that would make more
/// creates them as slots allow, in plan order, and plans the rest as `wait` (the campaign
/// machinery: `apply --wait` creates each once a slot frees), instead of creating jobs that sit
/// paused. A spec that acknowledges `replicationJobLimit` is created whatever the count.
public enum ReplicationSlots {
    public static let limit = 6

    /// `actions` with the creations of Replicate jobs over the limit turned into `wait`. A job
    /// counts while it is not terminal (as observed, else as recorded), and each creation kept
    /// takes a slot; replacing one job by another keeps the count.
    public static func apply(
        _ actions: [PlannedAction], desired: [DesiredJob], records: [String: JobRecord],
        observed: [String: Observation]
    ) -> [PlannedAction] {
        let accepting = Set(desired.filter { $0.acknowledged["replicationJobLimit"] != nil }.map(\.name))
        var active: [String: Int] = [:]
        for (name, record) in records where record.jobId != nil && isReplicate(record.canonical) {
            let status: JobStatus? =
                switch observed[name] {
                case .job(let job)?: job.status
                case .gone?: nil
                case nil: record.status
                }
            if let status, !status.isTerminal { active[record.accountId, default: 0] += 1 }
        }
        return actions.map { action in
            guard [.create, .clone].contains(action.kind), isReplicate(action.request?.operation),
                !accepting.contains(action.name)
            else { return action }
            let account = action.accountId
            guard active[account, default: 0] >= limit else {
                active[account, default: 0] += 1
                return action
            }
            var a = action
            a.kind = .wait
            a.reason =
                "waits for a Batch Replication slot: \(active[account, default: 0]) Replicate jobs are active or being "
                + "created in account \(account), and AWS runs at most \(limit) at once"
            return a
        }
    }

    static func isReplicate(_ canonical: String?) -> Bool {
        canonical?.contains("\"operation\":{\"replicate\"") == true
    }

    static func isReplicate(_ operation: JobOperation?) -> Bool {
        if case .s3ReplicateObject? = operation { return true }
        return false
    }
}
