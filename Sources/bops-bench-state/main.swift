import BopsAWS
import BopsEmulator
import BopsJobs
import BopsState
import Foundation

/// Times the state backend's four steps (lock, read, write, unlock) for a state of `jobs` records:
/// the S3 backend against an in-process `bops emulator` on 127.0.0.1 (real HTTP, SigV4 signing and
/// verification), and the local file backend. Prints one line per backend and step: median and p90.
/// Usage: bops-bench-state [JOBS] [ROUNDS]
let arguments = CommandLine.arguments
let jobCount = arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50

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

let folder = NSTemporaryDirectory() + "bops-bench-state-" + UUID().uuidString
let state = sampleState(jobCount)
let size = (try? JSONEncoder().encode(state).count) ?? 0
print("state of \(jobCount) jobs (about \(size / 1024) KiB of JSON), \(rounds) rounds")

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
for (name, store) in [("s3 (emulator)", s3 as any StateStore), ("local file", file)] {
    let t = try await measure(store, state: state)
    for (step, values) in [("lock", t.lock), ("read", t.read), ("write", t.write), ("unlock", t.unlock)] {
        print(line(name, step, values))
    }
}
try await engine.shutdown()
await running.stop()
try? FileManager.default.removeItem(atPath: folder)
