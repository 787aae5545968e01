import FoundationEssentials

/// A local stand-in for one Lambda function: a command run once per invocation, never through a
/// shell. The invocation event arrives on standard input and the response is read from standard
/// output; standard error goes to the job's `lambda.log`.
public struct LambdaHandler: Sendable, Hashable {
    /// The program and its arguments (`["python3", "handlers/resize.py"]`); a program without `/`
    /// is looked up in `PATH`.
    public var command: [String]
    /// How long one invocation may run; past it the handler and its process group are killed and
    /// the task fails ("Task timed out after 30.00 seconds").
    public var timeout: Duration
    /// The folder the command runs in, so relative paths in `command` are relative to the project
    /// (the folder of `bops.yaml`, or of the emulator's mapping file).
    public var workingDirectory: String

    public init(command: [String], timeout: Duration = Self.defaultTimeout, workingDirectory: String) {
        self.command = command
        self.timeout = timeout
        self.workingDirectory = workingDirectory
    }

    /// Lambda's default function timeout.
    public static let defaultTimeout: Duration = .seconds(3)
    /// Lambda's largest function timeout (15 minutes).
    public static let maximumTimeout: Duration = .seconds(900)
}

/// The functions the local engine can invoke, by function ARN.
///
/// A job's `FunctionArn` finds its handler by the exact ARN first, then by the ARN without its
/// version or alias qualifier (`...:function:resize:live` runs the handler of `...:function:resize`).
/// A function with no handler is one that does not exist: its tasks fail with Lambda's
/// `ResourceNotFoundException` (404).
public struct LambdaFunctions: Sendable, Hashable {
    /// Function ARN -> handler.
    public var handlers: [String: LambdaHandler]
    /// How many times a task answered `TemporaryFailure` is invoked in all (AWS redrives such tasks
    /// before the job completes and does not publish a count); the last answer goes to the report.
    public var attempts: Int

    public init(handlers: [String: LambdaHandler] = [:], attempts: Int = Self.defaultAttempts) {
        self.handlers = handlers
        self.attempts = max(1, attempts)
    }

    public static let defaultAttempts = 3

    /// The handler for `arn`: the exact ARN, else the unqualified one.
    public func handler(for arn: String) -> LambdaHandler? {
        if let exact = handlers[arn] { return exact }
        return handlers[Self.unqualified(arn)]
    }

    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME` without a trailing `:QUALIFIER`.
    public static func unqualified(_ arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 8, parts[5] == "function" else { return arn }
        return parts.dropLast().joined(separator: ":")
    }

    /// The function's name: the part after `function:` (or the whole text for a bare name).
    public static func functionName(_ arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        if let i = parts.firstIndex(of: "function"), i + 1 < parts.count { return String(parts[i + 1]) }
        return String(parts.first ?? "")
    }
}
