import BopsJobs
import BopsPlan
import Foundation

/// Plans for people: the terminal form, and markdown for a pull-request comment.
struct PlanRenderer {
    var style: Style

    static let order: [ActionKind] = [.create, .confirm, .update, .replace, .clone, .cancel, .forget]

    func verb(_ kind: ActionKind) -> String {
        switch kind {
        case .create: "will be created"
        case .confirm: "will be confirmed and run"
        case .update: "will be updated in place"
        case .replace: "will be replaced (cancel, then create)"
        case .clone: "will be cloned as a new job"
        case .cancel: "will be cancelled"
        case .forget: "will be dropped from state"
        case .none: "no change"
        }
    }

    func colored(_ kind: ActionKind, _ text: String) -> String {
        switch kind {
        case .create, .clone: style.green(text)
        case .update, .confirm: style.yellow(text)
        case .replace, .cancel, .forget: style.red(text)
        case .none: style.dim(text)
        }
    }

    func text(_ plan: Plan, verbose: Bool = true) -> String {
        var out = ""
        let changes = plan.changes
        let unchanged = plan.actions.filter { $0.kind == .none }
        if !unchanged.isEmpty && verbose {
            for a in unchanged {
                out += style.dim("  = \(a.name): \(a.reason)") + "\n"
            }
            out += "\n"
        }
        if changes.isEmpty {
            out += style.bold("No changes.") + " The jobs match the specs.\n"
            return out
        }
        out += "bops will perform the following actions:\n\n"
        for a in changes {
            let symbol = a.kind.symbol
            out += colored(a.kind, "  \(symbol) ") + style.bold(a.name) + " " + verb(a.kind) + "\n"
            out += "      \(a.reason)\n"
            for line in describe(a) { out += style.dim("      \(line)") + "\n" }
            for change in a.changes { out += colored(a.kind, "        \(change)") + "\n" }
            out += "\n"
        }
        out += style.bold(summary(plan)) + "\n"
        return out
    }

    /// `Plan: 1 to create, 1 to confirm, ...` (only kinds that occur), as the last line of a plan.
    func summary(_ plan: Plan) -> String {
        guard plan.hasChanges else { return "No changes." }
        let parts = Self.order.compactMap { kind -> String? in
            let n = plan.count(kind)
            return n == 0 ? nil : "\(n) to \(kind.rawValue)"
        }
        return "Plan: " + parts.joined(separator: ", ") + "."
    }

    /// What the job of a create/clone/replace action will be.
    func describe(_ a: PlannedAction) -> [String] {
        guard let r = a.request else { return [] }
        var lines: [String] = []
        let what: String
        switch r.operation {
        case .s3PutObjectCopy(let c):
            what = "Copy to \(c.targetResource ?? "?")" + (c.storageClass.map { " as \($0.rawValue)" } ?? "")
        case .s3ReplicateObject: what = "Replicate"
        case .unsupported(let name): what = name
        }
        var source = ""
        if let s = a.source {
            source = ": " + s
        } else if let m = r.manifest {
            source = ": objects of \(m.location.objectArn)"
        } else if let g = r.manifestGenerator?.s3JobManifestGenerator {
            source = ": objects of \(g.sourceBucket) (manifest generated from the replication configuration)"
        }
        lines.append(what + source)
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
        if !plan.actions.isEmpty {
            out += "| | spec | action | reason |\n|---|---|---|---|\n"
            for a in plan.actions {
                let symbol = a.kind == .none ? "" : "`\(a.kind.symbol)`"
                out +=
                    "| \(symbol) | `\(a.name)` | \(a.kind == .none ? "no change" : a.kind.rawValue) | \(escape(a.reason)) |\n"
            }
            out += "\n"
        }
        let detailed = plan.changes
        if !detailed.isEmpty {
            out +=
                "<details><summary>Details of \(detailed.count) change\(detailed.count == 1 ? "" : "s")</summary>\n\n```diff\n"
            for a in detailed {
                let mark =
                    a.kind == .cancel || a.kind == .forget
                    ? "-" : a.kind == .update || a.kind == .confirm ? "!" : "+"
                out += "\(mark) \(a.name): \(verb(a.kind))\n"
                for line in describe(a) { out += "  \(line)\n" }
                for change in a.changes { out += "  \(change)\n" }
            }
            out += "```\n\n</details>\n"
        }
        return out
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
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
