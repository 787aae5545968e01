import BopsAWS
import BopsEmulator
import BopsJobs
import BopsTestSupport
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Starts an emulator on 127.0.0.1 with a free port, runs `body`, then stops it and removes its data.
func withEmulator<T>(
    _ configure: (inout EmulatorServer.Configuration) -> Void = { _ in },
    _ body: (EmulatorServer, RunningEmulator) async throws -> T
) async throws -> T {
    let dir = try TempFolder(prefix: "bops-emulator-tests")
    var configuration = EmulatorServer.Configuration(
        dataDir: dir.path, credentials: [EmulatorTestKey.id: EmulatorTestKey.secret],
        pace: .milliseconds(5))
    configure(&configuration)
    let server = try EmulatorServer(configuration: configuration)
    let running = try await server.start()
    do {
        let result = try await body(server, running)
        await running.stop()
        return result
    } catch {
        await running.stop()
        throw error
    }
}

/// The key every emulator test signs with; ``withEmulator`` accepts it.
enum EmulatorTestKey {
    static let id = "AKIDEMULATORTEST0001"
    static let secret = "emulator-test-secret"

    /// What a boto3 script of these tests runs with: `BOPS_EMULATOR_URL`, this key, no profile or
    /// instance metadata, and `extra`.
    static func sdkEnvironment(
        _ running: RunningEmulator, _ extra: [String: String] = [:]
    ) -> [String: String] {
        [
            "BOPS_EMULATOR_URL": running.endpoint.url, "AWS_ACCESS_KEY_ID": id,
            "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ].merging(extra) { _, given in given }
    }
}

/// The aws engine of bops pointed at `running`, signing with the emulator's test key.
func awsEngine(for running: RunningEmulator) throws -> AWSEngine {
    try AWSEngine(
        AWSEngineConfiguration(
            region: "us-east-1",
            environment: AWSEnvironment([
                "AWS_ENDPOINT_URL": running.endpoint.url, "AWS_ACCESS_KEY_ID": EmulatorTestKey.id,
                "AWS_SECRET_ACCESS_KEY": EmulatorTestKey.secret, "AWS_CONFIG_FILE": "/nonexistent/c",
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/s", "AWS_EC2_METADATA_DISABLED": "true",
            ])))
}

/// Creates a job of `operation` over the CSV manifest `manifests/m.csv` (Bucket, Key) with role
/// `batch` in account 123456789012 through the aws engine, and polls DescribeJob (every 50 ms, at
/// most 10 s) until it has ended; its last description.
func runJob(
    _ engine: AWSEngine, _ operation: JobOperation, report: JobReport = .disabled, manifestETag: String
) async throws -> JobDescriptor {
    let id = try await engine.createJob(
        CreateJobRequest(
            accountId: "123456789012", confirmationRequired: false, operation: operation, report: report,
            clientRequestToken: UUID().uuidString,
            manifest: JobManifest(
                spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
                location: JobManifestLocation(objectArn: "arn:aws:s3:::manifests/m.csv", eTag: manifestETag)),
            priority: 1, roleArn: "arn:aws:iam::123456789012:role/batch"))
    var job = try await engine.describeJob(accountId: "123456789012", jobId: id)
    for _ in 0..<200 where !job.status.isTerminal {
        try await Task.sleep(for: .milliseconds(50))
        job = try await engine.describeJob(accountId: "123456789012", jobId: id)
    }
    return job
}

/// One plain HTTP exchange (no signing): status, headers, body; `nil` status when the
/// connection failed without an answer.
struct Exchange {
    var status: Int?
    var headers: [String: String]
    var body: String
    var error: (any Error)?
}

func send(
    _ method: String, _ url: String, body: String? = nil, headers: [String: String] = [:]
) async -> Exchange {
    guard let target = URL(string: url) else {
        return Exchange(status: nil, headers: [:], body: "", error: nil)
    }
    var request = URLRequest(url: target)
    request.httpMethod = method
    if let body { request.httpBody = Data(body.utf8) }
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 10
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    do {
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Exchange(
            status: http?.statusCode, headers: fields, body: String(decoding: data, as: UTF8.self))
    } catch {
        return Exchange(status: nil, headers: [:], body: "", error: error)
    }
}

/// The value of `<name>` in an XML body (first occurrence), for quick checks.
func element(_ name: String, in body: String) -> String? {
    guard let start = body.range(of: "<\(name)>"),
        let end = body.range(of: "</\(name)>", range: start.upperBound..<body.endIndex)
    else { return nil }
    return String(body[start.upperBound..<end.lowerBound])
}

/// Python with boto3, when installed.
enum Python {
    static let executable: String? = {
        for candidate in ["/usr/bin/env"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }()

    static let hasBoto3: Bool = {
        guard let env = executable else { return false }
        return (try? run(env, ["python3", "-c", "import boto3"], environment: [:]).status) == 0
    }()

    /// Runs the Python `script` against `running` with the SDK environment and `extra` variables,
    /// off the test's task; its exit status and combined output.
    static func script(
        _ script: String, against running: RunningEmulator, _ extra: [String: String] = [:]
    ) async throws -> (status: Int32, output: String) {
        try await Task.detached {
            try run(
                "/usr/bin/env", ["python3", "-c", script],
                environment: EmulatorTestKey.sdkEnvironment(running, extra))
        }.value
    }

    /// Runs a process to completion, returning its exit status and combined output.
    static func run(
        _ launchPath: String, _ arguments: [String], environment: [String: String]
    ) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launchPath)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
