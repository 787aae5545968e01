import BopsJobs
import BopsLocalEngine
import BopsPrimitives
import Foundation

/// Times a local-engine Copy job over every file of a folder: seeds the folder into a bucket,
/// stages a CSV manifest, creates the job without confirmation, runs it, and prints
/// `seed_seconds`, `copy_seconds`, `tasks`, `succeeded` and `failed`.
/// Usage: bops-bench-local ENGINE_DIR SOURCE_DIR
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    StandardStream.error.write("usage: bops-bench-local ENGINE_DIR SOURCE_DIR\n")
    exit(2)
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

do {
    let engine = try LocalEngine(root: arguments[1])
    try engine.store.createBucket("bench-source")
    try engine.store.createBucket("bench-target")
    try engine.store.createBucket("bench-manifests")
    var start = ContinuousClock.now
    let count = try engine.store.seed(bucket: "bench-source", fromDirectory: arguments[2])
    let seedSeconds = seconds(since: start)
    let objects = try await engine.listObjects(bucket: "bench-source", prefix: nil)
    let csv =
        objects.map {
            "bench-source," + ($0.key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0.key)
        }
        .joined(separator: "\n") + "\n"
    let manifest = try await engine.putObject(
        bucket: "bench-manifests", key: "manifest.csv", body: Array(csv.utf8), contentType: "text/csv")
    let request = CreateJobRequest(
        accountId: "123456789012", confirmationRequired: false,
        operation: .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::bench-target")),
        report: .disabled, clientRequestToken: "bench",
        manifest: JobManifest(
            spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
            location: JobManifestLocation(
                objectArn: "arn:aws:s3:::bench-manifests/manifest.csv", eTag: manifest.eTag)),
        priority: 10, roleArn: "arn:aws:iam::123456789012:role/bench")
    start = ContinuousClock.now
    let id = try await engine.createJob(request)
    let done = try await engine.work()
    let copySeconds = seconds(since: start)
    let job = try await engine.describeJob(accountId: "123456789012", jobId: id)
    let p = job.progressSummary
    print("seeded \(count)")
    print("seed_seconds \(String(format: "%.3f", seedSeconds))")
    print("copy_seconds \(String(format: "%.3f", copySeconds))")
    print("status \(job.status.rawValue) jobs_run \(done.count)")
    print(
        "tasks \(p?.totalNumberOfTasks ?? 0) succeeded \(p?.numberOfTasksSucceeded ?? 0) failed \(p?.numberOfTasksFailed ?? 0)"
    )
} catch {
    StandardStream.error.write("bops-bench-local: \(error)\n")
    exit(1)
}
