import ArgumentParser
import BopsDiagnostics
import BopsJobs
import BopsLocalEngine
import BopsPrimitives
import BopsProject
import FoundationEssentials

struct LocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local",
        abstract: "Put objects into the embedded local engine's store and look at them.",
        subcommands: [
            MakeBucket.self, Seed.self, Put.self, List.self, PutReplication.self, PutInventory.self,
            PutBucketConfig.self,
            KMS.self,
            Jobs.self,
            Work.self,
            Role.self,
        ]
    )

    static func engine(
        _ project: ProjectOptions, _ output: OutputOptions
    ) throws -> (CommandSession, LocalEngine) {
        let session = try CommandSession(project: project, output: output)
        guard let local = session.engines.local else {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error,
                        "the project uses engine: \(session.workspace.config.engine ?? EngineFactory.defaultEngine)",
                        hint: "bops local works on the embedded engine (engine: local in bops.yaml)",
                        subject: "bops.yaml")
                ]))
        }
        return (session, local)
    }

    static func run<T>(_ session: CommandSession, _ what: String, _ body: () throws -> T) -> T {
        do { return try body() } catch {
            session.fail(
                Diagnostics([Diagnostic(.error, "\(what): \(describe(error))", subject: "local engine")]))
        }
    }

    struct MakeBucket: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "mb", abstract: "Create a bucket.")
        @Argument(help: "Bucket name.") var bucket: String
        @Flag(help: "Enable versioning.") var versioning = false
        @Flag(help: "Enable Object Lock (implies versioning).") var objectLock = false
        @Option(
            help: ArgumentHelp(
                "The account that owns the bucket; without it, the bucket is every account's own. Jobs "
                    + "whose role is in another account need the bucket policy to allow them."))
        var owner: String?
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            LocalCommand.run(session, "cannot create bucket \(bucket)") {
                try local.store.createBucket(
                    bucket, versioning: versioning ? .enabled : nil, objectLock: objectLock, owner: owner)
            }
            Terminal.out("make_bucket: \(bucket)")
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Copy every file of a folder into a bucket (created if missing); keys are the relative paths."
        )
        @Argument(help: "Bucket name.") var bucket: String
        @Argument(help: "Folder to read.") var directory: String
        @Option(help: "Key prefix.") var prefix: String = ""
        @Flag(help: "Enable versioning when creating the bucket.") var versioning = false
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            let count = LocalCommand.run(session, "cannot seed \(bucket)") { () throws -> Int in
                if try local.store.bucketInfo(bucket) == nil {
                    try local.store.createBucket(bucket, versioning: versioning ? .enabled : nil)
                }
                return try local.store.seed(bucket: bucket, fromDirectory: directory, prefix: prefix)
            }
            Terminal.out("seeded \(count) object\(count == 1 ? "" : "s") into \(bucket)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls", abstract: "List buckets, or the objects of a bucket.")
        @Argument(help: "Bucket name; none lists the buckets.") var bucket: String?
        @Option(help: "Only keys with this prefix.") var prefix: String?
        @Flag(help: "Show every version.") var versions = false
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            guard let bucket else {
                let buckets = LocalCommand.run(session, "cannot list buckets") {
                    try local.store.listBuckets()
                }
                for b in buckets { Terminal.out("\(b.name)") }
                return
            }
            let objects = LocalCommand.run(session, "cannot list \(bucket)") {
                try local.store.listObjectVersions(bucket: bucket, prefix: prefix)
            }
            let shown = objects.filter { versions || $0.isLatest }
            if json {
                Terminal.out(
                    encodeJSON(
                        shown.map {
                            [
                                "key": $0.key, "version_id": $0.versionId ?? "null", "etag": $0.eTag,
                                "size": String($0.size),
                                "storage_class": $0.storageClass.rawValue,
                            ]
                        }))
                return
            }
            for o in shown {
                let version = versions ? "  \(o.versionId ?? "null")" : ""
                Terminal.out(
                    "\(Timestamp(date: o.lastModified).rfc3339(fractionDigits: 0))  \(String(o.size).padded(to: 10))  \(o.storageClass.rawValue.padded(to: 12))  \(o.key)\(version)"
                )
            }
        }
    }

    struct PutReplication: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "put-replication",
            abstract: "Set a bucket's replication configuration from a JSON file (the AWS CLI's format).")
        @Argument(help: "Bucket name.") var bucket: String
        @Argument(help: "JSON file, as for aws s3api put-bucket-replication --replication-configuration.")
        var file: String
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            guard let data = FileManager.default.contents(atPath: file),
                let object = try? JSONAny.parse(data)
            else {
                session.fail(Diagnostics([Diagnostic(.error, "not a JSON file", subject: file)]))
            }
            let converted = Data(try JSONAny.serialize(Self.lowerKeys(object)))
            let configuration: ReplicationConfiguration
            do {
                configuration = try JSONDecoder().decode(ReplicationConfiguration.self, from: converted)
            } catch {
                session.fail(
                    Diagnostics([
                        Diagnostic(
                            .error, "not a replication configuration: \(error)",
                            hint:
                                "{\"Role\": \"arn:...\", \"Rules\": [{\"Status\": \"Enabled\", \"Priority\": 1, \"Filter\": {\"Prefix\": \"\"}, \"Destination\": {\"Bucket\": \"arn:aws:s3:::dest\"}}]}",
                            subject: file)
                    ]))
            }
            LocalCommand.run(session, "cannot set replication on \(bucket)") {
                try local.store.putBucketReplication(bucket, configuration)
            }
            Terminal.out(
                "replication configuration of \(bucket): \(configuration.rules.count) rule\(configuration.rules.count == 1 ? "" : "s")"
            )
        }

        /// AWS's `Role`/`Rules`/`ID` keys to the model's `role`/`rules`/`id`.
        static func lowerKeys(_ value: Any) -> Any {
            if let dict = value as? [String: Any] {
                var out: [String: Any] = [:]
                for (k, v) in dict {
                    let key = k == "ID" ? "id" : k.prefix(1).lowercased() + k.dropFirst()
                    out[key] = lowerKeys(v)
                }
                return out
            }
            if let list = value as? [Any] { return list.map(lowerKeys) }
            return value
        }
    }

    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every job the local engine holds, with the spec its bops:spec tag names.")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        struct Row: Encodable {
            var jobId: String
            var status: String
            var priority: Int
            var spec: String?
            enum CodingKeys: String, CodingKey {
                case status, priority, spec
                case jobId = "job_id"
            }
        }

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            let account = session.workspace.defaultAccount
            var rows: [Row] = []
            do {
                var token: String?
                repeat {
                    let page = try await local.listJobs(
                        accountId: account, statuses: [], nextToken: token, maxResults: 1000)
                    for job in page.jobs {
                        let tags = try await local.getJobTagging(accountId: account, jobId: job.jobId)
                        rows.append(
                            Row(
                                jobId: job.jobId, status: job.status.rawValue, priority: job.priority,
                                spec: tags.first { $0.key == "bops:spec" }?.value))
                    }
                    token = page.nextToken
                } while token != nil
            } catch {
                session.fail(
                    Diagnostics([
                        Diagnostic(.error, "local engine: \(describe(error))", subject: "local engine")
                    ]))
            }
            if json {
                Terminal.out(encodeJSON(rows))
                return
            }
            Terminal.out(
                TextTable.render(
                    [["JOB", "STATUS", "PRIORITY", "SPEC"]]
                        + rows.map {
                            [$0.jobId, $0.status, String($0.priority), $0.spec ?? "-"]
                        }, style: session.style))
        }
    }

    struct Work: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every ready job of the local engine to its end.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            let finished: [JobDescriptor]
            do { finished = try await local.work() } catch {
                session.fail(
                    Diagnostics([
                        Diagnostic(.error, "local engine: \(describe(error))", subject: "local engine")
                    ]))
            }
            for d in finished { Terminal.out("\(d.jobId): \(d.status.rawValue)") }
            if finished.isEmpty { Terminal.out("no job was ready to run") }
        }
    }
}
