import BopsJobs
import BopsPrimitives
import BopsProject
import Foundation
import Logging
import Testing

@testable import BopsAWS

/// Runs real calls with known secrets at debug level and scans every log line and error text.
@Suite(.enabled(if: Moto.available, Moto.skipMessage), .tags(.process))
struct SecretsTests {
    final class Lines: @unchecked Sendable {
        let lock = NSLock()
        var lines: [String] = []
        var events: [Logger.Metadata] = []
        func add(_ level: Logger.Level, _ message: Logger.Message, _ metadata: Logger.Metadata) {
            lock.withLock {
                events.append(metadata)
                lines.append("[\(level)] \(message)")
                lines.append(String(reflecting: metadata))
            }
        }
    }

    @Test func noSecretTokenOrSignatureInLogsOrErrors() async throws {
        let collected = Lines()
        let logger = LineLogHandler.logger(label: "test", level: .debug) { collected.add($0, $1, $2) }
        let moto = try MotoFixture(logger: logger)
        defer { Task { try? await moto.engine.shutdown() } }
        let bucket = MotoFixture.uniqueBucket("secrets")
        try await moto.createBucket(bucket)
        var texts: [String] = []
        _ = try await moto.engine.putObject(bucket: bucket, key: "a.csv", body: [1, 2, 3], contentType: nil)
        _ = try await moto.engine.headObject(bucket: bucket, key: "a.csv", versionId: nil)
        _ = try await moto.engine.listObjects(bucket: bucket, prefix: nil)
        _ = try await moto.engine.defaultAccount()
        texts.append(try await moto.engine.credentialSource())
        texts.append(String(describing: try await moto.engine.credentials.credentials()))
        texts.append(String(reflecting: try await moto.engine.credentials.credentials()))
        do { _ = try await moto.engine.getObject(bucket: bucket, key: "missing", versionId: nil) } catch {
            texts.append(String(describing: error))
            texts.append(String(reflecting: error))
        }
        do { _ = try await moto.engine.bucketVersioning(bucket: bucket + "-missing") } catch {
            texts.append(String(describing: error))
        }
        let preflight = await Preflight(objects: moto.engine).check(
            PreflightInput(
                manifest: .init(bucket: bucket + "-nobucket", key: "m.csv"), reportBucket: .init(bucket)))
        texts += preflight.items.map { "\($0)" }

        let all = collected.lines + texts
        #expect(
            collected.events.contains {
                $0["operation"] == "PutObject" && $0["status"] == "200" && $0["request_id"] != nil
            })
        #expect(collected.events.contains { $0["operation"] == "GetObject" && $0["status"] == "404" })
        #expect(collected.events.contains { $0["operation"] == "GetCallerIdentity" })
        #expect(all.count > 10)
        for text in all {
            #expect(!text.contains(MotoFixture.secret))
            #expect(!text.contains(MotoFixture.token))
            #expect(!text.contains("Authorization"))
            #expect(!text.contains("Signature="))
            #expect(!text.contains("AWS4-HMAC-SHA256"))
        }
    }
}
