import BopsEmulator
import BopsLocalEngine
import Foundation
import Testing

/// A LambdaInvoke job created by boto3 runs the emulator's local handler: the shipped example
/// handler (`specs/handlers/resize.py`) for a mapped function, `ResourceNotFoundException` for
/// another.
@Suite(.tags(.process)) struct LambdaInvokeTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let script = tests.appendingPathComponent("python/lambda_invoke.py").path
    static let repo = tests.deletingLastPathComponent().deletingLastPathComponent().path
    static let mapped = "arn:aws:lambda:us-east-1:123456789012:function:resize"

    @Test(.enabled(if: Python.hasBoto3, "boto3 is not installed: pip install boto3"), .timeLimit(.minutes(3)))
    func boto3JobRunsTheMappedHandler() async throws {
        let functions = LambdaFunctions(handlers: [
            Self.mapped: LambdaHandler(
                command: ["python3", "specs/handlers/resize.py"], timeout: .seconds(30),
                workingDirectory: Self.repo)
        ])
        try await withEmulator({ $0.lambdaFunctions = functions }) { _, running in
            let result = try await Task.detached {
                try Python.run(
                    "/usr/bin/env", ["python3", Self.script],
                    environment: EmulatorTestKey.sdkEnvironment(
                        running,
                        [
                            "MAPPED_ARN": Self.mapped,
                            "UNMAPPED_ARN": "arn:aws:lambda:us-east-1:123456789012:function:missing",
                        ]))
            }.value
            #expect(result.status == 0, "lambda_invoke.py failed (exit \(result.status)):\n\(result.output)")
            #expect(result.output.contains("OK: LambdaInvoke through the emulator"), "\(result.output)")
        }
    }
}
