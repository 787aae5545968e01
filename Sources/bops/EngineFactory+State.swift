import BopsAWS
import BopsDiagnostics
import BopsProject
import BopsState

extension EngineFactory {
    /// The state store `state:` names: the local file, or the S3 object reached with the aws
    /// engine's S3 client (its credential chain, SigV4 and `AWS_ENDPOINT_URL_S3`) whatever engine
    /// runs the jobs. `state.region` wins over the usual region order.
    static func stateStore(
        _ config: ProjectConfig, logLevel: LogLevel = .warning
    ) -> Result<any StateStore, Diagnostic> {
        switch config.state {
        case .local:
            return .success(FileStateStore(path: config.resolve(config.statePath)))
        case .s3(let location):
            var configuration = AWSEngineConfiguration(
                region: location.region ?? config.region, account: config.account, logger: logger(logLevel))
            if let region = location.region { configuration.environment.values["AWS_REGION"] = region }
            do {
                let engine = try AWSEngine(configuration)
                return .success(
                    S3StateStore(
                        bucket: location.bucket, key: location.key, region: engine.region,
                        objects: S3ConditionalClient(engine: engine, kmsKeyId: location.kmsKeyId)))
            } catch {
                return .failure(
                    Diagnostic(
                        .error, "cannot open the s3 state backend: \(error)",
                        hint:
                            "check the AWS_* environment variables and the ~/.aws config and credentials files",
                        subject: config.file ?? "bops.yaml"))
            }
        }
    }

    /// A store named on the command line: `s3://bucket/key` (reached like the s3 backend, in the
    /// project's region) or a local file path.
    static func stateStore(
        named text: String, config: ProjectConfig, logLevel: LogLevel
    ) -> Result<any StateStore, Diagnostic> {
        guard text.hasPrefix("s3://") else {
            var local = config
            local.state = .local
            local.statePath = text
            return stateStore(local, logLevel: logLevel)
        }
        let rest = text.dropFirst("s3://".count)
        guard let slash = rest.firstIndex(of: "/"), rest.index(after: slash) < rest.endIndex else {
            return .failure(
                Diagnostic(
                    .error, "'\(text)' does not name an S3 object", hint: "use s3://BUCKET/KEY", subject: text
                ))
        }
        var remote = config
        remote.state = .s3(
            S3StateLocation(bucket: String(rest[..<slash]), key: String(rest[rest.index(after: slash)...])))
        return stateStore(remote, logLevel: logLevel)
    }
}
