import BopsCost
import BopsJobs
import BopsPlan
import FoundationEssentials

/// Plans for people: the terminal form, and markdown for a pull-request comment.
struct PlanRenderer {
    var style: Style

    static let order: [ActionKind] = [.create, .adopt, .confirm, .update, .replace, .clone, .cancel, .forget]

    func verb(_ kind: ActionKind) -> String {
        switch kind {
        case .create: "will be created"
        case .adopt: "will be adopted: an existing job is recorded, none is created"
        case .confirm: "will be confirmed and run"
        case .update: "will be updated in place"
        case .replace: "will be replaced (cancel, then create)"
        case .clone: "will be cloned as a new job"
        case .cancel: "will be cancelled"
        case .forget: "will be dropped from state"
        case .wait: "waits: its job is created once every dependency holds"
        case .blocked: "is blocked: a dependency can never meet its condition"
        case .none: "no change"
        }
    }

    func colored(_ kind: ActionKind, _ text: String) -> String {
        switch kind {
        case .create, .clone, .adopt: style.green(text)
        case .update, .confirm: style.yellow(text)
        case .wait: style.cyan(text)
        case .replace, .cancel, .forget, .blocked: style.red(text)
        case .none: style.dim(text)
        }
    }

    func text(_ plan: Plan, verbose: Bool = true) -> String {
        var out = ""
        if plan.refreshed == false {
            out += style.bold("Note: nothing was observed (--refresh=false).") + " "
            out += Self.notObserved + "\n\n"
        }
        if let drift = plan.drift, !drift.isEmpty {
            out += style.bold("Note: jobs changed outside bops since bops last recorded them:") + "\n\n"
            for job in drift {
                out += style.yellow("  ~ ") + style.bold(job.name) + " (job \(job.jobId))\n"
                for change in job.changes { out += style.yellow("        \(change.text)") + "\n" }
            }
            out += "\n" + Self.driftAdvice + "\n\n"
        }
        let changes = plan.changes
        let unchanged = plan.actions.filter { $0.kind == .none }
        if !unchanged.isEmpty && verbose {
            for a in unchanged {
                out += style.dim("  = \(a.name): \(a.reason)") + "\n"
            }
            out += "\n"
        }
        let pending = plan.actions.filter { $0.kind == .wait || $0.kind == .blocked }
        if changes.isEmpty && pending.isEmpty {
            out += style.bold("No changes.") + " The jobs match the specs.\n"
            return out
        }
        if !changes.isEmpty { out += "bops will perform the following actions:\n\n" }
        for a in changes {
            out += entry(a)
            for check in a.conditions ?? [] {
                out += style.dim("      after \(check.sentence)") + "\n"
            }
            out += "\n"
        }
        if !pending.isEmpty {
            out += "These specs wait for other specs' jobs; nothing is done for them now:\n\n"
            for a in pending { out += entry(a) + "\n" }
        }
        out += style.bold(summary(plan)) + "\n"
        return out
    }

    /// One action: symbol, name and verb; for a waiting or blocked spec a line per condition that
    /// does not hold, else the reason; then what the job will be and what changes.
    func entry(_ a: PlannedAction) -> String {
        var out = colored(a.kind, "  \(a.kind.symbol) ") + style.bold(a.name) + " " + verb(a.kind) + "\n"
        let unmet = (a.conditions ?? []).filter { $0.verdict != .holds }
        if (a.kind == .wait || a.kind == .blocked) && !unmet.isEmpty {
            for check in unmet {
                out += colored(check.verdict == .blocks ? .blocked : .wait, "      \(check.sentence)") + "\n"
            }
        } else {
            out += "      \(a.reason)\n"
        }
        for warning in a.warnings ?? [] { out += style.yellow("      warning: \(warning)") + "\n" }
        for line in describe(a) { out += style.dim("      \(line)") + "\n" }
        for line in review(a) { out += "      \(line)\n" }
        for risk in a.risks ?? [] {
            let text = "      " + EstimateText.risk(risk)
            out += (risk.acknowledged == nil ? style.yellow(text) : style.dim(text)) + "\n"
        }
        for change in a.changes { out += colored(a.kind, "        \(change)") + "\n" }
        return out
    }

    /// The job's size and estimate, one line each.
    func review(_ a: PlannedAction) -> [String] {
        var lines: [String] = []
        if let size = a.size { lines.append(EstimateText.size(size)) }
        if let e = a.estimate { lines.append(EstimateText.estimate(e)) }
        return lines
    }

    static let notObserved =
        "The plan is made from state alone: no job was described and no bucket checked, so statuses are "
        + "the recorded ones and changes made outside bops are not seen."
    static let driftAdvice =
        "Where a spec still says otherwise, the actions below put its values back; where a job ended, "
        + "the recorded result is kept."

