import BopsTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("crash safety and locking", .serialized, .tags(.process))
struct CrashAndLockTests {
    /// Kills `bops apply` with SIGKILL at seeded random moments, again and again; every rerun must
    /// converge to exactly one job per spec with a parseable state.
    @Test(arguments: Array(UInt64(1)...12))
    func sigkillAtRandomPointsConverges(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let names = ["alpha", "beta", "gamma"]
        let h = try CLIHarness.copyProject(count: 3, names: names)
        var kills = 0
        for _ in 0..<6 {
            let (process, _, _) = try h.start(["apply", "--auto-approve"])
            usleep(UInt32.random(in: 0...250_000, using: &rng))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            if let text = h.read(".bops/state.json") {
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil,
                    "state must stay parseable")
            }
        }
        let final = try h.run(["apply", "--auto-approve"])
        #expect(final.status == 0, "\(final.stdout)\(final.stderr)")
        let again = try h.run(["plan", "--detailed-exitcode"])
        #expect(again.status == 0, "a converged project plans no changes: \(again.stdout)")
        let jobs = try h.engineJobs()
        for name in names {
            #expect(
                jobs.filter { $0.spec == name }.count == 1,
                "one job for \(name) after \(kills) kills: \(jobs)")
        }
        #expect(jobs.count == names.count)
    }

    @Test func concurrentApplyFailsWithTheLockOwnerOrWaits() throws {
        let h = try CLIHarness.copyProject()
        // The first apply holds the lock while it waits at its prompt.
        let first = Process()
        first.executableURL = URL(fileURLWithPath: CLIHarness.binary)
        first.arguments = ["apply"]
        first.currentDirectoryURL = URL(fileURLWithPath: h.root)
        first.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { _, b in b }
        let input = Pipe()
        let output = Pipe()
        first.standardInput = input
        first.standardOutput = output
        first.standardError = Pipe()
        try first.run()
        var waited = 0
        while !FileManager.default.fileExists(atPath: h.root + "/.bops/state.json.lock") && waited < 100 {
            usleep(50_000)
            waited += 1
        }
        let refused = try h.run(["apply", "--auto-approve", "--lock-timeout", "0s"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("state is locked"))
        #expect(refused.stderr.contains("pid \(first.processIdentifier)"))
        #expect(refused.stderr.contains("`apply`"))

        let (second, secondOut, _) = try h.start(["apply", "--auto-approve", "--lock-timeout", "30s"])
        usleep(300_000)
        #expect(second.isRunning, "the second apply waits for the lock")
        input.fileHandleForWriting.write(Data("yes\n".utf8))
        try input.fileHandleForWriting.close()
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.terminationStatus == 0)
        let secondText = String(decoding: secondOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(secondText.contains("No changes."))
        #expect(try h.engineJobs().count == 1)
    }

    /// Applies started together race for the lock; every one that loses names the winner: user@host,
    /// pid, operation, since and lock id (the lock file is complete from the moment it exists).
    @Test func racingAppliesNameTheHolder() throws {
        let h = try CLIHarness.copyProject()
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        var refusals = 0
        for _ in 0..<8 {
            let racers = try (0..<3).map { _ in
                try h.start(["apply", "--auto-approve", "--lock-timeout", "0s"])
            }
            var results: [(pid: Int32, status: Int32, stderr: String)] = []
            for (process, out, err) in racers {
                _ = out.fileHandleForReading.readDataToEndOfFile()
                let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                results.append((process.processIdentifier, process.terminationStatus, text))
            }
            #expect(
                results.contains { $0.status == 0 }, "one of the racers applies: \(results.map(\.stderr))")
            for loser in results where loser.status != 0 {
                refusals += 1
                #expect(loser.stderr.contains("state is locked"), "\(loser.stderr)")
                let others = results.filter { $0.pid != loser.pid }.map(\.pid)
                #expect(
                    others.contains { loser.stderr.contains("pid \($0),") },
                    "names the holder's pid: \(loser.stderr)")
                for part in ["locked by ", "@", "`apply`", "since 20", "lock id "] {
                    #expect(loser.stderr.contains(part), "names \(part): \(loser.stderr)")
                }
            }
        }
        #expect(refusals > 0, "applies started together do race for the lock")
        #expect(
            !FileManager.default.fileExists(atPath: h.root + "/.bops/state.json.lock"),
            "no lock is left behind")
    }

    /// Commands that fail while holding the lock release it before they exit.
    @Test(arguments: [
        ["state", "rm", "nope"], ["import", "copy-logs", "no-such-job"], ["apply"],
    ])
    func aFailedCommandLeavesNoLock(_ arguments: [String]) throws {
        let h = try CLIHarness.copyProject()
        let failed = try h.run(arguments, stdin: "no\n")
        #expect(failed.status == 1, "\(failed.stdout)\(failed.stderr)")
        #expect(
            !FileManager.default.fileExists(atPath: h.root + "/.bops/state.json.lock"), "\(failed.stderr)")
    }

    @Test func forceUnlockNeedsTheRightId() throws {
        let h = try CLIHarness.copyProject()
        let wrong = try h.run(["force-unlock", "nope"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("no lock with id nope"))
    }
}
