import BopsTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `bops emulator` started on 127.0.0.1 with a free port; stopped when the value is dropped, and
/// its data folder removed with it when the emulator was given one of its own (`data:`).
final class RunningEmulator: @unchecked Sendable {
    let process: Process
    let port: Int
    /// The data folder the emulator owns, if any.
    let data: TempFolder?

    /// An emulator on a data folder of its own.
    convenience init(data: TempFolder, extra: [String] = []) throws {
        try self.init(dataDir: data.path, owning: data, extra: extra)
    }

    /// An emulator on `dataDir`, a folder someone else owns (a project's local store).
    init(dataDir: String, owning data: TempFolder? = nil, extra: [String] = []) throws {
        self.data = data
        process = Process()
        process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
        process.arguments =
            [
                "emulator", "--port", "0", "--data-dir", dataDir, "--access-key", "AKIDEXAMPLE",
                "--secret-key", "e2e-secret",
                "--pace", "0",
            ] + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        var text = ""
        let handle = out.fileHandleForReading
        while !text.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
            let port = Int(text[range].split(separator: ":").last ?? "")
        else { throw EmulatorFailure(output: text) }
        self.port = port
    }

    var environment: [String: String] {
        [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "e2e-secret", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_REGION": "us-east-1",
        ]
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

struct EmulatorFailure: Error { var output: String }

extension CLIHarness {
    /// A copy of specs/ with the example buckets seeded into the local engine at `localPath`.
    static func examplesProject(localPath: String?) throws -> CLIHarness {
        let h = try CLIHarness()
        try FileManager.default.removeItem(atPath: h.root + "/specs")
        try FileManager.default.copyItem(atPath: repoRoot + "/specs", toPath: h.root + "/specs")
        let local = localPath.map { "local: { path: \($0) }\n" } ?? ""
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
                + local)
        let seed = Process()
        seed.executableURL = URL(fileURLWithPath: "/bin/bash")
        seed.arguments = [repoRoot + "/scripts/seed-examples.sh", binary, h.root]
        seed.standardOutput = Pipe()
        seed.standardError = Pipe()
        try seed.run()
        seed.waitUntilExit()
        #expect(seed.terminationStatus == 0, "seeding the examples failed")
        return h
    }

    /// Flips every `confirm: false` to true.
    func confirmAll() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: root + "/specs")
        where name.hasSuffix(".yaml") {
            let path = "specs/" + name
            try write(
                path,
                (read(path) ?? "").replacingOccurrences(
                    of: "\n  confirm: false\n", with: "\n  confirm: true\n"))
        }
    }
}

@Suite("aws engine against bops emulator", .serialized, .tags(.process))
struct EmulatorEndToEndTests {
    static let names = [
        "archive-photos-inventory", "backfill-logs-2024", "replicate-contracts-versions",
        "replicate-unreplicated-photos",
    ]

    /// Runs the examples' whole flow and returns, per spec, the final status and the report's counts.
    func flow(_ h: CLIHarness, env: [String: String]) throws -> [String: String] {
        let first = try h.run(["apply", "--auto-approve"], environment: env)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        try h.confirmAll()
        let second = try h.run(["apply", "--auto-approve"], environment: env)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        var outcome: [String: String] = [:]
        for name in Self.names {
            let wait = try h.run(["wait", name, "--interval", "0.2", "--timeout", "120s"], environment: env)
            #expect(wait.status == 0, "\(name): \(wait.stdout)\(wait.stderr)")
            let report = try h.run(["report", name, "--json"], environment: env)
            let object = (try? JSONSerialization.jsonObject(with: Data(report.stdout.utf8))) as? [String: Any]
            let counts = (object?["by_status"] as? [String: Int]).map {
                $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            }
            outcome[name] = "\(object?["status"] as? String ?? "no report") \(counts ?? [])"
        }
        let last = try h.run(["plan", "--detailed-exitcode"], environment: env)
        #expect(last.status == 0, "a finished project plans no changes: \(last.stdout)")
        return outcome
    }

    @Test func sameJobsStatusesAndReportsAsTheLocalEngine() throws {
        let local = try CLIHarness.examplesProject(localPath: nil)
        let localOutcome = try flow(local, env: [:])

        let emulatorFolder = try TempFolder(prefix: "bops-emu")
        let remote = try CLIHarness.examplesProject(localPath: emulatorFolder.path)
        let emulator = try RunningEmulator(data: emulatorFolder)
        try remote.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: \"111122223333\"\nregion: us-east-1\n")
        let remoteOutcome = try flow(remote, env: emulator.environment)
        #expect(remoteOutcome == localOutcome)
        #expect(
            localOutcome.values.allSatisfy { $0.hasPrefix("Complete") || $0.hasPrefix("no report") },
            "\(localOutcome)")
    }

    /// Many seeds, each one converging with one job per spec; across them, faults really happened.
    @Test func convergesUnderInjectedFaultsOverManySeeds() throws {
        var retries = 0
        for seed in [11, 23, 37, 41, 59, 71, 83, 97] {
            retries += try convergesUnderInjectedFaults(seed: seed)
        }
        #expect(retries > 0, "the emulator injected faults, so some requests were retried")
    }

    /// Returns how many requests were retried.
    func convergesUnderInjectedFaults(seed: Int) throws -> Int {
        let names = ["one", "two", "three", "four", "five", "six"]
        return try applyUntilConvergedUnderFaults(
            try CLIHarness.copyProject(count: 4, names: names), names: names, seed: seed, rounds: 8)
    }
}

@Suite("no secret in any output", .serialized, .tags(.process))
struct SecretsTests {
    @Test func secretsNeverAppearInOutputLogsPlansOrState() throws {
        let h = try CLIHarness.copyProject(count: 3, names: ["one"])
        let emulator = try SeededEmulator(for: h).emulator
        let token = "IQoJb3JpZ2luX2VjEKnownSessionToken0123456789"
        var env = emulator.environment
        env["AWS_SESSION_TOKEN"] = token
        var output = ""
        for args in [
            ["plan", "-out", "p.plan", "--log-level", "debug"], ["apply", "p.plan", "--log-level", "debug"],
            ["status", "--log-level", "debug"], ["show"], ["show", "--json"],
            ["wait", "one", "--interval", "0.2", "--log-level", "debug"],
            ["report", "one", "--log-level", "debug"],
        ] {
            let r = try h.run(args, environment: env)
            output += r.stdout + r.stderr
        }
        // A wrong secret: the error must not echo either secret.
        var wrong = env
        wrong["AWS_SECRET_ACCESS_KEY"] = "wrong-secret-value-123"
        let refused = try h.run(["plan", "--log-level", "debug"], environment: wrong)
        #expect(refused.status == 1)
        output += refused.stdout + refused.stderr
        output += h.read(".bops/state.json") ?? ""
        output += h.read("p.plan") ?? ""
        #expect(output.contains("credentials from"), "the command says where credentials came from")
        #expect(output.contains("S3Control.CreateJob"), "debug logs name each operation")
        for secret in [
            "e2e-secret", "wrong-secret-value-123", token, "Signature=", "AWS4-HMAC-SHA256 Credential",
        ] {
            #expect(!output.contains(secret), "\(secret) leaked")
        }
    }
}
