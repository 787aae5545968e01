import BopsAWS
import BopsEmulator
import BopsJobs
import BopsLocalEngine
import BopsTestSupport
import Foundation
import Testing

/// ``EngineConformance`` for the aws engine: CreateJob and the rest encoded with the shared codec,
/// SigV4 signed, over HTTP to `bops emulator`, which runs the jobs on its local engine.
@Suite(.tags(.process)) struct EngineConformanceOverEmulatorTests {
    @Test(.timeLimit(.minutes(1)), arguments: EngineConformance.Rule.allCases)
    func awsEngineOverTheEmulator(_ rule: EngineConformance.Rule) async throws {
        try await withEmulator { server, running in
            let store = server.engine.store
            for bucket in ["src", "dst", "manifests"] { try store.createBucket(bucket) }
            var csv = ""
            for i in 0..<3 {
                _ = try store.putObject(
                    bucket: "src", key: "o-\(i)", body: Array("object \(i)".utf8),
                    attributes: ObjectAttributes())
                csv += "src,o-\(i)\n"
            }
            let manifest = try store.putObject(
                bucket: "manifests", key: "m.csv", body: Array(csv.utf8), attributes: ObjectAttributes())
            let engine = try awsEngine(for: running)
            let request = CreateJobRequest(
                accountId: "123456789012", confirmationRequired: true,
                operation: .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::dst")),
                report: .disabled, clientRequestToken: "",
                manifest: JobManifest(
                    spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
                    location: JobManifestLocation(
                        objectArn: "arn:aws:s3:::manifests/m.csv", eTag: manifest.eTag)),
                description: "conformance", priority: 10, roleArn: "arn:aws:iam::123456789012:role/batch",
                tags: [S3Tag(key: "bops:spec", value: "conformance"), S3Tag(key: "team", value: "data")])
            let subject = EngineConformance.Subject(
                engine: engine, request: request, tasks: 3, runsJobs: true
            ) {
                try await Task.sleep(for: .milliseconds(25))
            }
            do {
                try await EngineConformance.check(rule, on: subject)
            } catch {
                try? await engine.shutdown()
                throw error
            }
            try await engine.shutdown()
        }
    }
}
