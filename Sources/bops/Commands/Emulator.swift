import ArgumentParser
import BopsEmulator
import BopsLocalEngine
import BopsPrimitives
import BopsProject
import FoundationEssentials

/// `bops emulator`: serves the S3 Batch Operations jobs API and an S3 subset on a local port.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Serve the S3 Control jobs API and an S3 subset locally, for any AWS SDK or the AWS CLI.",
        discussion: """
            Point a client at it with AWS_ENDPOINT_URL=http://127.0.0.1:PORT and the configured keys.
            Jobs run in the background on the data folder; SIGINT or SIGTERM stops the server, and a
            restart on the same folder continues where it stopped.
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 4566
    @Option(help: "Folder for buckets, objects and jobs.") var dataDir = ".bops/emulator"
    @Option(help: "Access key id to accept (default: $AWS_ACCESS_KEY_ID, else 'test').") var accessKey:
        String?
    @Option(help: "Its secret (default: $AWS_SECRET_ACCESS_KEY, else 'test').") var secretKey: String?
    @Option(
        name: .customLong("key"),
        help: ArgumentHelp(
            "Another access key, as KEY:SECRET:ACCOUNT (repeatable): it signs as that 12-digit account.",
            discussion:
                "Buckets belong to the account that creates them: ListBuckets shows an account its own, and "
                + "another account creating the same name gets 409 BucketAlreadyExists. The --access-key "
                + "key is account 123456789012."))
    var keys: [String] = []
    @Flag(help: "Serve requests without checking their signatures.") var noVerifySignatures = false
    @Option(help: "Region in job ARNs.") var region = "us-east-1"
    @Option(help: "Pause after every batch of tasks while a job runs (e.g. 50ms, 1s, 0).") var pace = "50ms"
    @Option(help: "Tasks per batch.") var batchSize = 16
    @Option(help: "Share of requests answered by an injected fault, 0...1.") var faultRate = 0.0
    @Option(help: "Seed of the fault sequence.") var faultSeed: UInt64 = 0
    @Option(
        help:
            "Comma-separated fault kinds: internal-error, slow-down, throttling, drop-connection, conflict, drop-after-acting (default: the first three)."
    )
    var faultKinds: String?
    @Option(help: "Latency added to every answer (e.g. 20ms).") var latency = "0"
    @Option(help: "Inject faults only into requests whose path contains this text (e.g. state.json).")
    var faultPath: String?
    @Option(help: "How long a restore of an archived object takes (e.g. 2s; 0 completes it at once).")
    var restoreDelay = "0"
    @Option(
        help: ArgumentHelp(
            "YAML file mapping Lambda function ARNs to local handlers (the shape of bops.yaml's lambda: section, or a bops.yaml).",
            valueName: "file"))
    var lambdaFunctions: String?
    @Option(
        help: ArgumentHelp(
            "A Lambda function's local handler, ARN=COMMAND (words split at spaces, never run through a shell); repeatable.",
            valueName: "arn=command"))
    var lambda: [String] = []
    @Option(help: "Timeout of the handlers given with --lambda (e.g. 30s).") var lambdaTimeout = "3s"

    static func duration(_ text: String, option: String) throws -> Duration {
        let t = text.trimmingWhitespace().lowercased()
        if let value = DurationText.parse(t) { return value }
        if let value = Double(t), value == 0 { return .zero }
        throw ValidationError(
            "\(option): '\(text)' is not a duration; use a number with ms, s or m (e.g. 50ms)")
    }

    /// The `--access-key` key (else `$AWS_ACCESS_KEY_ID`, else `test`): account 123456789012.
    var primaryKey: String { accessKey ?? ProcessInfo.processInfo.environment["AWS_ACCESS_KEY_ID"] ?? "test" }

    func makeConfiguration() throws -> EmulatorServer.Configuration {
        guard (0...1).contains(faultRate) else {
            throw ValidationError("--fault-rate must be 0...1, got \(faultRate)")
        }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        var kinds: [FaultInjection.Kind] = []
        for name in (faultKinds ?? "").split(separator: ",") {
            let trimmed = name.trimmingWhitespace()
            guard let kind = FaultInjection.Kind(rawValue: trimmed) else {
                throw ValidationError(
                    "--fault-kinds: '\(trimmed)' is not one of "
                        + FaultInjection.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            kinds.append(kind)
        }
        let env = ProcessInfo.processInfo.environment
        let key = primaryKey
        let secret = secretKey ?? env["AWS_SECRET_ACCESS_KEY"] ?? "test"
        var credentials = [key: secret]
        var accounts: [String: String] = [:]
        for entry in keys {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, parts[2].count == 12,
                parts[2].allSatisfy(\.isNumber), credentials[parts[0]] == nil
            else {
                throw ValidationError(
                    "--key: expected KEY:SECRET:ACCOUNT with a 12-digit account and a key not given before "
                        + "(got '\(parts.first ?? "")...')")
            }
            credentials[parts[0]] = parts[1]
            accounts[parts[0]] = parts[2]
        }
        var configuration = EmulatorServer.Configuration(
            host: host, port: port, dataDir: dataDir, credentials: credentials,
            verifySignatures: !noVerifySignatures, region: region,
            pace: try Self.duration(pace, option: "--pace"),
            batchSize: batchSize,
            faults: FaultInjection(
                rate: faultRate, seed: faultSeed, kinds: kinds,
                latency: try Self.duration(latency, option: "--latency"), pathContains: faultPath),
            restoreDelay: try Self.duration(restoreDelay, option: "--restore-delay"),
            lambdaFunctions: try lambdaHandlers())
        configuration.accounts = accounts
        return configuration
    }

    /// `--lambda-functions` (handlers run in the file's folder) and `--lambda` (in the working
    /// folder); a function named twice takes the `--lambda` handler.
    func lambdaHandlers() throws -> LambdaFunctions {
        var settings = LambdaSettings(workingDirectory: FileManager.default.currentDirectoryPath)
        if let file = lambdaFunctions {
            guard case .success(let bytes) = SpecFiles.read(file) else {
                throw ValidationError("--lambda-functions: cannot read \(file)")
            }
            let (read, diagnostics) = LambdaSettings.parseFile(bytes, file: file)
            if diagnostics.hasErrors {
                var cache = SourceCache()
                cache.add(file: file, bytes: bytes)
                Terminal.err(
                    DiagnosticRenderer(sources: cache, style: Style(enabled: false)).render(
                        diagnostics.sorted))
                throw ValidationError("--lambda-functions: \(file) has errors")
            }
            settings = read
        }
        var functions = LambdaFunctions(settings)
        let timeout = try Self.duration(lambdaTimeout, option: "--lambda-timeout")
        guard timeout > .zero, timeout <= LambdaSettings.maximumTimeout else {
            throw ValidationError(
                "--lambda-timeout must be more than 0 and at most 15m, got \(lambdaTimeout)")
        }
        for item in lambda {
            guard let eq = item.firstIndex(of: "=") else {
                throw ValidationError("--lambda: '\(item)' is not ARN=COMMAND")
            }
            let arn = String(item[..<eq])
            let command = item[item.index(after: eq)...].split(separator: " ").map(String.init)
            guard arn.contains(":function:"), !command.isEmpty else {
                throw ValidationError(
                    "--lambda: '\(item)' is not ARN=COMMAND (for example "
                        + "arn:aws:lambda:us-east-1:111122223333:function:resize=python3 handlers/resize.py)")
            }
            functions.handlers[arn] = LambdaHandler(
                command: command, timeout: timeout, workingDirectory: FileManager.default.currentDirectoryPath
            )
        }
        return functions
    }

    func run() async throws {
        let configuration = try makeConfiguration()
        let server = try EmulatorServer(configuration: configuration)
        let key = primaryKey
        let verifying = configuration.verifySignatures
        try await server.run(handlingSignals: true) { endpoint in
            var lines = ["bops emulator listening on \(endpoint.url) (data: \(configuration.dataDir))"]
            lines.append("  export AWS_ENDPOINT_URL=\(endpoint.url)")
            lines.append(
                verifying
                    ? "  signatures checked for access key \(key)"
                    : "  signatures not checked")
            for arn in configuration.lambdaFunctions.handlers.keys.sorted() {
                lines.append(
                    "  Lambda \(arn) -> \(configuration.lambdaFunctions.handlers[arn]!.command.joined(separator: " "))"
                )
            }
            if configuration.faults.rate > 0 {
                lines.append(
                    "  injecting faults: rate \(configuration.faults.rate), seed \(configuration.faults.seed)"
                )
            }
            lines.append("  Ctrl-C stops; jobs continue on the next start")
            StandardStream.output.write((lines.joined(separator: "\n") + "\n"))
        }
        let answered = server.counters.byStatus.values.reduce(0, +)
        StandardStream.output.write("bops emulator stopped after \(answered) answers\n")
    }
}
