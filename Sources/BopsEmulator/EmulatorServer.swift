import BopsJobs
public import BopsLocalEngine
import FoundationEssentials
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// The S3 Batch Operations emulator: the S3 Control jobs API and an S3 subset over HTTP, backed by
/// a ``LocalEngine`` on disk, so any AWS SDK or the AWS CLI can run jobs offline.
///
/// Invariants:
/// - Everything lives under `configuration.dataDir`; a restart on the same folder sees every
///   bucket, object and job (a job interrupted mid-run continues).
/// - Every answer carries `x-amz-request-id`; errors have AWS's body shapes and status codes.
/// - With `verifySignatures`, a request is served only when its SigV4 signature is right for
///   one of `credentials`.
/// - Jobs advance in the background: every `tick` the engine runs ready jobs, pausing `pace`
///   after every `batchSize` tasks.
///
/// ```swift
/// let server = try EmulatorServer(configuration: .init(dataDir: dir, credentials: ["AKID": "secret"]))
/// let running = try await server.start()      // port 0 picks a free port
/// print(running.endpoint.url)                 // http://127.0.0.1:PORT
/// await running.stop()
/// ```
public struct EmulatorServer: Sendable {
    public struct Configuration: Sendable {
        /// The address to listen on.
        public var host: String
        /// 0 picks a free port; the bound one is in ``Endpoint/port``.
        public var port: Int
        /// The engine folder (buckets, objects, jobs).
        public var dataDir: String
        /// Access key id -> secret access key.
        public var credentials: [String: String]
        /// Access key id -> the 12-digit account it signs as; a key not named here is
        /// ``Configuration/defaultAccount``. Buckets belong to the account that created them.
        public var accounts: [String: String] = [:]

        /// The account of every key without one of its own, and of unsigned requests.
        public static let defaultAccount = "123456789012"
        /// When false every request is served unsigned (quick manual use with curl).
        public var verifySignatures: Bool
        /// The region in job ARNs.
        public var region: String
        /// The pause after every batch of tasks while a job runs.
        public var pace: Duration
        /// Tasks per batch.
        public var batchSize: Int
        /// How often the background task looks for jobs to run.
        public var tick: Duration
        public var faults: FaultInjection
        /// The largest request body accepted (`EntityTooLarge` beyond).
        public var maxBodySize: Int
        /// Host suffixes for virtual-hosted-style bucket addressing (`bucket.localhost`).
        public var virtualHostSuffixes: [String]
        /// How long a restore of an archived object takes before HeadObject shows its expiry date
        /// and the object can be read.
        public var restoreDelay: Duration
        /// The local handlers of the Lambda functions LambdaInvoke jobs name; a job naming another
        /// function fails its tasks with `ResourceNotFoundException`.
        public var lambdaFunctions: LambdaFunctions

        public init(
            host: String = "127.0.0.1", port: Int = 0, dataDir: String, credentials: [String: String] = [:],
            verifySignatures: Bool = true, region: String = "us-east-1", pace: Duration = .milliseconds(50),
            batchSize: Int = 16, tick: Duration = .milliseconds(100), faults: FaultInjection = .none,
            maxBodySize: Int = 256 << 20, virtualHostSuffixes: [String] = ["localhost", "127.0.0.1"],
            restoreDelay: Duration = .zero, lambdaFunctions: LambdaFunctions = LambdaFunctions()
        ) {
            self.lambdaFunctions = lambdaFunctions
            self.host = host
            self.port = port
            self.dataDir = dataDir
            self.credentials = credentials
            self.verifySignatures = verifySignatures
            self.region = region
            self.pace = pace
            self.batchSize = batchSize
            self.tick = tick
            self.faults = faults
            self.maxBodySize = maxBodySize
            self.virtualHostSuffixes = virtualHostSuffixes
            self.restoreDelay = restoreDelay
        }
    }

    /// Where a started server listens.
    public struct Endpoint: Sendable, Hashable {
        public var host: String
        public var port: Int
        /// `http://HOST:PORT`, the value for `AWS_ENDPOINT_URL` or `--endpoint-url`.
        public var url: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
    }

