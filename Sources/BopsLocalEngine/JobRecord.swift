import BopsJobs
import BopsPrimitives
import FoundationEssentials

/// A job as the local engine keeps it in `jobs/<id>/job.json` (written atomically).
struct JobRecord: Codable, Sendable {
    var accountId: String
    var clientRequestToken: String
    /// Canonical JSON of the CreateJob request: the same token with another fingerprint is refused.
    var requestFingerprint: String
    var tags: [S3Tag]
    var job: JobDescriptor
    /// Seconds spent `Active` before `activeSince`.
    var activeSeconds: Double = 0
    /// When the current `Active` period began (nil when not active).
    var activeSince: Date?

    enum CodingKeys: String, CodingKey {
        case tags, job
        case accountId = "account_id"
        case clientRequestToken = "client_request_token"
        case requestFingerprint = "request_fingerprint"
        case activeSeconds = "active_seconds"
        case activeSince = "active_since"
    }

    mutating func setStatus(_ status: JobStatus, at now: Date) {
        if job.status == .active, status != .active, let since = activeSince {
            activeSeconds += now.timeIntervalSince(since)
            activeSince = nil
        }
        if status == .active && activeSince == nil { activeSince = now }
        job.status = status
        if status.isTerminal && job.terminationDate == nil { job.terminationDate = now }
        refreshTimers(now: now)
    }

    mutating func refreshTimers(now: Date) {
        let running = activeSince.map { now.timeIntervalSince($0) } ?? 0
        var progress = job.progressSummary ?? JobProgressSummary()
        progress.timers = JobTimers(
            elapsedTimeInActiveSeconds: Int64((activeSeconds + running).rounded(.down)))
        job.progressSummary = progress
    }

    mutating func fail(_ failures: [JobFailure], at now: Date) {
        job.failureReasons = (job.failureReasons ?? []) + failures
        setStatus(.failed, at: now)
    }
}

/// The JSON form of job files: sorted keys, ISO 8601 dates with milliseconds.
enum JobJSON {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(format(date))
        }
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: c, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        return d
    }()

    /// RFC 3339 UTC with milliseconds (truncated): `2024-01-01T00:00:00.000Z`.
    static func format(_ date: Date) -> String {
        Timestamp(date: date).rfc3339(fractionDigits: 3)
    }

    static func parse(_ text: String) -> Date? {
        Timestamp(rfc3339: text)?.date
    }

    /// The canonical form of a request, compared for idempotency.
    static func fingerprint(_ request: CreateJobRequest) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = encoder.dateEncodingStrategy
        return String(decoding: try e.encode(request), as: UTF8.self)
    }
}
