import BopsAWS
import BopsAWSModel
import BopsEmulator
import BopsJobs
import BopsLocalEngine
import BopsTestSupport
import Foundation
import Testing

/// `bops plan` on the aws engine against the emulator: the job role lives in the emulator's IAM
/// (created through the IAM API) and the plan asks IAM about it, as it would on AWS.
@Suite(.tags(.process)) struct IAMPlanTests {
    /// The `bops` executable next to the test bundle.
    static let binary: String? = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("bops").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static let spec = """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: copy-to-dst
        spec:
          roleArn: arn:aws:iam::123456789012:role/copy-job
          manifest:
            csv:
              file: manifests/objects.csv
              fields: [Bucket, Key]
          operation:
            copy:
              destination: arn:aws:s3:::dst
          report:
            bucket: arn:aws:s3:::reports
            prefix: bops/copy-to-dst
            scope: all

        """

    /// Everything but `s3:PutObject` on the destination's objects.
    static let policy = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "AllButPut", "Effect": "Allow", "NotAction": "s3:PutObject", "Resource": "*"},
          {"Sid": "PutElsewhere", "Effect": "Allow", "Action": "s3:PutObject", "NotResource": "arn:aws:s3:::dst/*"}
        ]}
        """

    static let fullPolicy = """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        """

    static func project() throws -> TempFolder {
        let dir = try TempFolder(prefix: "bops-emulator-tests")
        try FileManager.default.createDirectory(
            atPath: dir.path + "/specs/manifests", withIntermediateDirectories: true)
        try Data(
            """
            apiVersion: bops/v1
            kind: Project
            engine: aws
            account: "123456789012"
            region: us-east-1
            specs: [specs]
            state:
              path: .bops/state.json
            staging:
              bucket: bops-staging

            """.utf8
        ).write(to: URL(fileURLWithPath: dir.path + "/bops.yaml"))
        try Data(spec.utf8).write(to: URL(fileURLWithPath: dir.path + "/specs/copy-to-dst.yaml"))
        try Data("src,a.txt\nsrc,b.txt\n".utf8).write(
            to: URL(fileURLWithPath: dir.path + "/specs/manifests/objects.csv"))
        return dir
    }

    static func plan(
        _ project: String, _ running: RunningEmulator
    ) async throws -> (status: Int32, output: String) {
        guard let binary else { throw EngineError.internalError("the bops executable was not built") }
        return try await Task.detached {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["plan", "--no-color"]
            process.currentDirectoryURL = URL(fileURLWithPath: project)
            var env = ProcessInfo.processInfo.environment
            for (k, v) in [
                "AWS_ENDPOINT_URL": running.endpoint.url, "AWS_ACCESS_KEY_ID": "AKIDEMULATORTEST0001",
                "AWS_SECRET_ACCESS_KEY": "emulator-test-secret", "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": "/nonexistent/c",
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/s", "NO_COLOR": "1",
            ] { env[k] = v }
            process.environment = env
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }.value
    }

    static func seed(_ server: EmulatorServer, _ running: RunningEmulator, policy: String) async throws {
        let store = server.engine.store
        for bucket in ["src", "dst", "reports", "bops-staging"] { try store.createBucket(bucket) }
        for key in ["a.txt", "b.txt"] {
            _ = try store.putObject(
                bucket: "src", key: key, body: Array(key.utf8), attributes: ObjectAttributes())
        }
        let engine = try IAMEmulatorTests.engine(running)
        defer { Task { try? await engine.shutdown() } }
        _ = try await engine.iam.createRole(
            IAMCreateRoleInput(roleName: "copy-job", assumeRolePolicyDocument: IAMEmulatorTests.trust))
        try await engine.iam.putRolePolicy(roleName: "copy-job", policyName: "copy", policyDocument: policy)
    }

    @Test(.enabled(if: binary != nil, "the bops executable was not built"), .timeLimit(.minutes(2)))
    func aRoleMissingPutObjectOnTheDestinationIsAnErrorAtTheDestinationLine() async throws {
        let project = try Self.project()
        try await withEmulator { server, running in
            try await Self.seed(server, running, policy: Self.policy)
            let (status, output) = try await Self.plan(project.path, running)
            #expect(status != 0, "\(output)")
            let line =
                try #require(Self.spec.split(separator: "\n").firstIndex { $0.contains("destination:") }) + 1
            let errors = output.split(separator: "\n").filter { $0.contains("may not s3:PutObject") }
            #expect(errors.count == 1, "\(output)")
            let error = String(errors.first ?? "")
            #expect(error.contains("copy-to-dst.yaml:\(line):"), "\(output)")
            #expect(error.contains("arn:aws:s3:::dst/*"), "\(error)")
            #expect(error.contains("implicit deny"), "\(error)")
            #expect(!output.contains("were not checked"), "\(output)")
        }
    }

    @Test(.enabled(if: binary != nil, "the bops executable was not built"), .timeLimit(.minutes(2)))
    func aRoleWithEveryPermissionPlansCleanly() async throws {
        let project = try Self.project()
        try await withEmulator { server, running in
            try await Self.seed(server, running, policy: Self.fullPolicy)
            let (status, output) = try await Self.plan(project.path, running)
            #expect(status == 0, "\(output)")
            #expect(!output.contains("may not"), "\(output)")
            #expect(output.contains("copy-to-dst"), "\(output)")
        }
    }
}
