import BopsPrimitives
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `credential_process`: runs the command with `/bin/sh -c` and reads its standard output as
/// `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}`.
///
/// A non-zero exit, a timeout or a bad document is a ``CredentialError`` with the exit status and
/// the first lines of standard error (standard output, which holds secrets, is never quoted).
public struct ProcessCredentialSource: CredentialSource {
    public var command: String
    public var profile: String
    public var timeout: Duration
    public var name: String { "credential_process" }

    public init(command: String, profile: String, timeout: Duration = .seconds(60)) {
        self.command = command
        self.profile = profile
        self.timeout = timeout
    }

    public func load() async throws -> ResolvedCredentials? {
        let source = "credential_process of profile '\(profile)'"
        let command = self.command
        let timeout = self.timeout
        let run = await Task.detached {
            let scratch = PathText.join(
                FileManager.default.temporaryDirectory.path, "bops-credential-process")
            let errors = PathText.join(scratch, "\(UUID().uuidString).err")
            defer { unlink(errors) }
            let run = ChildProcess.run(
                ["/bin/sh", "-c", command], timeout: timeout, input: [], scratch: scratch, log: errors,
                maximumOutput: 1 << 20)
            let stderr = FileManager.default.contents(atPath: errors).map { Array($0) } ?? []
            return (run, stderr)
        }.value
        let output: (status: Int32, stdout: [UInt8], stderr: [UInt8])
        switch run.0.end {
        case .exited(let status): output = (status, run.0.output, run.1)
        case .couldNotStart(let why): throw CredentialError(source: source, "cannot start /bin/sh: \(why)")
        case .timedOut: throw CredentialError(source: source, "the command did not finish within \(timeout)")
        case .signalled(let signal): output = (128 + signal, run.0.output, run.1)
        }
        if run.0.outputTooLarge { throw CredentialError(source: source, "the command wrote more than 1 MiB") }
        guard output.status == 0 else {
            let lines = String(decoding: output.stderr.prefix(500), as: UTF8.self)
                .trimmingWhitespaceAndNewlines()
            throw CredentialError(
                source: source,
                "the command exited with status \(output.status)"
                    + (lines.isEmpty ? "" : ": \(lines)"),
                hint: "run the command by hand to see why")
        }
        return try CredentialJSON.parse(
            Array(output.stdout), source: source, tokenKey: "SessionToken", requireVersion: true)
    }
}
