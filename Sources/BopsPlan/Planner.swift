public import BopsJobs
public import BopsState

public import struct FoundationEssentials.Date

/// Decides what to do for every spec. A pure function of its inputs: no clock, no network, no files.
///
/// The rules follow the table in DESIGN.md: a spec without a job is created; a job waiting for
/// confirmation is confirmed when the spec says `confirm: true`; a running job whose priority or
/// tags differ is updated in place and one whose definition differs is replaced (cancel, then
/// create); a finished job is never rerun, only cloned when its spec changed, `rerun` grew or the
/// user asked with `--replace`; a job the engine no longer knows keeps its recorded result. A spec
/// without a record whose job the engine has (`found`, by its `bops:spec` tag) adopts that job.
public enum Planner {
    public static func plan(
        desired: [DesiredJob], recorded: State?, observed: [String: Observation],
        found: [String: [FoundJob]] = [:], options: PlanOptions = PlanOptions(),
        campaign: CampaignInputs = CampaignInputs()
    ) -> Plan {
        var bySpec: [String: [PlannedAction]] = [:]
        let records = recorded?.jobs ?? [:]
        // The jobs of each split spec (`NAME#0001`, ...), by spec name.
        let jobsOf = Dictionary(grouping: desired.map(\.name).filter { $0.contains("#") }.sorted()) {
            JobIdentity.spec(ofJob: $0)
        }
        // Dependencies first, so a dependent sees what this plan does for each of them.
        for d in dependencyOrder(desired) {
            var actions: [PlannedAction]
            if records[d.name] == nil, let jobs = found[d.name], let job = adoptable(d, among: jobs) {
                actions = [adoption(d, job, among: jobs)]
            } else {
                actions = planSpec(
                    d, record: records[d.name], observation: observed[d.name], options: options)
            }
            if !d.dependsOn.isEmpty || d.manifestPending != nil {
                let hasJob =
                    records[d.name]?.jobId != nil
                    && !actions.contains { [.create, .clone, .replace].contains($0.kind) }
                actions = gate(
                    actions, d, record: records[d.name],
                    checks: d.dependsOn.map { dep in
                        // A split dependency holds when every part does; the first part that
                        // blocks, else the first that waits, says why.
                        let each = (jobsOf[dep.spec] ?? [dep.spec]).map { job in
                            var one = dep
                            one.spec = job
                            var check = ConditionEvaluation.evaluate(
                                one, action: bySpec[job]?.first, record: records[job],
                                observation: observed[job], inputs: campaign, dependentHasJob: hasJob)
                            check.dependency = dep
                            return check
                        }
                        return each.first { $0.verdict == .blocks } ?? each.first { $0.verdict == .waits }
                            ?? each[0]
                    }, now: campaign.now)
            }
            bySpec[d.name] = actions
        }
        var actions = ReplicationSlots.apply(
            desired.map(\.name).sorted().flatMap { bySpec[$0] ?? [] }, desired: desired, records: records,
            observed: observed)
        let desiredNames = Set(desired.map(\.name))
        for (name, record) in records.sorted(by: { $0.key < $1.key })
        where !desiredNames.contains(name) && options.covers(record) {
            actions.append(planRemoved(record, observation: observed[name], options: options))
        }
        return Plan(stateLineage: recorded?.lineage, stateSerial: recorded?.serial ?? 0, actions: actions)
    }

