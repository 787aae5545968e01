import BopsTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One emulator holding the jobs, the buckets and the state, and working copies of one project whose
/// bops.yaml keeps its state there (`state: { backend: s3 }`).
struct RemoteStateWorld {
    static let names = ["alpha", "beta", "gamma"]
    let emulatorData: String
    let emulator: RunningEmulator
    /// A project on the emulator's folder with the local engine: seeds buckets and lists jobs.
    let seeder: CLIHarness
    let template: CLIHarness

    init(faults: [String] = []) throws {
        let emulatorFolder = try TempFolder(prefix: "bops-emu")
        emulatorData = emulatorFolder.path
        template = try CLIHarness.copyProject(count: 3, names: Self.names)
        seeder = try CLIHarness()
        try seeder.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\naccount: \"111122223333\"\nlocal: { path: \(emulatorData) }\n"
        )
        try FileManager.default.copyItem(atPath: template.root + "/data", toPath: seeder.root + "/data")
        #expect(try seeder.run(["local", "seed", "src", "data"]).status == 0)
        for bucket in ["dst", "reports"] { #expect(try seeder.run(["local", "mb", bucket]).status == 0) }
        #expect(try seeder.run(["local", "mb", "team-state", "--versioning"]).status == 0)
        emulator = try RunningEmulator(data: emulatorFolder, extra: faults)
        try template.write("bops.yaml", Self.projectFile)
    }

    static let projectFile = """
        apiVersion: bops/v1
        kind: Project
        engine: aws
        account: "111122223333"
        region: us-east-1
        state: { backend: s3, bucket: team-state, key: bops/prod/state.json }

        """

    /// A separate working copy (its own folder) of the project.
    func workingCopy() throws -> CLIHarness {
        let copy = try CLIHarness()
        try FileManager.default.removeItem(atPath: copy.root)
        try FileManager.default.copyItem(atPath: template.root, toPath: copy.root)
        try? FileManager.default.removeItem(atPath: copy.root + "/.bops")
        return copy
    }

    var environment: [String: String] { emulator.environment }

    struct Job: Decodable {
        var job_id: String
        var spec: String?
    }

    func jobs() throws -> [Job] {
        let out = try seeder.run(["local", "jobs", "--json"])
        return try JSONDecoder().decode([Job].self, from: Data(out.stdout.utf8))
    }

    func expectOneJobPerSpec(_ context: String) throws {
        let jobs = try jobs()
        for name in Self.names {
            #expect(
                jobs.filter { $0.spec == name }.count == 1,
                "one job for \(name) (\(context)): \(jobs.map(\.spec))")
        }
        #expect(jobs.count == Self.names.count, "\(context)")
    }

    /// The state as stored in the emulator, through `bops state list` of a working copy.
    func recordedNames(_ h: CLIHarness) throws -> [String] {
        let out = try h.run(["state", "list"], environment: environment)
        return out.stdout.split(separator: "\n").map(String.init)
    }
}