    public let configuration: Configuration
    /// The engine behind the API (also usable directly, for example to seed buckets).
    public let engine: LocalEngine
    /// Answers sent so far by status, and faults injected by kind.
    public let counters = EmulatorCounters()

    /// Opens (creating when needed) the data folder. Throws when the folder cannot be used or a
    /// setting is out of range.
    public init(configuration: Configuration) throws {
        guard (0...65535).contains(configuration.port) else {
            throw EngineError.badRequest("port must be 0...65535, got \(configuration.port)")
        }
        if configuration.verifySignatures && configuration.credentials.isEmpty {
            throw EngineError.badRequest(
                "signature verification needs at least one access key (or turn verification off)")
        }
        self.configuration = configuration
        engine = try LocalEngine(
            root: configuration.dataDir,
            options: LocalEngine.Options(
                batchSize: configuration.batchSize, pace: configuration.pace, region: configuration.region,
                restoreDelay: configuration.restoreDelay, lambda: configuration.lambdaFunctions))
    }

    var responder: EmulatorResponder {
        EmulatorResponder(
            control: ControlAPI(engine: engine), iam: IAMAPI(engine: engine), kms: KMSAPI(engine: engine),
            s3: S3API(
                store: engine.store, virtualHostSuffixes: configuration.virtualHostSuffixes,
                region: configuration.region, restoreDelay: configuration.restoreDelay),
            accounts: configuration.accounts,
            verifier: configuration.verifySignatures
                ? SignatureVerifier(secrets: configuration.credentials) : nil,
            faults: FaultInjector(configuration.faults), maxBodySize: configuration.maxBodySize,
            counters: counters)
    }

    /// Serves until the surrounding task is cancelled or, with `handlingSignals`, until SIGINT or
    /// SIGTERM (graceful shutdown: the listener closes, running jobs stop at a batch boundary and
    /// continue on the next start). `onStart` receives the bound endpoint once the server listens.
    public func run(
        handlingSignals: Bool = false, onStart: @escaping @Sendable (Endpoint) async -> Void = { _ in }
    ) async throws {
        var logger = Logger(label: "bops.emulator")
        logger.logLevel = .critical
        let host = configuration.host
        let app = Application(
            responder: responder,
            server: .http1(
                configuration: HTTP1Channel.Configuration(additionalChannelHandlers: [ContinueHandler()])),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: configuration.port), serverName: "bops-emulator"),
            onServerRunning: { channel in
                await onStart(Endpoint(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: logger)
        let engine = self.engine
        let tick = configuration.tick
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                if handlingSignals { try await app.runService() } else { try await app.run() }
            }
            group.addTask { await JobTicker.run(engine: engine, every: tick) }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Starts serving in a task of its own and returns once the server listens.
    public func start() async throws -> RunningEmulator {
        let (stream, continuation) = AsyncStream<Endpoint>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await run(onStart: { continuation.yield($0) })
        }
        for await endpoint in stream { return RunningEmulator(endpoint: endpoint, task: task) }
        try await task.value
        throw EngineError.internalError("the emulator stopped before it started listening")
    }
}

/// A server started with ``EmulatorServer/start()``.
public final class RunningEmulator: Sendable {
    public let endpoint: EmulatorServer.Endpoint
    private let task: Task<Void, any Error>

    init(endpoint: EmulatorServer.Endpoint, task: Task<Void, any Error>) {
        self.endpoint = endpoint
        self.task = task
    }

    /// Stops the server and waits until it has stopped.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// The background task that advances jobs, as AWS does on its own.
enum JobTicker {
    static func run(engine: LocalEngine, every tick: Duration) async {
        while !Task.isCancelled {
            // A failing run (a job folder that cannot be read) is retried on the next tick; the
            // engine records job failures in the jobs themselves.
            _ = try? await engine.work()
            try? await Task.sleep(for: tick)
        }
    }
}
