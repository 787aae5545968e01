import ArgumentParser
import BopsDiagnostics
import BopsIAM
import BopsJobs
import BopsLocalEngine
import BopsPrimitives
import FoundationEssentials

extension LocalCommand {
    /// `bops local put-bucket-config BUCKET ...`: the bucket settings jobs obey and plans check.
    struct PutBucketConfig: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "put-bucket-config",
            abstract:
                "Set a bucket's policy, versioning, Object Lock default retention, Block Public Access, lifecycle, "
                + "inventory configurations or default encryption."
        )
        @Argument(help: "Bucket name.") var bucket: String
        @Option(help: "Bucket policy JSON file, as for aws s3api put-bucket-policy --policy.") var policy:
            String?
        @Flag(help: "Remove the bucket policy.") var noPolicy = false
        @Option(help: "Versioning: enabled or suspended.") var versioning: String?
        @Option(
            help:
                "Object Lock default retention MODE:PERIOD (GOVERNANCE:1d, COMPLIANCE:2y), or none to clear it."
        )
        var objectLockRetention: String?
        @Option(help: "Block Public Access: all (every setting on) or none.") var publicAccessBlock: String?
        @Option(
            help: "Lifecycle JSON file, as for aws s3api put-bucket-lifecycle-configuration; none removes it."
        )
        var lifecycle: String?
        @Option(
            help: ArgumentHelp(
                "S3 Inventory configuration JSON file, as for aws s3api put-bucket-inventory-configuration "
                    + "--inventory-configuration; replaces the configuration with its Id."))
        var inventory: String?
        @Option(help: "Remove the S3 Inventory configuration with this Id.") var deleteInventory: String?
        @Option(
            help: ArgumentHelp(
                "Default encryption JSON file, as for aws s3api put-bucket-encryption "
                    + "--server-side-encryption-configuration; none removes it."))
        var encryption: String?
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            var done: [String] = []
            if let file = policy {
                let text = Self.read(file, session)
                do {
                    _ = try PolicyParser.parse(text, file: file, kind: .resource)
                } catch {
                    session.fail(error)
                }
                LocalCommand.run(session, "cannot set the policy of \(bucket)") {
                    try local.store.putBucketPolicy(bucket, text)
                }
                done.append("policy from \(file)")
            } else if noPolicy {
                LocalCommand.run(session, "cannot remove the policy of \(bucket)") {
                    try local.store.putBucketPolicy(bucket, nil)
                }
                done.append("no policy")
            }
            if let versioning {
                guard
                    let status = VersioningStatus(
                        rawValue: versioning.prefix(1).uppercased() + versioning.dropFirst())
                else {
                    session.fail(Self.bad("--versioning \(versioning)", hint: "enabled or suspended"))
                }
                LocalCommand.run(session, "cannot set versioning on \(bucket)") {
                    try local.store.putBucketVersioning(bucket, status)
                }
                done.append("versioning \(status.rawValue)")
            }
            if let text = objectLockRetention {
                let retention = text == "none" ? nil : Self.retention(text)
                if text != "none" && retention == nil {
                    session.fail(
                        Self.bad(
                            "--object-lock-retention \(text)",
                            hint: "MODE:PERIOD as GOVERNANCE:1d or COMPLIANCE:2y, or none"))
                }
                LocalCommand.run(session, "cannot set Object Lock on \(bucket)") {
                    try local.store.putObjectLockConfiguration(bucket, defaultRetention: retention)
                }
                done.append("Object Lock default retention \(retention?.description ?? "none")")
            }
            if let text = publicAccessBlock {
                guard text == "all" || text == "none" else {
                    session.fail(Self.bad("--public-access-block \(text)", hint: "all or none"))
                }
                LocalCommand.run(session, "cannot set Block Public Access on \(bucket)") {
                    try local.store.putPublicAccessBlock(bucket, text == "all" ? .all : nil)
                }
                done.append("Block Public Access \(text)")
            }
            if let file = lifecycle {
                let rules =
                    file == "none" ? nil : Self.lifecycleRules(Self.read(file, session), file: file, session)
                LocalCommand.run(session, "cannot set the lifecycle of \(bucket)") {
                    try local.store.putLifecycle(bucket, rules)
                }
                done.append(
                    "lifecycle: \(rules.map { "\($0.count) rule\($0.count == 1 ? "" : "s")" } ?? "none")")
            }
            if let file = inventory {
                let configuration = Self.inventoryConfiguration(Self.read(file, session), file: file, session)
                LocalCommand.run(session, "cannot set the inventory configuration of \(bucket)") {
                    try local.store.putInventoryConfiguration(bucket, configuration)
                }
                done.append(
                    "inventory \(configuration.id) (\(configuration.includedObjectVersions.rawValue) versions)"
                )
            }
            if let file = encryption {
                let settings =
                    file == "none"
                    ? nil : Self.bucketEncryption(Self.read(file, session), file: file, session)
                LocalCommand.run(session, "cannot set the default encryption of \(bucket)") {
                    try local.store.putBucketEncryption(bucket, settings)
                }
                done.append(
                    "default encryption "
                        + (settings.map { $0.algorithm + ($0.kmsKeyId.map { " \($0)" } ?? "") } ?? "none"))
            }
            if let id = deleteInventory {
                LocalCommand.run(session, "cannot remove the inventory configuration \(id) of \(bucket)") {
                    try local.store.deleteInventoryConfiguration(bucket, id: id)
                }
                done.append("no inventory \(id)")
            }
            if done.isEmpty {
                session.fail(
                    Self.bad(
                        "nothing to set",
                        hint:
                            "give --policy, --versioning, --object-lock-retention, --public-access-block, --lifecycle "
                            + "--inventory or --encryption"
                    ))
            }
            Terminal.out("\(bucket): " + done.joined(separator: ", "))
        }

        static func bad(_ what: String, hint: String) -> Diagnostics {
            Diagnostics([Diagnostic(.error, what, hint: hint, subject: "bops local put-bucket-config")])
        }

        static func read(_ file: String, _ session: CommandSession) -> String {
            guard let data = FileManager.default.contents(atPath: file),
                let text = String(data: data, encoding: .utf8)
            else {
                session.fail(Diagnostics([Diagnostic(.error, "cannot read \(file)", subject: file)]))
            }
            return text
        }

        /// `GOVERNANCE:1d`, `COMPLIANCE:2y`.
        static func retention(_ text: String) -> ObjectLockDefaultRetention? {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let mode = S3ObjectLockMode(rawValue: parts[0].uppercased()),
                let unit = parts[1].last, let count = Int(parts[1].dropLast()), count > 0
            else { return nil }
            switch unit {
            case "d": return ObjectLockDefaultRetention(mode: mode, days: count)
            case "y": return ObjectLockDefaultRetention(mode: mode, years: count)
            default: return nil
            }
        }

        /// The AWS CLI's lifecycle JSON (`{"Rules": [{"ID", "Status", "Filter": {"Prefix"}, "Expiration":
        /// {"Days"}, "Transitions": [...], "NoncurrentVersionExpiration": {"NoncurrentDays"}}]}`).
        static func lifecycleRules(_ text: String, file: String, _ session: CommandSession) -> [LifecycleRule]
        {
            func fail(_ what: String) -> Never {
                session.fail(
                    Diagnostics([
                        Diagnostic(
                            .error, "not a lifecycle configuration: \(what)",
                            hint:
                                #"{"Rules": [{"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, "Expiration": {"Days": 30}}]}"#,
                            subject: file)
                    ]))
            }
            guard let root = try? JSONAny.parse(Array(text.utf8)) as? [String: Any],
                let rules = root["Rules"] as? [[String: Any]], !rules.isEmpty
            else { fail("no Rules list") }
            return rules.enumerated().map { index, rule in
                guard let status = rule["Status"] as? String, status == "Enabled" || status == "Disabled"
                else {
                    fail("rule \(index + 1) has no Status Enabled or Disabled")
                }
                let filter = rule["Filter"] as? [String: Any]
                let and = filter?["And"] as? [String: Any]
                let tagObjects =
                    (filter?["Tag"].map { [$0] } as? [[String: Any]]) ?? (and?["Tags"] as? [[String: Any]])
                    ?? []
                let tags = tagObjects.map {
                    S3Tag(key: $0["Key"] as? String ?? "", value: $0["Value"] as? String ?? "")
                }
                let expiration = rule["Expiration"] as? [String: Any]
                let transitions = (rule["Transitions"] as? [[String: Any]] ?? []).map {
                    LifecycleTransition(
                        days: $0["Days"] as? Int, storageClass: $0["StorageClass"] as? String ?? "")
                }
                return LifecycleRule(
                    id: rule["ID"] as? String, enabled: status == "Enabled",
                    prefix: filter?["Prefix"] as? String ?? and?["Prefix"] as? String ?? rule["Prefix"]
                        as? String,
                    tags: tags, expirationDays: expiration?["Days"] as? Int,
                    transitions: transitions,
                    noncurrentExpirationDays: (rule["NoncurrentVersionExpiration"] as? [String: Any])?[
                        "NoncurrentDays"]
                        as? Int)
            }
        }
    }
}
