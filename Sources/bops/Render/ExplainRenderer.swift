import BopsDiagnostics
import BopsJobs
import BopsProject

/// `bops plan --explain NAME`: every plan-time check one spec ran, what it observed and its
/// verdict, as text. The one place ``CheckRecord``s are worded.
struct ExplainRenderer {
    var style: Style

    /// The explanation of spec `name`, whose checks are `records`; `parts` are the jobs a split
    /// spec became (empty otherwise).
    func text(spec name: String, file: String, records: [CheckRecord], parts: [String]) -> String {
        var lines = ["Plan-time checks of spec \(name) (\(file)):"]
        if !parts.isEmpty {
            lines.append(
                "  split into \(parts.count) parts: \(parts.joined(separator: ", ")); the checks below hold for each"
            )
        }
        if records.isEmpty {
            lines.append("  no check ran: the spec stopped before its checks (see the errors)")
        }
        for record in records {
            lines.append("  \(verdictWord(record.verdict)) \(record.check.rawValue) \(record.subject)")
            for fact in record.observed { lines.append("      observed: \(Self.sentence(fact))") }
            switch record.verdict {
            case .passed: break
            case .failed(let d):
                lines.append("      \(d.severity.rawValue)\(Self.location(d)): \(d.summary)")
                if let hint = d.hint { lines.append("      help: \(hint)") }
            case .notChecked(let why): lines.append("      not checked: \(why)")
            case .notApplicable(let why): lines.append("      not applicable: \(why)")
            case .acknowledged(let why): lines.append("      skipped by spec.acknowledge: \(why)")
            }
        }
        return lines.joined(separator: "\n")
    }

    func verdictWord(_ verdict: CheckRecord.Verdict) -> String {
        switch verdict {
        case .passed: return style.green("[passed]")
        case .failed(let d) where d.severity == .error: return style.red("[error]")
        case .failed: return style.yellow("[warning]")
        case .notChecked: return style.yellow("[not checked]")
        case .notApplicable: return style.dim("[not applicable]")
        case .acknowledged: return style.dim("[skipped]")
        }
    }

    static func location(_ d: Diagnostic) -> String {
        guard let r = d.range else { return "" }
        return " at \(r.file):\(r.start.line):\(r.start.column)"
    }

