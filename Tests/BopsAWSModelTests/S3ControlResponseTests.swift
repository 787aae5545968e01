import BopsAWSModel
import BopsJobs
import BopsTestSupport
import Foundation
import Testing

@Suite(.tags(.process)) struct S3ControlResponseTests {
    static func ok(_ body: String) -> HTTPResponseParts { HTTPResponseParts(status: 200, body: body) }

    @Test func describeJobReadsEveryMember() throws {
        let job = try S3ControlResponses.describeJob(Self.ok(ResponseFixtures.describeJob))
        #expect(job.jobId == "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        #expect(job.confirmationRequired == true)
        #expect(job.description == "Copy 2024 logs & <audit>")
        #expect(job.jobArn == "arn:aws:s3:us-east-1:123456789012:job/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        #expect(job.status == .failed)
        #expect(job.manifest?.spec.fields == [.bucket, .key, .versionId])
        #expect(job.manifest?.location.objectVersionId == "v1")
        #expect(job.manifest?.location.eTag == "\"9a0364b9e99bb480dd25e1f0284c8555\"")
        guard case .s3PutObjectCopy(let copy) = job.operation else {
            Issue.record("expected a copy operation, got \(String(describing: job.operation))")
            return
        }
        #expect(copy.accessControlGrants?.first?.grantee?.displayName == "ops")
        #expect(copy.accessControlGrants?.first?.permission == .read)
        #expect(copy.newObjectMetadata?.userMetadata == ["source": "logs", "empty": ""])
        #expect(copy.newObjectMetadata?.contentLength == 1024)
        #expect(copy.newObjectMetadata?.httpExpiresDate == AWSTimestamp.parseISO8601("2031-06-30T12:00:00Z"))
        #expect(copy.newObjectTagging == [S3Tag(key: "tier", value: "cold")])
        #expect(copy.storageClass == .glacierIR)
        #expect(copy.objectLockLegalHoldStatus == .on)
        #expect(copy.checksumAlgorithm == .crc32c)
        #expect(copy.bucketKeyEnabled == true)
        #expect(job.priority == 10)
        #expect(
            job.progressSummary
                == JobProgressSummary(
                    totalNumberOfTasks: 1000, numberOfTasksSucceeded: 990, numberOfTasksFailed: 10,
                    timers: JobTimers(elapsedTimeInActiveSeconds: 3600)))
        #expect(
            job.failureReasons?.map(\.failureCode) == [
                "TaskFailureThresholdExceeded", "ManifestETagMismatch",
            ])
        #expect(job.report?.reportScope == .failedTasksOnly)
        #expect(job.report?.expectedBucketOwner == "123456789012")
        #expect(job.creationTime.map { AWSTimestamp.iso8601($0) } == "2024-05-01T10:00:00.123000Z")
        #expect(job.suspendedCause == "AwaitingConfirmation")
        let generator = try #require(job.manifestGenerator?.s3JobManifestGenerator)
        #expect(
            generator.manifestOutputLocation?.manifestEncryption?.ssekms?.keyId.hasSuffix("key/out") == true)
        #expect(generator.filter?.matchAnyObjectEncryption?.count == 5)
        #expect(generator.filter?.matchAnyObjectEncryption?[1].ssekms?.bucketKeyEnabled == true)
        #expect(generator.filter?.objectSizeLessThanBytes == 5_000_000_000_000)
        #expect(generator.filter?.keyNameConstraint?.matchAnySuffix == [".gz"])
        #expect(job.generatedManifestDescriptor?.location?.eTag == "\"abc\"")
    }

    /// botocore's own parser reads the same answer; both readings, as JSON with the model's member
    /// names, must be equal (timestamps within a microsecond).
    @Test(.enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)))
    func describeJobMatchesBotocoreParser() throws {
        let job = try S3ControlResponses.describeJob(Self.ok(ResponseFixtures.describeJob))
        let ours = ModelJSON(dates: .seconds).job(job)
        let theirs = try BotocoreOracle.parse(
            service: "s3control", operation: "DescribeJob", body: ResponseFixtures.describeJob)
        let job2 = try #require((theirs as? [String: Any])?["Job"])
        let mismatches = BotocoreOracle.mismatches(expected: ours, parsed: job2)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func listJobsReadsRowsAndToken() throws {
        let page = try S3ControlResponses.listJobs(Self.ok(ResponseFixtures.listJobs))
        #expect(page.jobs.map(\.jobId) == ["job-1", "job-2"])
        #expect(page.jobs[0].operation == "S3PutObjectCopy")
        #expect(page.jobs[0].progressSummary?.timers?.elapsedTimeInActiveSeconds == 5)
        #expect(page.jobs[1].status == .suspended)
        #expect(page.jobs[1].terminationDate == nil)
        #expect(page.nextToken == "eyJuZXh0IjoyfQ==")
        let last = try S3ControlResponses.listJobs(Self.ok("<ListJobsResult><Jobs/></ListJobsResult>"))
        #expect(last.jobs.isEmpty && last.nextToken == nil)
    }

    @Test func smallAnswers() throws {
        #expect(try S3ControlResponses.createJob(Self.ok(ResponseFixtures.createJob)) == "job-9")
        let status = try S3ControlResponses.updateJobStatus(Self.ok(ResponseFixtures.updateJobStatus))
        #expect(status.status == .cancelling && status.reason == "spec removed")
        #expect(
            try S3ControlResponses.getJobTagging(Self.ok(ResponseFixtures.getJobTagging))
                == [S3Tag(key: "bops:spec", value: "backfill"), S3Tag(key: "empty", value: "")])
        #expect(
            try S3ControlResponses.updateJobPriority(
                Self.ok(
                    "<UpdateJobPriorityResult><JobId>j</JobId><Priority>7</Priority></UpdateJobPriorityResult>"
                )) == 7)
        try S3ControlResponses.emptyResult(HTTPResponseParts(status: 204))
    }

    @Test func wrongShapesAreNamed() {
        let unknown = ResponseFixtures.describeJob.replacingOccurrences(
            of: "<Status>Failed</Status>", with: "<Status>Exploded</Status>")
        #expect {
            try S3ControlResponses.describeJob(Self.ok(unknown))
        } throws: { error in
            let shape = error as? AWSShapeError
            return shape?.path == "DescribeJobResult/Job/Status"
                && shape?.message.contains("Exploded") == true
        }
        let badNumber = ResponseFixtures.describeJob.replacingOccurrences(
            of: "<TotalNumberOfTasks>1000", with: "<TotalNumberOfTasks>many")
        #expect {
            try S3ControlResponses.describeJob(Self.ok(badNumber))
        } throws: { error in
            (error as? AWSShapeError)?.path == "DescribeJobResult/Job/ProgressSummary/TotalNumberOfTasks"
        }
        #expect(throws: AWSShapeError.self) { try S3ControlResponses.createJob(Self.ok("<Other/>")) }
        #expect(throws: AWSShapeError.self) { try S3ControlResponses.createJob(Self.ok("not xml")) }
        #expect(throws: AWSShapeError.self) {
            try S3ControlResponses.describeJob(Self.ok("<DescribeJobResult></DescribeJobResult>"))
        }
    }

    @Test func unknownOperationsAreKeptByName() throws {
        let future = ResponseFixtures.describeJob.replacingOccurrences(
            of: "<S3PutObjectCopy>",
            with: "<S3FutureOperation><Setting>f</Setting></S3FutureOperation><Ignored>"
        ).replacingOccurrences(of: "</S3PutObjectCopy>", with: "</Ignored>")
        let job = try S3ControlResponses.describeJob(Self.ok(future))
        #expect(job.operation == .unsupported("S3FutureOperation"))
        let lambda = ResponseFixtures.describeJob.replacingOccurrences(
            of: "<S3PutObjectCopy>",
            with: "<LambdaInvoke><FunctionArn>f</FunctionArn></LambdaInvoke><Ignored>"
        ).replacingOccurrences(of: "</S3PutObjectCopy>", with: "</Ignored>")
        #expect(
            try S3ControlResponses.describeJob(Self.ok(lambda)).operation
                == .lambdaInvoke(LambdaInvokeOperation(functionArn: "f")))
    }

    /// DescribeJob of every operation reads back each member the model gives it.
    @Test(arguments: GoldenCases.everyOperation)
    func describeJobReadsEveryOperation(_ operation: JobOperation) throws {
        let job = JobDescriptor(jobId: "j", status: .active, operation: operation, priority: 1)
        let read = try S3ControlResponses.describeJob(
            Self.ok(String(decoding: S3ControlResponses.describeJobBody(job), as: UTF8.self)))
        #expect(read.operation == operation)
    }

    /// A failing member of an operation is named with its path.
    @Test func badOperationMembersAreNamed() {
        let body = ResponseFixtures.describeJob.replacingOccurrences(
            of: "<S3PutObjectCopy>",
            with:
                "<S3PutObjectLegalHold><LegalHold><Status>MAYBE</Status></LegalHold></S3PutObjectLegalHold><Ignored>"
        ).replacingOccurrences(of: "</S3PutObjectCopy>", with: "</Ignored>")
        #expect {
            try S3ControlResponses.describeJob(Self.ok(body))
        } throws: { error in
            (error as? AWSShapeError)?.path
                == "DescribeJobResult/Job/Operation/S3PutObjectLegalHold/LegalHold/Status"
        }
    }
}
