import BopsAWS
import BopsEmulator
import BopsJobs
import BopsState
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Times the state backend's four steps (lock, read, write, unlock) for a state of `jobs` records:
/// the S3 backend against an in-process `bops emulator` on 127.0.0.1 (real HTTP, SigV4 signing and
/// verification), and the local file backend. Prints one line per backend and step: median and p90.
/// Usage: bops-bench-state [JOBS] [ROUNDS]
///
/// `bops-bench-state sets [SIZES] [SETS]` times ``StateWriter/set(_:for:)`` (one journal entry
/// each) over states of each size (default 100,1000,10000 records), SETS changes one after another
/// (default 200) and then SETS from 10 concurrent callers, and the final fold (`finish`), on both
/// backends. Prints wall and CPU time per set: flat across sizes when a set costs the same whatever
/// the state holds.
let arguments = CommandLine.arguments
let setsMode = arguments.count > 1 && arguments[1] == "sets"
let positional = setsMode ? Array(arguments.dropFirst(2)) : Array(arguments.dropFirst())
let jobCount = positional.count > 0 ? Int(positional[0]) ?? 1000 : 1000
let rounds = positional.count > 1 ? Int(positional[1]) ?? 50 : 50
let sizes =
    setsMode
    ? (positional.first ?? "100,1000,10000").split(separator: ",").compactMap { Int($0) } : []
let setCount = setsMode && positional.count > 1 ? Int(positional[1]) ?? 200 : 200

func sampleState(_ count: Int) -> State {
    var state = State(lineage: "bench")
    for i in 0..<count {
        let name = "job-\(i)"
        var r = JobRecord(
            name: name, digest: String(repeating: "ab", count: 32), generation: 0, rerun: 0,
            accountId: "111122223333", region: "us-east-1", clientToken: String(repeating: "cd", count: 32),
            priority: 10, tags: ["team": "data", "cost-center": "42"])
        r.jobId = UUID().uuidString.lowercased()
        r.pendingCreate = false
        r.status = .complete
        r.progress = Progress(total: 1000, succeeded: 998, failed: 2)
        r.canonical =
            #"{"operation":{"copy":{"destination":"arn:aws:s3:::archive","storageClass":"GLACIER_IR"}}}"#
        r.specFile = "specs/\(name).yaml"
        r.createdAt = Date(timeIntervalSince1970: 1_800_000_000)
        r.updatedAt = r.createdAt
        state.jobs[name] = r
    }
    return state
}

func ms(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

struct Timings {
    var lock: [Double] = []
    var read: [Double] = []
    var write: [Double] = []
    var unlock: [Double] = []
}

func measure(_ store: any StateStore, state: State) async throws -> Timings {
    var t = Timings()
    let clock = ContinuousClock()
    // The first save makes the document; the rounds then read and replace it.
    try await store.withLock(
        LockInfo(operation: "bench", path: store.location, version: "bench"), timeout: .zero
    ) {
        locked in
        var s = state
        try await locked.save(&s)
    }
    for _ in 0..<rounds {
        var start = clock.now
        let held = try await store.lock(
            LockInfo(operation: "bench", path: store.location, version: "bench"), timeout: .zero)
        t.lock.append(ms(clock.now - start))
        start = clock.now
        guard var current = try await store.load() else { fatalError("no state") }
        t.read.append(ms(clock.now - start))
        current.serial += 1
        current.jobs["job-0"]?.priority += 1
        start = clock.now
        try await store.write(current, force: false)
        t.write.append(ms(clock.now - start))
        start = clock.now
        await held.unlock()
        t.unlock.append(ms(clock.now - start))
    }
    return t
}

func line(_ backend: String, _ step: String, _ values: [Double]) -> String {
    let sorted = values.sorted()
    let median = sorted[sorted.count / 2]
    let p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
    return
        "\(backend)\t\(step)\tmedian \(String(format: "%.2f", median)) ms\tp90 \(String(format: "%.2f", p90)) ms"
}

/// CPU time of this process (all threads), in milliseconds.
func cpuMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
}

struct SetTimings {
    var sequentialWall: Double
    var sequentialCPU: Double
    var concurrentWall: Double
    var segments: Int
    var finish: Double
}

