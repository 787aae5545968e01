/// The status of a Batch Operations job (`JobStatus` in the S3 Control 2018-08-20 model).
///
/// The raw values are AWS's spellings. A job moves
/// `New -> Preparing -> (Suspended ->) Ready -> Active -> Completing -> Complete`, or through
/// `Failing -> Failed` or `Cancelling -> Cancelled`; `Pausing`/`Paused` exist in the model and are
/// only ever observed, never requested. `Complete` does not mean every task succeeded: check
/// `JobProgressSummary.numberOfTasksFailed`.
public enum JobStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case new = "New"
    case preparing = "Preparing"
    case suspended = "Suspended"
    case ready = "Ready"
    case active = "Active"
    case pausing = "Pausing"
    case paused = "Paused"
    case completing = "Completing"
    case complete = "Complete"
    case failing = "Failing"
    case failed = "Failed"
    case cancelling = "Cancelling"
    case cancelled = "Cancelled"

    /// `Complete`, `Failed` and `Cancelled`: the job will never change again and expires 90 days
    /// after its `terminationDate`.
    public var isTerminal: Bool {
        switch self {
        case .complete, .failed, .cancelled: true
        default: false
        }
    }
}

/// The only two statuses `UpdateJobStatus` accepts (`RequestedJobStatus`).
///
/// AWS allows `Ready` only from `Suspended` (confirming a job created with
/// `ConfirmationRequired`), and `Cancelled` from any non-terminal status; anything else is refused
/// with `JobStatusException` (see ``EngineError/jobStatusException``).
public enum RequestedJobStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case ready = "Ready"
    case cancelled = "Cancelled"

    /// Whether AWS accepts this request for a job currently in `status`.
    public func isAllowed(from status: JobStatus) -> Bool {
        switch self {
        case .ready: status == .suspended
        case .cancelled: !status.isTerminal
        }
    }
}

/// An S3 tag (`S3Tag`): used for job tags and for object tags.
///
/// AWS limits: key 1...128 characters, value 0...256, both from letters, digits, spaces and `_.:/=+-@`.
public struct S3Tag: Codable, Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case key
        case value
    }
}

/// A job tag is an ``S3Tag`` (the model uses `S3TagSet` for both).
public typealias JobTag = S3Tag
