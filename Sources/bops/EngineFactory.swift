import BopsAWS
import BopsDiagnostics
import BopsLocalEngine
import BopsPrimitives
import BopsProject
import Logging

/// The one place that knows which engines exist: builds the engines `bops.yaml` names, for the
/// workspace (which knows none by name) and for the commands that describe or drive them.
enum EngineFactory {
    /// The engines of one command.
    struct Built {
        var engines: Engines
        /// The embedded engine when `engine: local`, for `bops local`.
        var local: LocalEngine?
        /// Says which engine, region and credential source the command uses (never a secret), or
        /// why it has no credentials; `nil` when there is nothing worth saying.
        var describe: (@Sendable () async -> Result<String, Diagnostic>)?
    }

    /// - `logLevel`: how much the aws engine reports on stderr (each request's operation, status
    ///   and request id; never secrets).
    static func make(_ config: ProjectConfig, logLevel: LogLevel = .warning) -> Result<Built, Diagnostic> {
        switch config.engine ?? defaultEngine {
        case "local": local(config)
        case "aws": aws(config, logger: logger(logLevel))
        case let other:
            .failure(
                .error(
                    "unknown engine '\(other)'", at: config.engineRange,
                    hint: "use " + names.joined(separator: " or ")))
        }
    }

    /// The engines `bops.yaml` may name, the default first.
    static let names = ["local", "aws"]
    /// The engine of a project whose `bops.yaml` names none.
    static var defaultEngine: String { names[0] }

    static func logger(_ level: LogLevel) -> Logger {
        let logLevel: Logger.Level =
            switch level {
            case .error: .error
            case .warning: .warning
            case .info: .info
            case .debug: .debug
            }
        return LineLogHandler.logger(label: "bops.aws", level: logLevel) { level, message, _ in
            Terminal.err("bops: \(level): \(message)")
        }
    }

    /// The embedded engine under `local.path`, with the staging bucket made when missing. It serves
    /// every region and runs jobs only while a command asks it to.
    static func local(_ config: ProjectConfig) -> Result<Built, Diagnostic> {
        do {
            let engine = try LocalEngine(
                root: config.resolve(config.localPath),
                options: LocalEngine.Options(
                    restoreDelay: config.localRestoreDelay, lambda: LambdaFunctions(config.lambda)))
            if try engine.store.bucketInfo(config.stagingBucket) == nil {
                try engine.store.createBucket(config.stagingBucket)
            }
            var engines = Engines(
                jobs: engine, objects: engine,
                runJobs: { onProgress in _ = try await engine.work(onProgress: onProgress) },
                advice: LocalAdvice(), roles: engine, keys: engine)
            engines.pollInterval = .seconds(1)
            engines.listsCheaply = true
            return .success(Built(engines: engines, local: engine))
        } catch {
            return .failure(
                Diagnostic(
                    .error, "cannot open the local engine: \(error)",
                    hint: "check that \(config.localPath) is a writable folder", subject: config.localPath))
        }
    }

    /// One aws engine per region: the project's (or the SDK's region order) for jobs without a
    /// region, and for a spec's own region one made as if `AWS_REGION` named it.
    static func aws(_ config: ProjectConfig, logger: Logger) -> Result<Built, Diagnostic> {
        // Without an account in bops.yaml, job calls made with the placeholder account go to the
        // caller's own account (STS GetCallerIdentity).
        let configuration = AWSEngineConfiguration(
            region: config.region, account: config.account,
            placeholderAccount: config.account == nil ? ProjectConfig.defaultAccount : nil, logger: logger)
        let engine: AWSEngine
        do {
            engine = try AWSEngine(configuration)
        } catch {
            return .failure(
                Diagnostic(
                    .error, "cannot open the aws engine: \(error)",
                    hint: "check the AWS_* environment variables and the ~/.aws config and credentials files",
                    subject: config.file ?? "bops.yaml"))
        }
        var engines = Engines(
            jobs: engine, objects: engine, region: engine.region,
            regional: { region in
                var regional = configuration
                regional.environment.values["AWS_REGION"] = region
                return try AWSEngine(regional)
            }, advice: AWSAdvice(), roles: engine, keys: engine)
        engines.callers = engine
        if let control = engine.endpoints.custom[.s3Control] ?? engine.endpoints.custom[.s3],
            control.isLoopback
        {
            engines.pollInterval = .seconds(1)
            engines.listsCheaply = engine.endpoints.custom[.s3]?.isLoopback ?? false
        }
        return .success(Built(engines: engines, describe: { await announcement(engine) }))
    }

    private static func announcement(_ engine: AWSEngine) async -> Result<String, Diagnostic> {
        do {
            let source = try await engine.credentialSource()
            return .success(
                "aws engine, region \(engine.region) (\(engine.regionSource)), credentials from \(source)")
        } catch {
            return .failure(
                Diagnostic(
                    .error, "no AWS credentials: \(describe(error))",
                    hint:
                        "set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role is "
                        + "available (OIDC web identity, container, EC2)", subject: "aws engine"))
        }
    }
}