/// Seeds `store` with `state`, then under the lock: `setCount` sets one after another, `setCount`
/// from 10 callers at once, and the fold.
func measureSets(_ store: any StateStore, state: State) async throws -> SetTimings {
    let lock = LockInfo(operation: "bench", path: store.location, version: "bench")
    try await store.withLock(lock, timeout: .zero) { locked in
        var s = state
        try await locked.save(&s)
    }
    let clock = ContinuousClock()
    return try await store.withLock(lock, timeout: .zero) { locked in
        let writer = StateWriter(locked, from: try await locked.load())
        let template = state.jobs["job-0"]!
        var start = clock.now
        let cpu = cpuMilliseconds()
        for i in 0..<setCount {
            var r = template
            r.priority = i
            try await writer.set(r, for: "job-\(i % max(1, state.jobs.count))")
        }
        let sequentialWall = ms(clock.now - start) / Double(setCount)
        let sequentialCPU = (cpuMilliseconds() - cpu) / Double(setCount)
        let before = await writer.statistics.segments
        start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<10 {
                group.addTask {
                    for i in stride(from: caller, to: setCount, by: 10) {
                        var r = template
                        r.name = "new-\(i)"
                        try await writer.set(r, for: r.name)
                    }
                }
            }
            try await group.waitForAll()
        }
        let concurrentWall = ms(clock.now - start) / Double(setCount)
        let segments = await writer.statistics.segments - before
        start = clock.now
        try await writer.finish()
        return SetTimings(
            sequentialWall: sequentialWall, sequentialCPU: sequentialCPU, concurrentWall: concurrentWall,
            segments: segments, finish: ms(clock.now - start))
    }
}

let folder = NSTemporaryDirectory() + "bops-bench-state-" + UUID().uuidString
let state = sampleState(setsMode ? 0 : jobCount)
let size = (try? JSONEncoder().encode(state).count) ?? 0
if !setsMode { print("state of \(jobCount) jobs (about \(size / 1024) KiB of JSON), \(rounds) rounds") }

let server = try EmulatorServer(
    configuration: .init(dataDir: folder + "/emulator", credentials: ["AKIDBENCH": "bench-secret"]))
try server.engine.store.createBucket("team-state", versioning: .enabled)
let running = try await server.start()
let engine = try AWSEngine(
    AWSEngineConfiguration(
        region: "us-east-1",
        environment: AWSEnvironment([
            "AWS_ENDPOINT_URL": running.endpoint.url, "AWS_ACCESS_KEY_ID": "AKIDBENCH",
            "AWS_SECRET_ACCESS_KEY": "bench-secret", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
        ])))
let s3 = S3StateStore(
    bucket: "team-state", key: "bops/state.json", objects: S3ConditionalClient(engine: engine))
let file = FileStateStore(path: folder + "/file/state.json")
if setsMode {
    print(
        "backend\trecords\tset (sequential)\tCPU per set\tset (10 callers)\tsegments for \(setCount)\tfinish")
    for count in sizes {
        let seeded = sampleState(count)
        let stores: [(String, any StateStore)] = [
            ("local file", FileStateStore(path: folder + "/sets-\(count)/state.json")),
            (
                "s3 (emulator)",
                S3StateStore(
                    bucket: "team-state", key: "bops/sets-\(count)/state.json",
                    objects: S3ConditionalClient(engine: engine))
            ),
        ]
        for (name, store) in stores {
            let t = try await measureSets(store, state: seeded)
            print(
                "\(name)\t\(count)\t"
                    + String(
                        format: "%.3f ms\t%.3f ms\t%.3f ms\t%d\t%.1f ms", t.sequentialWall, t.sequentialCPU,
                        t.concurrentWall, t.segments, t.finish))
        }
    }
} else {
    for (name, store) in [("s3 (emulator)", s3 as any StateStore), ("local file", file)] {
        let t = try await measure(store, state: state)
        for (step, values) in [("lock", t.lock), ("read", t.read), ("write", t.write), ("unlock", t.unlock)] {
            print(line(name, step, values))
        }
    }
}
try await engine.shutdown()
await running.stop()
try? FileManager.default.removeItem(atPath: folder)
