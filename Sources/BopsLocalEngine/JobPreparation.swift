import BopsJobs
import FoundationEssentials

/// Preparing a job: reading (or generating) its manifest into the job's `tasks` file.
extension LocalEngine {
    /// `New`/`Preparing` -> `Suspended` (awaiting confirmation), `Ready`, or `Failed` with reasons.
    /// Safe to repeat: a job that another call already prepared is left alone.
    func prepare(_ id: String) throws {
        let record: JobRecord? = try mutate(id) { r in
            guard r.job.status == .new || r.job.status == .preparing else { return nil }
            r.setStatus(.preparing, at: clock())
            return r
        }
        guard let record else { return }
        if let failure = try roleFailureAtPreparation(record) { return try failPreparation(id, failure) }
        let outcome: Result<[TaskRow], JobFailure>
        var generated: S3GeneratedManifestDescriptor?
        if let manifest = record.job.manifest {
            outcome = manifestRows(manifest)
        } else if let generator = record.job.manifestGenerator?.s3JobManifestGenerator {
            outcome = generatedRows(generator, operation: record.job.operation).flatMap { rows in
                guard generator.enableManifestOutput, let location = generator.manifestOutputLocation else {
                    return .success(rows)
                }
                do {
                    generated = try writeGeneratedManifest(
                        rows, jobId: id, location: location, source: generator)
                    return .success(rows)
                } catch {
                    return .failure(
                        JobFailure(failureCode: "ManifestOutputFailed", failureReason: reason(error)))
                }
            }
        } else {
            outcome = .failure(
                JobFailure(failureCode: "InvalidManifest", failureReason: "The job has no manifest"))
        }
        var failure: JobFailure?
        var count = 0
        switch outcome {
        case .success(let rows):
            count = rows.count
            failure = reportBucketProblem(record.job.report)
            if failure == nil { try FileIO.writeAtomically(TaskFiles.taskLines(rows), to: tasksPath(id)) }
        case .failure(let f):
            failure = f
        }
        try mutate(id) { r in
            guard r.job.status == .preparing else { return }
            let now = clock()
            r.job.generatedManifestDescriptor = generated
            if let failure {
                r.fail([failure], at: now)
                return
            }
            r.job.progressSummary?.totalNumberOfTasks = Int64(count)
            if r.job.confirmationRequired ?? true {
                r.job.suspendedDate = now
                r.job.suspendedCause = "AwaitingConfirmation"
                r.setStatus(.suspended, at: now)
            } else {
                r.setStatus(.ready, at: now)
            }
        }
    }

    func reason(_ error: any Error) -> String {
        let text = (error as? EngineError).map { "\($0.code): \($0.message)" } ?? "\(error)"
        return String(text.prefix(256))
    }

    func reportBucketProblem(_ report: JobReport?) -> JobFailure? {
        guard let report, report.enabled, let arn = report.bucket, let bucket = S3ARN.bucket(arn) else {
            return nil
        }
        if (try? store.bucketInfo(bucket)) ?? nil == nil {
            return JobFailure(
                failureCode: "ReportBucketNotFound",
                failureReason: "The completion report bucket does not exist: \(bucket)")
        }
        return nil
    }

    /// The manifest object's bytes, checked against the ETag the request gave.
    func manifestObject(_ location: JobManifestLocation) -> Result<[UInt8], JobFailure> {
        guard let (bucket, key) = S3ARN.object(location.objectArn) else {
            return .failure(JobFailure(failureCode: "InvalidManifest", failureReason: "Bad manifest ARN"))
        }
        do {
            let (info, body) = try store.readObject(
                bucket: bucket, key: key, versionId: location.objectVersionId)
            let strip = { (s: String) in s.trimmingQuotes() }
            guard strip(info.eTag) == strip(location.eTag) else {
                return .failure(
                    JobFailure(
                        failureCode: "ManifestETagMismatch",
                        failureReason:
                            "The manifest ETag \(location.eTag) does not match the object's \(info.eTag)"))
            }
            return .success(body)
        } catch let e as EngineError where e.httpStatus == 404 {
            return .failure(
                JobFailure(
                    failureCode: "ManifestNotFound",
                    failureReason: String(
                        "Reading the manifest failed: \(e.code): s3://\(bucket)/\(key)".prefix(256))))
        } catch {
            return .failure(JobFailure(failureCode: "ManifestReadFailed", failureReason: reason(error)))
        }
    }
}
