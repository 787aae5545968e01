import ArgumentParser
import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsProject
import BopsState
import FoundationEssentials

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise a job's completion report: counts by status and error code, the first failures."
    )

    @Argument(help: "The spec name (metadata.name); a split spec's parts are reported one after another.")
    var name: String
    @Option(help: "How many failures to list.") var failures: Int = 10
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    /// The JSON form of one job's report.
    struct Out: Encodable {
        var job_id: String
        var status: String
        var report: String
        var by_status: [String: Int]
        var failures_by_code: [String: Int]
        var failures: [[String: String]]
    }

    func run() async throws {
        let session = try CommandSession(project: project, output: output)
        let jobs = await session.loadState()?.jobs ?? [:]
        let parts = jobs.keys.filter { $0 != name && JobIdentity.spec(ofJob: $0) == name }.sorted()
        let names = jobs[name] != nil || parts.isEmpty ? [name] : parts
        var outs: [Out] = []
        for one in names {
            if let out = await report(one, record: jobs[one], session: session) { outs.append(out) }
        }
        if json { Terminal.out(names.count == 1 && parts.isEmpty ? encodeJSON(outs[0]) : encodeJSON(outs)) }
    }

    /// One job's report: printed, or with `--json` returned.
    func report(_ name: String, record: JobRecord?, session: CommandSession) async -> Out? {
        guard let record, let jobId = record.jobId else {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error, "no job recorded for \(name)", hint: "bops status lists the jobs",
                        subject: name)
                ]))
        }
        let ws = session.workspace
        let job: JobDescriptor
        do {
            job = try await ws.jobs(in: record.region).describeJob(accountId: record.accountId, jobId: jobId)
        } catch {
            session.fail(
                Diagnostics([
                    Diagnostic(.error, "cannot describe job \(jobId): \(describe(error))", subject: name)
                ]))
        }
        let report: CompletionReport
        do {
            report = try await CompletionReport.read(job: job, objects: ws.objects)
        } catch CompletionReport.ReadError.disabled {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error, "job \(jobId) writes no completion report",
                        hint: "set spec.report.bucket and scope to get one for the next job", subject: name)
                ]))
        } catch CompletionReport.ReadError.notWritten(let location) {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error, "no report at \(location) yet",
                        detail: "job \(jobId) is \(job.status.rawValue); reports are written when a job ends",
                        hint: "bops wait \(name)", subject: name)
                ]))
        } catch {
            session.fail(Diagnostics([Diagnostic(.error, "cannot read the report: \(error)", subject: name)]))
        }
        let progress = Progress(job.progressSummary)
        if json {
            let rows = report.rows.filter { $0.status != "succeeded" }.prefix(failures).map {
                [
                    "bucket": $0.bucket, "key": $0.key, "version_id": $0.versionId ?? "",
                    "error_code": $0.errorCode ?? "",
                    "http_status": $0.httpStatus.map(String.init) ?? "", "message": $0.message ?? "",
                ]
            }
            return Out(
                job_id: jobId, status: job.status.rawValue, report: report.location,
                by_status: report.byStatus, failures_by_code: report.failuresByCode, failures: Array(rows))
        }
        let style = session.style
        Terminal.out(style.bold("\(name)") + ": job \(jobId) \(Planner.summary(job.status, progress))")
        Terminal.out(
            style.dim(
                "report \(report.location) (\(report.files) file\(report.files == 1 ? "" : "s"), \(report.rows.count) rows)"
            ))
        for (status, n) in report.byStatus.sorted(by: { $0.key < $1.key }) {
            Terminal.out("  \(status): \(n)")
        }
        let codes = report.failuresByCode
        if !codes.isEmpty {
            Terminal.out("failures by error code:")
            for (code, n) in codes.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                Terminal.out("  \(code): \(n)")
            }
            Terminal.out("first failures:")
            for row in report.rows.filter({ $0.status != "succeeded" }).prefix(failures) {
                let version = row.versionId.map { " (version \($0))" } ?? ""
                let code = [row.httpStatus.map(String.init), row.errorCode].compactMap { $0 }.joined(
                    separator: " ")
                Terminal.out(
                    "  s3://\(row.bucket)/\(row.key)\(version): \(code)\(row.message.map { ": \($0)" } ?? "")"
                )
            }
        }
        return nil
    }
}
