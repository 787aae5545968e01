import BopsTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Exactly once under parallelism: `bops apply --parallelism 10` killed with SIGKILL at random
/// instants (staging uploads, CreateJob, the state folded at the end), each kill followed by an
/// apply that must end with one job per spec in the engine; and 10% injected faults at parallelism
/// 10 converging with one job per spec.
@Suite("parallel apply: crash safety", .serialized, .tags(.process))
struct ParallelApplyCrashTests {
    /// Adds `count` specs named `r<round>-<i>`; each round has its own manifest files (so each
    /// apply stages new objects), two specs sharing each file.
    func addRound(_ round: Int, count: Int, to h: CLIHarness) throws -> [String] {
        var names: [String] = []
        for i in 0..<count {
            let name = "r\(round)-\(i)"
            let manifest = "manifests/r\(round)-\(i / 2).csv"
            if i % 2 == 0 {
                try h.write(
                    "specs/" + manifest,
                    (0..<3).map { "src,logs/file-\(($0 + i) % 5).log\n" }.joined()
                        + "src,logs/file-\(round % 5).log\n")
            }
            try h.write(
                "specs/\(name).yaml",
                CLIHarness.spec(name: name).replacingOccurrences(
                    of: "manifests/m.csv", with: manifest))
            names.append(name)
        }
        return names
    }

    /// The engine holds exactly one job per spec, the state is readable, and nothing is left to do.
    func expectOneJobPerSpec(
        _ h: CLIHarness, _ names: [String], after kills: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let jobs = try h.engineJobs()
        let bySpec = Dictionary(grouping: jobs, by: { $0.spec ?? "-" })
        for name in names {
            #expect(
                bySpec[name]?.count == 1, "one job for \(name) after \(kills) kills: \(bySpec[name] ?? [])",
                sourceLocation: sourceLocation)
        }
        #expect(jobs.count == names.count, "no job without a spec", sourceLocation: sourceLocation)
        let listed = try h.run(["state", "list"])
        #expect(listed.status == 0, "state readable: \(listed.stderr)", sourceLocation: sourceLocation)
        for name in names {
            #expect(listed.stdout.contains(name), sourceLocation: sourceLocation)
        }
    }

    /// Each seed: rounds of four new specs; each round's apply is killed at a random instant within
    /// the time an apply takes (measured on the seed's first, unkilled round), then applied to the
    /// end, until 20 applies were killed while running: 100 kills over the five seeds.
    @Test(arguments: Array(UInt64(101)...UInt64(105)))
    func sigkillDuringParallelApplyConverges(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let h = try CLIHarness.copyProject(count: 5, names: [])
        var all: [String] = []
        // A first round, not killed, measures how long an apply of one round takes.
        all += try addRound(0, count: 4, to: h)
        let started = Date()
        let first = try h.run(["apply", "--auto-approve", "--parallelism", "10"])
        var span = max(0.2, Date().timeIntervalSince(started))
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        var kills = 0
        var round = 0
        while kills < 20 && round < 30 {
            round += 1
            all += try addRound(round, count: 4, to: h)
            let (process, _, _) = try h.start(["apply", "--auto-approve", "--parallelism", "10"])
            // Uniform over the run, and a third of the rounds near its end (the state is folded then).
            let fraction =
                round % 3 == 0
                ? Double.random(in: 0.7...1.05, using: &rng)
                : Double.random(in: 0...1, using: &rng)
            usleep(UInt32(fraction * span * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            } else {
                // The apply ended before the instant: later rounds are quicker than the measured
                // first one, so aim earlier from now on.
                span = max(0.05, span * 0.8)
            }
            process.waitUntilExit()
            if let text = h.read(".bops/state.json") {
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil,
                    "state must stay parseable after a kill (round \(round))")
            }
            let rerun = try h.run(["apply", "--auto-approve", "--parallelism", "10"])
            #expect(rerun.status == 0, "round \(round): \(rerun.stdout)\(rerun.stderr)")
            try expectOneJobPerSpec(h, all, after: kills)
        }
        let again = try h.run(["plan", "--detailed-exitcode", "--parallelism", "10"])
        #expect(again.status == 0, "a converged project plans no changes: \(again.stdout)\(again.stderr)")
        #expect(kills == 20, "seed \(seed): only \(kills) of \(round) applies were killed while running")
    }

    /// 10% of the emulator's answers are faults (500s, 503 SlowDown, dropped connections), at
    /// parallelism 10: reruns converge to one job per spec and faults did happen.
    @Test(arguments: [13, 29, 47])
    func convergesUnderInjectedFaultsAtParallelismTen(seed: Int) throws {
        let h = try CLIHarness.copyProject(count: 4, names: [])
        let names = try addRound(0, count: 12, to: h)
        let retries = try applyUntilConvergedUnderFaults(
            h, names: names, seed: seed, rounds: 10, extra: ["--parallelism", "10"])
        #expect(retries > 0, "the emulator injected faults, so some requests were retried")
    }
}
