import ArgumentParser
import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsPrimitives
import BopsProject
import FoundationEssentials

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "A table of the recorded jobs: status, progress, priority.")

    @Flag(help: "Print the recorded values without asking the engine.")
    var offline = false

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var name: String
        var jobId: String?
        var status: String
        var total: Int?
        var succeeded: Int
        var failed: Int
        var priority: Int
        var expired: Bool

        enum CodingKeys: String, CodingKey {
            case name, status, total, succeeded, failed, priority, expired
            case jobId = "job_id"
        }
    }

    func run() async throws {
        let session = try CommandSession(project: project, output: output)
        let state = await session.loadState()
        var observed: [String: Observation] = [:]
        if !offline {
            do {
                observed = try await Observer.observe(state, jobsIn: { session.workspace.jobs(in: $0) })
            } catch {
                session.fail(
                    Diagnostics([
                        Diagnostic(
                            .error, "cannot ask the engine: \(describe(error))",
                            hint: "use --offline to see the recorded values", subject: "engine")
                    ]))
            }
        }
        var rows: [Row] = []
        for (name, r) in (state?.jobs ?? [:]).sorted(by: { $0.key < $1.key }) {
            var row = Row(
                name: name, jobId: r.jobId,
                status: r.status?.rawValue ?? (r.pendingCreate ? "creating" : "-"),
                total: r.progress?.total, succeeded: r.progress?.succeeded ?? 0,
                failed: r.progress?.failed ?? 0,
                priority: r.priority, expired: false)
            switch observed[name] {
            case .job(let o)?:
                row.status = o.status.rawValue
                row.total = o.progress?.total
                row.succeeded = o.progress?.succeeded ?? 0
                row.failed = o.progress?.failed ?? 0
                row.priority = o.priority ?? r.priority
            case .gone?:
                row.expired = true
            case nil:
                break
            }
            rows.append(row)
        }
        if json {
            Terminal.out(encodeJSON(rows))
            return
        }
        if rows.isEmpty {
            Terminal.out("No jobs recorded. Write a spec in specs/ and run bops apply.")
            return
        }
        let table =
            [["SPEC", "JOB", "STATUS", "PROGRESS", "FAILED", "PRIORITY"]]
            + rows.map { row in
                let progress: String
                if let total = row.total, total > 0 {
                    progress =
                        "\((row.succeeded + row.failed) * 100 / total)% (\(row.succeeded + row.failed)/\(total))"
                } else {
                    progress = row.total == 0 ? "0 tasks" : "-"
                }
                return [
                    row.name, row.jobId ?? "-", row.status + (row.expired ? " (expired)" : ""), progress,
                    String(row.failed), String(row.priority),
                ]
            }
        Terminal.out(TextTable.render(table, style: session.style))
        // A split spec's parts, summed: `copy-logs: 3 parts (2 Complete, 1 Active), 4 of 5 tasks done, 0 failed`.
        let parts = Dictionary(grouping: rows.filter { $0.name.contains("#") }) {
            JobIdentity.spec(ofJob: $0.name)
        }
        for (spec, rows) in parts.sorted(by: { $0.key < $1.key }) {
            let statuses = Dictionary(grouping: rows, by: \.status).map { "\($0.value.count) \($0.key)" }
                .sorted()
            let total = rows.compactMap(\.total).reduce(0, +)
            let done = rows.reduce(0) { $0 + $1.succeeded + $1.failed }
            Terminal.out(
                "\(spec): \(rows.count) parts (\(statuses.joined(separator: ", "))), \(done) of \(total) tasks done, "
                    + "\(rows.reduce(0) { $0 + $1.failed }) failed")
        }
    }
}

enum TextTable {
    static func render(_ rows: [[String]], style: Style) -> String {
        guard let header = rows.first else { return "" }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        return rows.enumerated().map { index, row in
            let line = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padded(to: widths[i])
            }.joined(separator: "  ")
            return index == 0 ? style.bold(line) : line
        }.joined(separator: "\n")
    }
}