    /// One observation as a sentence.
    static func sentence(_ fact: CheckRecord.Observation) -> String {
        switch fact {
        case .object(let uri, let eTag, let encryption):
            return "\(uri) exists, ETag \(eTag)" + (encryption.map { ", encrypted \($0)" } ?? "")
        case .localManifest(let file, let rows, let eTag, let fields):
            return
                "\(file): \(rows.map { "\($0) rows" } ?? "rows not counted") of \(fields.joined(separator: ", ")), "
                + "staged by bops with ETag \(eTag)"
        case .bucket(let name, let region):
            return "\(name) exists" + (region.map { " in \($0)" } ?? "")
        case .missing(let what): return "\(what) does not exist"
        case .versioning(let bucket, let status):
            return "versioning \(status ?? "never enabled") on \(bucket)"
        case .replication(let bucket, let destinations):
            guard let destinations else { return "\(bucket) has no replication configuration" }
            return "\(bucket) replicates with \(destinations.count) enabled rule(s)"
                + (destinations.isEmpty ? "" : " to " + destinations.joined(separator: ", "))
        case .inventoryConfiguration(let bucket, let id, let versions, let count):
            guard let id else {
                return "no inventory configuration of \(bucket) delivers the report"
                    + (count.map { " (\($0) configuration(s))" } ?? "")
            }
            return
                "inventory configuration \(id) of \(bucket) lists \(versions == "All" ? "every version" : "current versions only")"
                + " (IncludedObjectVersions \(versions ?? "-"))"
        case .replicationCoverage(let bucket, let objects, let outside, let byTags, let sample):
            let about = sample == nil ? "" : "about "
            return
                "\(about)\(objects) manifest object(s) in \(bucket): \(about)\(outside) under no enabled replication rule"
                + (byTags > 0 ? ", \(about)\(byTags) under rules with tag filters only (tags not known)" : "")
                + (sample.map { " (from a sample of \($0) rows)" } ?? "")
        case .objectLock(let bucket, let enabled, let retention):
            guard enabled else { return "Object Lock not enabled on \(bucket)" }
            return "Object Lock enabled on \(bucket), "
                + (retention.map { "default retention \($0)" } ?? "no default retention")
        case .region(let bucket, let region, let job):
            return "\(bucket) is in \(region ?? "an unknown region"), the job runs in \(job)"
        case .noBucketPolicy(let bucket): return "\(bucket) has no bucket policy"
        case .bucketPolicy(let bucket, let role, let actions, let by):
            let asked = actions.joined(separator: ", ")
            guard let by else {
                return "bucket policy of \(bucket): no statement denies role \(role) \(asked)"
            }
            return "\(by) denies role \(role) \(asked)"
        case .bucketOwner(let bucket, let account, let owned, let owner):
            switch owned {
            case true?: return "\(bucket) belongs to the role's account \(account)"
            case false?:
                return
                    "\(bucket) belongs to \(owner.map { "account \($0)" } ?? "another account"), not \(account)"
            case nil: return "whether account \(account) owns \(bucket) is not known"
            }
        case .crossAccountAllow(let bucket, let role, let actions, let allowed):
            return
                "across accounts, the bucket policy of \(bucket) \(allowed ? "allows" : "does not allow") role "
                + "\(role) \(actions.joined(separator: ", "))"
        case .publicAccessBlock(let bucket, let block, let ignore):
            guard let block, let ignore else { return "\(bucket) has no Block Public Access settings" }
            return "Block Public Access on \(bucket): BlockPublicAcls \(block), IgnorePublicAcls \(ignore)"
        case .lifecycle(let bucket, let rules, let matching):
            guard rules > 0 else { return "\(bucket) has no lifecycle rule" }
            return "\(bucket) has \(rules) lifecycle rule(s); "
                + (matching.isEmpty
                    ? "none expires or moves the job's objects"
                    : "\(matching.joined(separator: ", ")) expire(s) or move(s) the job's objects")
        case .bucketEncryption(let bucket, let algorithm, let key):
            guard let algorithm else { return "\(bucket) has no default encryption" }
            return "\(bucket) encrypts new objects with \(algorithm)"
                + (key.map { " and key \($0)" } ?? (algorithm == "AES256" ? "" : " and the AWS managed key"))
        case .key(let arn, let state):
            return state.map { "KMS key \(arn) is \($0)" } ?? "KMS key \(arn) does not exist"
        case .keyPolicy(let arn, let role, let actions, let decision):
            let word: String
            switch decision {
            case .allowed: word = "allows"
            case .explicitDeny: word = "explicitly denies"
            case .implicitDeny: word = "does not allow"
            }
            return "key policy of \(arn) \(word) role \(role) \(actions.joined(separator: ", "))"
        case .rolePermissions(let role, let allowed, let denied, let trusted):
            return "role \(role): \(allowed) of \(allowed + denied) needed permissions allowed"
                + (trusted.map {
                    $0 ? ", trusts S3 Batch Operations" : ", does not trust S3 Batch Operations"
                }
                    ?? "")
        case .noSuchRole(let role): return "role \(role) does not exist"
        case .callerPermission(let caller, let action, let resource, let decision):
            let word: String
            switch decision {
            case .allowed?: word = "may"
            case .explicitDeny?: word = "is explicitly denied"
            case .implicitDeny?: word = "is not allowed to"
            case nil: word = "has no decision for"
            }
            return "caller \(caller) \(word) \(action) on \(resource) (IAM SimulatePrincipalPolicy)"
        case .unread(let what, let error): return "\(what) could not be read: \(error)"
        }
    }
}
