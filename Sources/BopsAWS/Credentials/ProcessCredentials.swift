import Foundation

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
        let output = try await Task.detached { () throws -> (status: Int32, stdout: Data, stderr: Data) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            let stdout = Pipe()
            let stderrFile = FileManager.default.temporaryDirectory
                .appendingPathComponent("bops-credential-process-\(UUID().uuidString).err")
            _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: stderrFile) }
            let stderr = try FileHandle(forWritingTo: stderrFile)
            defer { try? stderr.close() }
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                throw CredentialError(source: source, "cannot start /bin/sh: \(error)")
            }
            let deadline = DispatchTime.now() + .nanoseconds(Int(RetryPolicy.seconds(timeout) * 1e9))
            let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
            DispatchQueue.global().asyncAfter(deadline: deadline, execute: killer)
            let data = stdout.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            killer.cancel()
            let errors = FileManager.default.contents(atPath: stderrFile.path) ?? Data()
            return (process.terminationStatus, data, errors)
        }.value
        guard output.status == 0 else {
            let lines = String(decoding: output.stderr.prefix(500), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
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