@Suite("remote state on bops emulator", .serialized, .tags(.process))
struct RemoteStateTests {
    /// 8 applies from 8 working copies started at once on one remote state: one job per spec; a
    /// loser that does not wait names the holder; one that waits finds nothing left to do.
    @Test(arguments: [UInt64(3), 17, 29])
    func eightConcurrentAppliesMakeOneJobPerSpec(seed: UInt64) throws {
        let world = try RemoteStateWorld()
        var rng = SeededGenerator(seed: seed)
        let copies = try (0..<8).map { _ in try world.workingCopy() }
        let waits = (0..<8).map { _ in rng.next() % 2 == 0 }
        let started = try copies.indices.map { i in
            try copies[i].start(
                ["apply", "--auto-approve", "--lock-timeout", waits[i] ? "120s" : "0s"],
                environment: world.environment)
        }
        var results: [(pid: Int32, waited: Bool, status: Int32, out: String, err: String)] = []
        for (i, (process, out, err)) in started.enumerated() {
            let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            results.append((process.processIdentifier, waits[i], process.terminationStatus, o, e))
        }
        let creators = results.filter { $0.out.contains("Apply complete!") }
        #expect(creators.count == 1, "exactly one apply creates the jobs: \(results.map(\.out))")
        for r in results where r.status != 0 {
            #expect(!r.waited, "an apply that waits for the lock does not fail: \(r.err)")
            #expect(r.err.contains("state is locked"), "\(r.err)")
            #expect(r.err.contains("lock id "), "\(r.err)")
            let others = results.filter { $0.pid != r.pid }.map(\.pid)
            #expect(others.contains { r.err.contains("pid \($0),") }, "names the holder: \(r.err)")
        }
        for r in results where r.waited {
            #expect(r.status == 0, "\(r.err)")
            if !r.out.contains("Apply complete!") { #expect(r.out.contains("No changes."), "\(r.out)") }
        }
        for r in results { #expect(r.err.contains("bops: state: s3 s3://team-state/bops/prod/state.json")) }
        try world.expectOneJobPerSpec("seed \(seed)")
        #expect(try world.recordedNames(copies[0]) == RemoteStateWorld.names)
        let plan = try copies[1].run(["plan", "--detailed-exitcode"], environment: world.environment)
        #expect(plan.status == 0, "another working copy sees the same jobs: \(plan.stdout)\(plan.stderr)")
    }

    /// SIGKILL of the lock holder leaves its lock; force-unlock shows it, asks, removes it, and the
    /// next apply converges to one job per spec.
    @Test(arguments: [UInt64(5), 8, 13])
    func aKilledHolderLeavesALockThatForceUnlockRemoves(seed: UInt64) throws {
        let world = try RemoteStateWorld()
        var rng = SeededGenerator(seed: seed)
        let h = try world.workingCopy()
        let (process, _, _) = try h.start(["apply", "--auto-approve"], environment: world.environment)
        usleep(UInt32.random(in: 400_000...1_500_000, using: &rng))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let other = try world.workingCopy()
        let blocked = try other.run(["apply", "--auto-approve"], environment: world.environment)
        if blocked.status != 0 {
            #expect(blocked.stderr.contains("pid \(process.processIdentifier),"), "\(blocked.stderr)")
            let id = try #require(lockId(in: blocked.stderr), "\(blocked.stderr)")
            let declined = try other.run(["force-unlock", id], stdin: "no\n", environment: world.environment)
            #expect(declined.status == 1)
            #expect(
                declined.stdout.contains("pid \(process.processIdentifier)"),
                "shows the lock: \(declined.stdout)")
            #expect(try other.run(["apply", "--auto-approve"], environment: world.environment).status == 1)
            let removed = try other.run(["force-unlock", id], stdin: "yes\n", environment: world.environment)
            #expect(removed.status == 0, "\(removed.stdout)\(removed.stderr)")
            let again = try other.run(["apply", "--auto-approve"], environment: world.environment)
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        }
        let plan = try other.run(["plan", "--detailed-exitcode"], environment: world.environment)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        try world.expectOneJobPerSpec("killed after a random pause, seed \(seed)")
    }

    /// 5xx, 409 and dropped connections (before and after the request acted) on the state and lock
    /// calls: applies repeated until they converge leave one job per spec and a state that records
    /// exactly those jobs.
    @Test(arguments: [UInt64(2), 7, 19])
    func faultsOnTheStateCallsLoseNoUpdate(seed: UInt64) throws {
        let world = try RemoteStateWorld(faults: [
            "--fault-rate", "0.3", "--fault-seed", String(seed), "--fault-path", "state.json",
            "--fault-kinds", "internal-error,conflict,drop-connection,drop-after-acting",
        ])
        let h = try world.workingCopy()
        var converged = false
        for _ in 0..<10 {
            let apply = try h.run(
                ["apply", "--auto-approve", "--lock-timeout", "30s"], environment: world.environment)
            if apply.status != 0, apply.stderr.contains("state is locked"), let id = lockId(in: apply.stderr)
            {
                _ = try h.run(["force-unlock", id, "--force"], environment: world.environment)
            }
            if apply.status == 0,
                try h.run(["plan", "--detailed-exitcode"], environment: world.environment).status == 0
            {
                converged = true
                break
            }
        }
        #expect(converged, "seed \(seed)")
        try world.expectOneJobPerSpec("faults on state calls, seed \(seed)")
        let shown = try h.run(["show", "--json"], environment: world.environment)
        let state = try #require(
            try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let records = try #require(state["jobs"] as? [String: [String: Any]])
        let engineIds = Set(try world.jobs().map(\.job_id))
        #expect(
            Set(records.values.compactMap { $0["job_id"] as? String }) == engineIds,
            "state records the jobs made")
    }

    @Test func migrateRecoverAndAdoptAfterALostState() throws {
        let world = try RemoteStateWorld()
        let h = try world.workingCopy()
        // Apply with the local file first, then move the state to S3.
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: \"111122223333\"\nregion: us-east-1\n")
        #expect(try h.run(["apply", "--auto-approve"], environment: world.environment).status == 0)
        try h.write("bops.yaml", RemoteStateWorld.projectFile)
        let migrated = try h.run(["state", "migrate"], environment: world.environment)
        #expect(migrated.status == 0, "\(migrated.stdout)\(migrated.stderr)")
        #expect(migrated.stdout.contains("3 records"), "\(migrated.stdout)")
        #expect(try world.recordedNames(h) == RemoteStateWorld.names)
        #expect(try h.run(["plan", "--detailed-exitcode"], environment: world.environment).status == 0)
        // An unrelated local state is not migrated over it.
        let stranger = try world.workingCopy()
        try stranger.write(
            ".bops/state.json", #"{"version": 1, "serial": 5, "lineage": "someone-else", "jobs": {}}"#)
        let refused = try stranger.run(["state", "migrate"], environment: world.environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("another lineage"), "\(refused.stderr)")
        #expect(try world.recordedNames(h) == RemoteStateWorld.names, "the remote state is untouched")

        // The state is lost: plan adopts the jobs by their tags instead of creating new ones.
        let before = try world.jobs()
        let lost = try h.run(["state", "rm", "alpha"], environment: world.environment)
        #expect(lost.status == 0)
        let plan = try h.run(["plan"], environment: world.environment)
        #expect(plan.stdout.contains("<= alpha"), "\(plan.stdout)")
        let alphaJob = try #require(before.first { $0.spec == "alpha" }?.job_id)
        #expect(plan.stdout.contains(alphaJob), "\(plan.stdout)")
        for name in ["beta", "gamma"] {
            _ = try h.run(["state", "rm", name], environment: world.environment)
        }
        let recovered = try h.run(["state", "recover"], environment: world.environment)
        #expect(recovered.status == 0, "\(recovered.stdout)\(recovered.stderr)")
        #expect(recovered.stdout.contains("Recovered 3 records."), "\(recovered.stdout)")
        #expect(try h.run(["plan", "--detailed-exitcode"], environment: world.environment).status == 0)
        #expect(try world.jobs().map(\.job_id).sorted() == before.map(\.job_id).sorted(), "no second job")
    }

    func lockId(in text: String) -> String? {
        guard let range = text.range(of: #"lock id [0-9a-f-]+"#, options: .regularExpression) else {
            return nil
        }
        return String(text[range].dropFirst("lock id ".count))
    }
}
