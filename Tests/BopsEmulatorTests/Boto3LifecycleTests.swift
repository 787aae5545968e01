import BopsEmulator
import Foundation
import Testing

/// boto3 (what real SDK users send) drives a whole job lifecycle against the emulator.
@Suite(.tags(.process)) struct Boto3LifecycleTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("python/lifecycle.py").path

    @Test(.enabled(if: Python.hasBoto3, "boto3 is not installed: pip install boto3"), .timeLimit(.minutes(3)))
    func lifecycle() async throws {
        try await withEmulator { _, running in
            let result = try await Task.detached {
                try Python.run(
                    "/usr/bin/env", ["python3", Self.script],
                    environment: EmulatorTestKey.sdkEnvironment(running))
            }.value
            #expect(result.status == 0, "lifecycle.py failed (exit \(result.status)):\n\(result.output)")
            #expect(result.output.contains("OK:"), "\(result.output)")
        }
    }
}
