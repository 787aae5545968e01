import BopsTestSupport
import Foundation
import Testing

/// One job of the local engine (or the emulator's store), as `bops local jobs --json` lists it.
struct EngineJob: Decodable {
    var job_id: String
    var status: String?
    var spec: String?
}

extension CLIHarness {
    /// The jobs of the engine this project's `bops.yaml` names.
    func engineJobs() throws -> [EngineJob] {
        let out = try run(["local", "jobs", "--json"])
        return try JSONDecoder().decode([EngineJob].self, from: Data(out.stdout.utf8))
    }
}

/// A `bops emulator` whose store holds what the copied example project uses (bucket src with
/// `h`'s data, dst, reports), seeded through a local project on the same folder (`seeder`), with
/// `h`'s `bops.yaml` switched to the aws engine; the emulator runs with `extra` arguments.
struct SeededEmulator {
    let emulator: RunningEmulator
    let seeder: CLIHarness

    init(for h: CLIHarness, extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try TempFolder(prefix: "bops-emu")
        let data = folder.path
        seeder = try CLIHarness()
        try seeder.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\naccount: \"111122223333\"\nlocal: { path: \(data) }\n")
        try FileManager.default.copyItem(atPath: h.root + "/data", toPath: seeder.root + "/data")
        for command in [
            ["local", "seed", "src", "data"], ["local", "mb", "dst"], ["local", "mb", "reports"],
        ] {
            #expect(try seeder.run(command).status == 0, "\(command)", sourceLocation: sourceLocation)
        }
        emulator = try RunningEmulator(data: folder, extra: extra)
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: \"111122223333\"\nregion: us-east-1\n")
    }
}

/// `h` against a ``SeededEmulator`` injecting 10% faults (seed `seed`): applies until a
/// `plan --detailed-exitcode` says nothing is left (at most `rounds` applies), then expects
/// convergence and exactly one job in the emulator per name of `names`, and no other. Returns how
/// many requests were retried.
@discardableResult
func applyUntilConvergedUnderFaults(
    _ h: CLIHarness, names: [String], seed: Int, rounds: Int, extra: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> Int {
    let seeded = try SeededEmulator(
        for: h, extra: ["--fault-rate", "0.1", "--fault-seed", String(seed)], sourceLocation: sourceLocation)
    let emulator = seeded.emulator
    var converged = false
    var retries = 0
    for _ in 0..<rounds {
        let apply = try h.run(
            ["apply", "--auto-approve", "--log-level", "info"] + extra, environment: emulator.environment)
        retries += apply.stderr.components(separatedBy: "retrying").count - 1
        guard apply.status == 0 else { continue }
        let plan = try h.run(
            ["plan", "--detailed-exitcode", "--log-level", "info"] + extra, environment: emulator.environment)
        retries += plan.stderr.components(separatedBy: "retrying").count - 1
        if plan.status == 0 {
            converged = true
            break
        }
    }
    #expect(
        converged, "apply did not converge under 10% faults with seed \(seed)", sourceLocation: sourceLocation
    )
    let jobs = try seeded.seeder.engineJobs()
    for name in names {
        #expect(
            jobs.filter { $0.spec == name }.count == 1, "one job for \(name): \(jobs.map(\.spec))",
            sourceLocation: sourceLocation)
    }
    #expect(jobs.count == names.count, sourceLocation: sourceLocation)
    return retries
}

extension CLIHarness {
    /// A working copy of this local-engine project on the aws engine against `bops emulator`
    /// serving this project's store (started with `extra`): its specs copied, its `bops.yaml` the
    /// aws engine's. Keep the emulator while the copy is used.
    func onTheEmulator(extra: [String] = []) throws -> (copy: CLIHarness, emulator: RunningEmulator) {
        let emulator = try RunningEmulator(dataDir: root + "/.bops/local", extra: extra)
        let copy = try CLIHarness()
        try FileManager.default.removeItem(atPath: copy.root + "/specs")
        try FileManager.default.copyItem(atPath: root + "/specs", toPath: copy.root + "/specs")
        try copy.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: \"111122223333\"\nregion: us-east-1\n")
        return (copy, emulator)
    }

    /// `apply --wait --auto-approve` with a short poll, against `emulator` when one is given.
    func applyWait(timeout: String = "1m", emulator: RunningEmulator? = nil) throws -> Result {
        try run(
            ["apply", "--wait", "--auto-approve", "--poll", "300ms", "--timeout", timeout],
            environment: emulator?.environment ?? [:])
    }
}