    /// Specs in an order where each comes after the specs it depends on (by name otherwise); a
    /// cycle, which validation refuses, is broken in name order.
    static func dependencyOrder(_ desired: [DesiredJob]) -> [DesiredJob] {
        let byName = Dictionary(desired.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let bySpecName = Dictionary(grouping: desired) { JobIdentity.spec(ofJob: $0.name) }
        var done = Set<String>()
        var visiting = Set<String>()
        var out: [DesiredJob] = []
        func visit(_ d: DesiredJob) {
            guard !done.contains(d.name), visiting.insert(d.name).inserted else { return }
            for dep in d.dependsOn.sorted(by: { $0.spec < $1.spec }) {
                for target in byName[dep.spec].map({ [$0] }) ?? bySpecName[dep.spec] ?? [] { visit(target) }
            }
            visiting.remove(d.name)
            done.insert(d.name)
            out.append(d)
        }
        for d in desired.sorted(by: { $0.name < $1.name }) { visit(d) }
        return out
    }

    /// A spec with dependencies: its actions carry the edges and the evaluated conditions, and an
    /// action that would create a job waits while a condition does not hold (or is blocked when
    /// one never can). A create an earlier apply began (its token recorded, no job id) is finished
    /// whatever the conditions say now: that job may exist already.
    static func gate(
        _ actions: [PlannedAction], _ d: DesiredJob, record: JobRecord?, checks: [ConditionCheck], now: Date
    ) -> [PlannedAction] {
        let names = d.dependsOn.map(\.spec)
        let resumed = record != nil && record?.jobId == nil
        return actions.map { action in
            var a = action
            if !names.isEmpty {
                a.dependsOn = names
                a.conditions = checks
            }
            let warnings = checks.compactMap { $0.expiryWarning(now: now) }
            if !warnings.isEmpty { a.warnings = warnings }
            guard [.create, .clone, .replace].contains(a.kind), !resumed else { return a }
            let unmet = checks.filter { $0.verdict != .holds }
            if unmet.isEmpty, let pending = d.manifestPending {
                a.kind = .wait
                a.reason = pending
                return a
            }
            guard !unmet.isEmpty else { return a }
            let blocked = unmet.contains { $0.verdict == .blocks }
            let intent = a.kind
            a.kind = blocked ? .blocked : .wait
            let shown = blocked ? unmet.filter { $0.verdict == .blocks } : unmet
            a.reason = shown.map(\.sentence).joined(separator: "; ")
            if intent != .create {
                a.reason += "; then job \(a.jobId ?? "?") is \(intent == .clone ? "cloned" : "replaced")"
            }
            return a
        }
    }

    // MARK: - A spec that exists

    static func planSpec(
        _ d: DesiredJob, record: JobRecord?, observation: Observation?, options: PlanOptions
    )
        -> [PlannedAction]
    {
        guard let r = record else {
            if let why = d.nothingToDo {
                var a = PlannedAction(kind: .none, name: d.name, reason: why, accountId: d.accountId)
                a.region = d.region
                a.specFile = d.specFile
                return [a]
            }
            return [creation(.create, d, generation: 0, reason: "new spec: no job recorded for it yet")]
        }
        guard let jobId = r.jobId else {
            if d.isDefinition(r.digest, canonical: r.canonical) {
                var a = creation(
                    .create, d, generation: r.generation,
                    reason:
                        "an earlier apply stopped before the job id was recorded; the same client token finds that job instead of making a second one"
                )
                a.request?.clientRequestToken = r.clientToken
                return [a]
            }
            return [
                creation(
                    .create, d, generation: r.generation + 1,
                    reason:
                        "an earlier apply stopped before its job was recorded, and the spec has changed since"
                )
            ]
        }
        let specChanged = !d.isDefinition(r.digest, canonical: r.canonical)
        let changes =
            CanonicalDiff.changes(old: r.canonical, new: d.canonical)
            + (d.manifestChange.map { ["manifest: \($0)"] } ?? [])
        let rerunBumped = d.rerun > r.rerun
        let forced = options.replace.contains(d.name)

        switch observation {
        case .gone:
            if specChanged || rerunBumped || forced {
                var a = creation(
                    .clone, d, generation: r.generation + 1,
                    reason: "job \(jobId) has expired (\(r.status?.rawValue ?? "ended")); "
                        + (specChanged
                            ? "the spec changed"
                            : rerunBumped
                                ? "rerun went \(r.rerun) -> \(d.rerun)" : "--replace asked for a new job"))
                a.changes = changes
                a.jobId = jobId
                return [a]
            }
            var a = noAction(
                d, r,
                reason:
                    "job \(jobId) has expired (AWS keeps jobs 90 days after they end); its recorded result stands: \(summary(r.status, r.progress))"
            )
            a.status = r.status
            a.progress = r.progress
            a.failureReasons = r.failureReasons
            return [a]
        case .job(let o) where o.status.isTerminal:
            if specChanged || rerunBumped || forced {
                let why =
                    specChanged
                    ? "the spec changed"
                    : rerunBumped ? "rerun went \(r.rerun) -> \(d.rerun)" : "--replace asked for a new job"
                var a = creation(
                    .clone, d, generation: r.generation + 1,
                    reason:
                        "job \(jobId) ended \(summary(o.status, o.progress)) and cannot run again; \(why): a new job with the same lineage"
                )
                a.changes = specChanged ? changes : []
                a.jobId = jobId
                a.status = o.status
                a.progress = o.progress
                return [a]
            }
            var a = noAction(d, r, reason: "job \(jobId) \(summary(o.status, o.progress))")
            a.status = o.status
            a.progress = o.progress
            a.failureReasons = o.failureReasons
            return [a]
        case .job(let o):
            if specChanged || forced {
                var a = creation(
                    .replace, d, generation: r.generation + 1,
                    reason: "job \(jobId) is \(o.status.rawValue) and "
                        + (specChanged ? "its definition changed" : "--replace asked for a new job")
                        + ": it is cancelled, then a new job is created")
                a.changes = changes
                a.jobId = jobId
                a.status = o.status
                a.progress = o.progress
                return [a]
            }
            var out: [PlannedAction] = []
            let view = JobView(record: r, observed: o)
            let currentPriority = view.priority
            let currentTags = view.userTags
            if currentPriority != d.priority || currentTags != d.tags {
                var a = PlannedAction(
                    kind: .update, name: d.name,
                    reason: "job \(jobId) is \(o.status.rawValue): priority and tags change in place",
                    accountId: d.accountId)
                fill(&a, d, r)
                if currentPriority != d.priority {
                    a.newPriority = d.priority
                    a.changes.append("priority: \(currentPriority) -> \(d.priority)")
                }
                if currentTags != d.tags {
                    a.newTags = JobIdentity.tags(name: d.name, digest: r.digest, user: d.tags)
                    a.changes.append(contentsOf: tagChanges(old: currentTags, new: d.tags))
                }
                a.status = o.status
                a.progress = o.progress
                out.append(a)
            }
            if o.status == .suspended && d.confirm {
                let tasks = o.progress?.total.map { "\($0) task\($0 == 1 ? "" : "s")" } ?? "its tasks"
                var a = PlannedAction(
                    kind: .confirm, name: d.name,
                    reason:
                        "job \(jobId) is prepared and waits for confirmation; confirm: true runs \(tasks)",
                    accountId: d.accountId)
                fill(&a, d, r)
                a.status = o.status
                a.progress = o.progress
                out.append(a)
            }
            if out.isEmpty {
                var reason = "job \(jobId) is \(summary(o.status, o.progress))"
                if o.status == .suspended {
                    let tasks = o.progress?.total.map { " (\($0) task\($0 == 1 ? "" : "s"))" } ?? ""
                    reason = "job \(jobId) waits for confirmation\(tasks); set confirm: true to run it"
                }
                if rerunBumped { reason += "; rerun takes effect once the job has ended" }
                var a = noAction(d, r, reason: reason)
                a.status = o.status
                a.progress = o.progress
                out.append(a)
            }
            return out
        case nil:
            var a = noAction(
                d, r, reason: "job \(jobId) was not observed; last recorded \(summary(r.status, r.progress))")
            a.status = r.status
            a.progress = r.progress
            return [a]
        }
    }

    // MARK: - A spec that was removed

    static func planRemoved(_ r: JobRecord, observation: Observation?, options: PlanOptions) -> PlannedAction
    {
        let status: JobStatus?
        switch observation {
        case .job(let o): status = o.status
        case .gone: status = nil
        case nil: status = r.status
        }
        if let jobId = r.jobId, let status, !status.isTerminal {
            if options.prune {
                var a = PlannedAction(
                    kind: .cancel, name: r.name,
                    reason: "spec removed and --prune given: job \(jobId) (\(status.rawValue)) is cancelled",
                    accountId: r.accountId)
                a.jobId = jobId
                a.status = status
                a.region = r.region
                return a
            }
            var a = PlannedAction(
                kind: .none, name: r.name,
                reason:
                    "spec removed, but job \(jobId) is still \(status.rawValue); it is left alone (use --prune to cancel it)",
                accountId: r.accountId)
            a.jobId = jobId
            a.status = status
            return a
        }
        var a = PlannedAction(
            kind: .forget, name: r.name,
            reason: r.jobId.map { "spec removed and job \($0) has ended: its record is dropped from state" }
                ?? "spec removed before its job was made: its record is dropped from state",
            accountId: r.accountId)
        a.jobId = r.jobId
        a.status = status
        return a
    }

    // MARK: - Helpers

    static func creation(
        _ kind: ActionKind, _ d: DesiredJob, generation: Int, reason: String
    ) -> PlannedAction {
        var a = PlannedAction(kind: kind, name: d.name, reason: reason, accountId: d.accountId)
        let request = d.createJobRequest(generation: generation)
        a.request = request
        a.userTags = d.tags
        a.operationSummary = OperationSummary.sentence(for: request, tasks: d.objectCount)
        a.staging = d.staging
        a.manifestObject = d.manifestObject
        a.source = d.source
        a.digest = d.digest
        a.canonical = d.canonical
        a.generation = generation
        a.rerun = d.rerun
        a.confirm = d.confirm
        a.region = d.region
        a.specFile = d.specFile
        a.knownAfterApply = d.manifestETagLookup
        a.reportLineage = d.reportLineage
        a.size = d.size
        a.risks = d.risks.isEmpty ? nil : d.risks
        if kind == .create, let change = d.manifestChange { a.changes.append("manifest: \(change)") }
        return a
    }

    static func noAction(_ d: DesiredJob, _ r: JobRecord, reason: String) -> PlannedAction {
        var a = PlannedAction(kind: .none, name: d.name, reason: reason, accountId: d.accountId)
        fill(&a, d, r)
        return a
    }

    static func fill(_ a: inout PlannedAction, _ d: DesiredJob, _ r: JobRecord) {
        a.jobId = r.jobId
        a.region = d.region
        a.specFile = d.specFile
        a.confirm = d.confirm
    }

    static func tagChanges(old: [String: String], new: [String: String]) -> [String] {
        var lines: [String] = []
        for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
            switch (old[key], new[key]) {
            case let (x?, y?): lines.append("tags.\(key): \"\(x)\" -> \"\(y)\"")
            case let (x?, nil): lines.append("tags.\(key): \"\(x)\" -> (removed)")
            case let (nil, y?): lines.append("tags.\(key): (none) -> \"\(y)\"")
            default: break
            }
        }
        return lines
    }

    /// `Complete: 1000 tasks, 3 failed`, `Active: 40% (400/1000 tasks)`.
    public static func summary(_ status: JobStatus?, _ progress: Progress?) -> String {
        guard let status else { return "in an unknown state" }
        guard let p = progress, let total = p.total else { return status.rawValue }
        switch status {
        case .complete:
            return p.failed > 0
                ? "Complete with \(p.failed) of \(total) tasks failed"
                : "Complete: \(total) task\(total == 1 ? "" : "s") succeeded"
        case .failed, .cancelled:
            return "\(status.rawValue) after \(p.done) of \(total) tasks (\(p.failed) failed)"
        default:
            let pct = total > 0 ? p.done * 100 / total : 0
            return "\(status.rawValue): \(pct)% (\(p.done)/\(total) tasks)"
        }
    }
}