    /// `Plan: 1 to create, 1 to confirm, ...` (only kinds that occur), as the last line of a plan.
    func summary(_ plan: Plan) -> String {
        let pending = [(plan.count(.wait), "waiting"), (plan.count(.blocked), "blocked")].filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)" }
        guard plan.hasChanges else {
            return pending.isEmpty
                ? "No changes." : "No changes now: " + pending.joined(separator: ", ") + "."
        }
        let parts = Self.order.compactMap { kind -> String? in
            let n = plan.count(kind)
            return n == 0 ? nil : "\(n) to \(kind.rawValue)"
        }
        return "Plan: " + (parts + pending).joined(separator: ", ") + "."
            + (plan.estimate.map { " " + EstimateText.total($0) } ?? "")
    }

    /// What the job of a create/clone/replace action will be: the operation's sentence
    /// (`OperationSummary`, also in the plan JSON), where the objects come from, and the job's settings.
    func describe(_ a: PlannedAction) -> [String] {
        guard let r = a.request else { return [] }
        var lines: [String] = []
        let what = a.operationSummary ?? OperationSummary.sentence(for: r, tasks: a.progress?.total)
        var source = ""
        if let s = a.source {
            source = ": " + s
        } else if let m = r.manifest {
            source = ": objects of \(m.location.objectArn)"
        } else if let g = r.manifestGenerator?.s3JobManifestGenerator {
            source = ": objects of \(g.sourceBucket) (manifest generated by S3 from the bucket listing)"
        }
        lines.append(what + source)
        if let lookup = a.knownAfterApply {
            lines.append("manifest ETag: (known after apply: the apply reads \(lookup.uri) first)")
        }
        var props = ["priority \(r.priority)"]
        props.append(
            r.confirmationRequired == true
                ? (a.confirm ? "runs once prepared (confirm: true)" : "waits for confirmation")
                : "runs without confirmation")
        if r.report.enabled, let b = r.report.bucket {
            props.append(
                "report to \(b)\(r.report.prefix.map { "/\($0)" } ?? "") (\(r.report.reportScope?.rawValue ?? "AllTasks"))"
            )
        } else {
            props.append("no report")
        }
        lines.append(props.joined(separator: ", "))
        if let g = a.generation, g > 0 {
            lines.append("generation \(g)" + (a.jobId.map { ", after job \($0)" } ?? ""))
        }
        return lines
    }

    /// Markdown for a pull-request comment: a summary table, details folded.
    func markdown(_ plan: Plan) -> String {
        var out = "### bops plan\n\n"
        out += "**\(summary(plan))**\n\n"
        if plan.refreshed == false {
            out += "> **Nothing was observed** (`--refresh=false`). \(Self.notObserved)\n\n"
        }
        if let drift = plan.drift, !drift.isEmpty {
            let jobs = "\(drift.count) job\(drift.count == 1 ? "" : "s")"
            let names = drift.map { "`\($0.name)`" }.joined(separator: ", ")
            out += "> **\(jobs) changed outside bops** since bops last recorded them: \(names).\n\n"
            var block = ""
            for job in drift {
                block += "~ \(job.name) (job \(job.jobId))\n"
                for change in job.changes { block += "  \(change.text)\n" }
            }
            out += "<details><summary>Changed outside bops: \(jobs)</summary>\n\n"
            out += Self.fenced(block, language: "diff") + "\n\(Self.driftAdvice)\n\n</details>\n\n"
        }
        if !plan.actions.isEmpty {
            out += "| | spec | action | reason |\n|---|---|---|---|\n"
            for a in plan.actions {
                let symbol = a.kind == .none ? "" : "`\(a.kind.symbol)`"
                out +=
                    "| \(symbol) | `\(a.name)` | \(a.kind == .none ? "no change" : a.kind.rawValue) | \(Self.escape(a.reason)) |\n"
            }
            out += "\n"
        }
        out += costTable(plan)
        if plan.isCampaign {
            out += "<details open><summary>Campaign</summary>\n\n"
            out +=
                Self.fenced(GraphRenderer.mermaid(CampaignGraph(plan)), language: "mermaid")
                + "\n</details>\n\n"
        }
        let detailed = plan.actions.filter { $0.kind.isChange || $0.kind == .wait || $0.kind == .blocked }
        if !detailed.isEmpty {
            var block = ""
            for a in detailed {
                let mark =
                    switch a.kind {
                    case .cancel, .forget, .blocked: "-"
                    case .update, .confirm: "!"
                    case .wait: " "
                    default: "+"
                    }
                block += "\(mark) \(a.name): \(verb(a.kind))\n"
                for check in a.conditions ?? [] where check.verdict != .holds || a.kind.isChange {
                    block += "  \(a.kind.isChange ? "after " : "")\(check.sentence)\n"
                }
                for warning in a.warnings ?? [] { block += "  warning: \(warning)\n" }
                for line in describe(a) { block += "  \(line)\n" }
                for line in review(a) { block += "  \(line)\n" }
                for risk in a.risks ?? [] {
                    block += "\(risk.acknowledged == nil ? "!" : " ") \(EstimateText.risk(risk))\n"
                }
                for change in a.changes { block += "  \(change)\n" }
            }
            out +=
                "<details><summary>Details of \(Self.detailsLabel(plan))</summary>\n\n"
            out += Self.fenced(block, language: "diff") + "\n</details>\n"
        }
        return out
    }

    /// The reviewer's table: per job its objects, bytes, estimate and risks, then the line items
    /// folded, and what could not be priced.
    func costTable(_ plan: Plan) -> String {
        let priced = plan.actions.filter { $0.estimate != nil }
        guard let total = plan.estimate, !priced.isEmpty else { return "" }
        var out =
            "#### Estimated cost\n\n| spec | objects | bytes | estimate | risks |\n|---|---:|---:|---:|---|\n"
        for a in priced {
            guard let e = a.estimate else { continue }
            let size = a.size
            let risks = (a.risks ?? []).map {
                "\($0.acknowledged == nil ? "⚠️ " : "")`\($0.id.rawValue)`"
                    + ($0.place.map { " (\(Self.escape($0)))" } ?? "")
            }
            out +=
                "| `\(a.name)` | \(size.map { EstimateText.count($0.objects) } ?? "unknown") | "
                + "\(size.map { EstimateText.bytes($0.bytes) } ?? "unknown") | "
                + "\(e.items.isEmpty ? Self.escape(e.missing.first ?? "") : EstimateText.amount(e.total, e.exactness, complete: e.isComplete)) | "
                + "\(risks.isEmpty ? "" : risks.joined(separator: ", ")) |\n"
        }
        out +=
            "| **total** | \(EstimateText.count(total.objects)) | \(EstimateText.bytes(total.bytes)) | "
            + "**\(EstimateText.amount(total.total, total.exactness, complete: total.missing.isEmpty))** | |\n\n"
        var items = ""
        for a in priced {
            guard let e = a.estimate else { continue }
            for (i, item) in e.items.enumerated() {
                let quantity = item.quantity.map { Self.quantity($0, item.unit) } ?? "unknown"
                let exactness = item.exactness == .exact ? "" : " (\(item.exactness.rawValue))"
                let price =
                    item.unitPrice.map {
                        Money.text($0)
                            + (item.per == 1 ? "" : " per " + Money.grouped(String(Int64(item.per))))
                    } ?? "—"
                let amount = item.amount.map(Money.text) ?? "not priced: " + Self.escape(item.missing ?? "")
                items +=
                    "| \(i == 0 ? "`\(a.name)`" : "") | \(Self.escape(item.description)) | \(quantity)\(exactness) | "
                    + "\(price) | \(amount) |\n"
            }
        }
        if !items.isEmpty {
            out += "<details><summary>Line items (\(Self.escape(total.prices)))</summary>\n\n"
            out +=
                "| spec | item | quantity | unit price | amount |\n|---|---|---:|---:|---:|\n" + items
                + "\n</details>\n\n"
        }
        if !total.missing.isEmpty {
            out += "Not priced: " + total.missing.map(Self.escape).joined(separator: "; ") + ".\n\n"
        }
        return out
    }

    /// `2,000 requests`, `1 job`, `10.000 GB`.
    static func quantity(_ q: Double, _ unit: String) -> String {
        if unit == "GB" || unit == "GB-months" { return Money.fixed(q, digits: 3) + " " + unit }
        let n = Int64(q.rounded())
        return Money.grouped(String(n)) + " "
            + (n == 1 && unit.hasSuffix("s") ? String(unit.dropLast()) : unit)
    }

    /// `2 changes`, `1 change, 2 waiting or blocked`.
    static func detailsLabel(_ plan: Plan) -> String {
        let n = plan.changes.count
        let pending = plan.count(.wait) + plan.count(.blocked)
        var label = n == 0 && pending > 0 ? "" : "\(n) change\(n == 1 ? "" : "s")"
        if pending > 0 {
            label +=
                (label.isEmpty ? "" : ", ") + "\(pending) waiting or blocked spec\(pending == 1 ? "" : "s")"
        }
        return label
    }

    /// Text for a table cell from strings bops did not write (keys, descriptions, reasons quoting
    /// them): no cell break, no HTML, no code span, no @-mention, no line break.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "`": out += "\\`"
            case "@": out += "&#64;"
            case "\n", "\r", "\u{2028}", "\u{2029}": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// `text` in a fenced code block whose fence is longer than any run of backticks in it, so no
    /// line of the text (an object key, a description) can close the block; inside it nothing is
    /// rendered as HTML or as a mention.
    static func fenced(_ text: String, language: String) -> String {
        var longest = 0
        var run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }
}

/// The versioned machine form of a plan (`plan --json`), with a summary next to the actions.
struct PlanJSON: Encodable {
    var plan: Plan
    var summary: [String: Int]

    init(_ plan: Plan) {
        self.plan = plan
        var counts: [String: Int] = [:]
        for kind in ActionKind.allCases where kind != .none { counts[kind.rawValue] = plan.count(kind) }
        summary = counts
    }

    func encode(to encoder: any Encoder) throws {
        try plan.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(summary, forKey: Key(stringValue: "summary"))
        try c.encode(plan.hasChanges, forKey: Key(stringValue: "has_changes"))
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encoded() -> String { encodeJSON(self) }
}
