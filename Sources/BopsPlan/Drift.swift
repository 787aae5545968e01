import BopsJobs
public import BopsState

/// A recorded job that changed outside bops since bops last recorded it: what the state says
/// against what the engine answered when the plan was made.
public struct DriftedJob: Codable, Sendable, Hashable {
    /// The spec the job belongs to (its key in state).
    public var name: String
    public var jobId: String
    /// What differs, in a stable order: status first, then priority, then tags.
    public var changes: [DriftChange]

    public init(name: String, jobId: String, changes: [DriftChange]) {
        self.name = name
        self.jobId = jobId
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey {
        case name, changes
        case jobId = "job_id"
    }
}

/// One difference between a job's record and the job as observed.
public struct DriftChange: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// Someone cancelled the job (UpdateJobStatus Cancelled) without bops.
        case cancelled
        /// The job left `Suspended` without bops confirming it: someone ran it.
        case confirmed
        /// The engine no longer knows the job: it expired (90 days after it ended) or was deleted.
        case gone
        case priority
        /// A user tag was added, changed or removed.
        case tag
        /// A `bops:` identity tag was removed or changed: losing state would no longer find this job.
        case identityTag = "identity_tag"
    }

    public var kind: Kind
    /// The field the change is about: `status`, `priority`, `tags.KEY`.
    public var field: String
    /// The value state holds (`nil`: none recorded, or the tag was not there).
    public var recorded: String?
    /// The value the engine answered (`nil`: the job or the tag is gone).
    public var observed: String?
    /// One line for people: `priority: 10 -> 30`, `cancelled outside bops (was Suspended)`.
    public var text: String

    public init(kind: Kind, field: String, recorded: String?, observed: String?, text: String) {
        self.kind = kind
        self.field = field
        self.recorded = recorded
        self.observed = observed
        self.text = text
    }
}

/// Finds the jobs that changed outside bops (Terraform's "Objects have changed outside of Terraform").
///
/// A pure function of the recorded state and the observations: no clock, no engine. Only what a
/// person or another tool can do to a job counts; a job running to its end on its own does not:
/// - status: `Cancelling`/`Cancelled` when state does not say bops cancelled it; out of `Suspended`
///   (into anything but a cancellation) when bops never confirmed it; gone when state has its id.
/// - priority: the observed priority differs from the recorded one.
/// - tags (observed for jobs that have not ended): every user tag added, changed or removed, and a
///   `bops:spec`/`bops:digest` tag that no longer names the record (when the job carries either).
/// A job that was not observed (no observation, `plan --refresh=false`) has no drift.
public enum Drift {
    public static func detect(recorded: State?, observed: [String: Observation]) -> [DriftedJob] {
        var drifted: [DriftedJob] = []
        for (name, record) in (recorded?.jobs ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let jobId = record.jobId, let observation = observed[name] else { continue }
            let changes = self.changes(record, observation)
            if !changes.isEmpty { drifted.append(DriftedJob(name: name, jobId: jobId, changes: changes)) }
        }
        return drifted
    }

    /// The differences of one record against its observation, status first.
    public static func changes(_ record: JobRecord, _ observation: Observation) -> [DriftChange] {
        let was = record.status?.rawValue
        guard case .job(let job) = observation else {
            let ended = record.status?.isTerminal == true
            return [
                DriftChange(
                    kind: .gone, field: "status", recorded: was, observed: nil,
                    text: ended
                        ? "no longer exists: AWS deletes jobs 90 days after they end (was \(was ?? "ended"))"
                        : "no longer exists although it had not ended (was \(was ?? "not yet observed")): "
                            + "deleted outside bops, or the engine's data was lost")
            ]
        }
        var changes: [DriftChange] = []
        let bopsCancelled = record.status == .cancelling || record.status == .cancelled
        if job.status == .cancelling || job.status == .cancelled, !bopsCancelled {
            changes.append(
                DriftChange(
                    kind: .cancelled, field: "status", recorded: was, observed: job.status.rawValue,
                    text: "cancelled outside bops (was \(was ?? "not yet observed"))"
                        + (job.statusReason.map { ": \($0)" } ?? "")))
        } else if record.status == .suspended, !record.confirmed, job.status != .suspended {
            changes.append(
                DriftChange(
                    kind: .confirmed, field: "status", recorded: was, observed: job.status.rawValue,
                    text: "confirmed outside bops: it was waiting for confirmation and is now "
                        + job.status.rawValue))
        }
        let view = JobView(record: record, observed: job)
        if job.priority != nil, view.priority != record.priority {
            let priority = view.priority
            changes.append(
                DriftChange(
                    kind: .priority, field: "priority", recorded: String(record.priority),
                    observed: String(priority), text: "priority: \(record.priority) -> \(priority)"))
        }
        if let tags = job.tags, let observedTags = view.observedUserTags {
            changes.append(contentsOf: tagChanges(recorded: record.tags, observed: observedTags))
            // A job with neither bops tag was made or adopted without them (`bops import`): nothing moved.
            let identity = [JobIdentity.nameTag, JobIdentity.digestTag]
            for key in identity where identity.contains(where: { tags[$0] != nil }) {
                let expected = key == JobIdentity.nameTag ? record.name : record.digest
                guard tags[key] != expected else { continue }
                changes.append(
                    DriftChange(
                        kind: .identityTag, field: "tags.\(key)", recorded: expected, observed: tags[key],
                        text: "tags.\(key): \"\(expected)\" -> "
                            + (tags[key].map { "\"\($0)\"" } ?? "(removed)")
                            + "; a lost state would no longer find this job by its tags"))
            }
        }
        return changes
    }

    static func tagChanges(recorded: [String: String], observed: [String: String]) -> [DriftChange] {
        Set(recorded.keys).union(observed.keys).sorted().compactMap { key in
            let (old, new) = (recorded[key], observed[key])
            guard old != new else { return nil }
            let text: String
            switch (old, new) {
            case let (x?, y?): text = "tags.\(key): \"\(x)\" -> \"\(y)\""
            case let (x?, nil): text = "tags.\(key): \"\(x)\" -> (removed)"
            case let (nil, y?): text = "tags.\(key): (none) -> \"\(y)\""
            case (nil, nil): return nil
            }
            return DriftChange(kind: .tag, field: "tags.\(key)", recorded: old, observed: new, text: text)
        }
    }
}
