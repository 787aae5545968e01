import BopsJobs
import BopsTestSupport
import Foundation
import Testing

@testable import BopsLocalEngine

/// LambdaInvoke on the local engine: real handler processes (python3) with the invocation contract
/// of both schema versions, every result code, redrives, missing results and broken handlers.
@Suite(.tags(.process)) struct LambdaTests {
    static let arn = "arn:aws:lambda:us-east-1:123456789012:function:f"

    static let reportAll = JobReport(
        bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true, prefix: "r",
        reportScope: .allTasks)

    /// A handler that answers by the object's key: `ok*` Succeeded, `perm*` PermanentFailure, `temp*`
    /// TemporaryFailure, `flaky*` TemporaryFailure on its first invocation only, `missing*` no result
    /// (with treatMissingKeysAs from the `MISSING_AS` file), `echo*` Succeeded with the event as its
    /// resultString, `crash*` killed by SIGKILL, `exit*` status 3, `hang*` sleeps (with a child in its
    /// process group), `junk*` not JSON, `array*` a JSON array. Every invocation appends the key to
    /// `calls`; standard error gets a line.
    static let handler = #"""
        import json, os, subprocess, sys, time, urllib.parse
        event = json.load(sys.stdin)
        task = event["tasks"][0]
        key = urllib.parse.unquote_plus(task["s3Key"])
        name = key.split("/")[-1]
        with open("calls", "a") as f:
            f.write(key + "\n")
        sys.stderr.write("handling %s\n" % key)
        def answer(code, text, results=None, missing_as="PermanentFailure"):
            json.dump({"invocationSchemaVersion": event["invocationSchemaVersion"],
                       "treatMissingKeysAs": missing_as, "invocationId": event["invocationId"],
                       "results": results if results is not None else
                           [{"taskId": task["taskId"], "resultCode": code, "resultString": text}]}, sys.stdout)
        if name.startswith("ok"):
            answer("Succeeded", "done " + key)
        elif name.startswith("perm"):
            answer("PermanentFailure", "bad " + key)
        elif name.startswith("temp"):
            answer("TemporaryFailure", "later " + key)
        elif name.startswith("flaky"):
            seen = open("calls").read().split("\n").count(key)
            answer("TemporaryFailure" if seen == 1 else "Succeeded", "attempt %d" % seen)
        elif name.startswith("missing"):
            answer(None, None, results=[{"taskId": "someone-else", "resultCode": "Succeeded"}],
                   missing_as=open("MISSING_AS").read().strip())
        elif name.startswith("echo"):
            answer("Succeeded", json.dumps(event))
        elif name.startswith("crash"):
            sys.stdout.write("{")
            sys.stdout.flush()
            os.kill(os.getpid(), 9)
        elif name.startswith("exit"):
            sys.exit(3)
        elif name.startswith("hang"):
            child = subprocess.Popen(["sleep", "300"])
            open("hang.pid", "w").write(str(child.pid))
            time.sleep(300)
        elif name.startswith("junk"):
            print("hello, not JSON")
        elif name.startswith("array"):
            print("[1, 2]")
        """#

    /// An engine whose function `arn` runs `handler` in its own folder (`dir`, removed at the end).
    final class LambdaFixture {
        let folder: TempFolder
        var dir: String { folder.path }
        let f: Fixture

        init(
            attempts: Int = 3, timeout: Duration = .seconds(20),
            command: [String] = ["python3", "handler.py"]
        )
            throws
        {
            folder = try TempFolder(prefix: "bops-lambda")
            try folder.write("handler.py", LambdaTests.handler)
            let functions = LambdaFunctions(
                handlers: [
                    arn: LambdaHandler(command: command, timeout: timeout, workingDirectory: folder.path)
                ],
                attempts: attempts)
            f = try Fixture(options: LocalEngine.Options(batchSize: 64, lambda: functions))
            try f.store.createBucket("src")
        }

        var calls: [String] {
            ((try? String(contentsOfFile: dir + "/calls", encoding: .utf8)) ?? "").split(separator: "\n").map(
                String.init)
        }
    }

    static func fixture(attempts: Int = 3, timeout: Duration = .seconds(20)) throws -> LambdaFixture {
        try LambdaFixture(attempts: attempts, timeout: timeout)
    }

    static func op(
        _ version: String? = "2.0", arn: String = arn, arguments: [String: String]? = nil
    )
        -> JobOperation
    {
        .lambdaInvoke(
            LambdaInvokeOperation(
                functionArn: arn, invocationSchemaVersion: version, userArguments: arguments))
    }

    /// Runs a job over `keys` of bucket `src` (each put first) and returns the report rows by key.
    static func run(
        _ lf: LambdaFixture, _ keys: [String], _ operation: JobOperation
    ) async throws -> (
        JobDescriptor, [String: [String]]
    ) {
        let f = lf.f
        for key in keys {
            _ = try f.store.putObject(
                bucket: "src", key: key, body: Array(key.utf8), attributes: ObjectAttributes())
        }
        let m = try await f.csvManifest(
            keys.map { "src," + $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! })
        let job = try await f.run(f.request(operation, manifest: m, report: reportAll))
        let (_, rows) = try f.report(jobId: job.jobId)
        var byKey: [String: [String]] = [:]
        for row in (rows["succeeded"] ?? []) + (rows["failed"] ?? []) {
            byKey[row[1].removingPercentEncoding ?? row[1]] = row
        }
        return (job, byKey)
    }

    @Test func schema1EventNamesTheBucketByItsARN() async throws {
        let f = try Self.fixture()
        let (job, rows) = try await Self.run(f, ["echo a b+c.txt"], Self.op("1.0"))
        let row = try #require(rows["echo a b+c.txt"])
        #expect(row[3] == "succeeded" && row[4] == "200" && row[5] == "")
        let event = try #require(try JSONSerialization.jsonObject(with: Data(row[6].utf8)) as? [String: Any])
        #expect(Set(event.keys) == ["invocationSchemaVersion", "invocationId", "job", "tasks"])
        #expect(event["invocationSchemaVersion"] as? String == "1.0")
        #expect((event["invocationId"] as? String)?.isEmpty == false)
        let jobField = try #require(event["job"] as? [String: Any])
        #expect(Set(jobField.keys) == ["id"] && jobField["id"] as? String == job.jobId)
        let tasks = try #require(event["tasks"] as? [[String: Any]])
        #expect(tasks.count == 1)
        #expect(Set(tasks[0].keys) == ["taskId", "s3Key", "s3VersionId", "s3BucketArn"])
        #expect(tasks[0]["s3BucketArn"] as? String == "arn:aws:s3:::src")
        #expect(tasks[0]["s3Key"] as? String == "echo%20a%20b%2Bc.txt")
        #expect(tasks[0]["s3VersionId"] is NSNull)
        let log = try String(contentsOfFile: f.f.root + "/jobs/\(job.jobId)/lambda.log", encoding: .utf8)
        #expect(log.contains("handling echo a b+c.txt"))
    }

    @Test func schema2EventNamesTheBucketAndCarriesTheUserArguments() async throws {
        let f = try Self.fixture()
        let (job, rows) = try await Self.run(
            f, ["echo.jpg"], Self.op("2.0", arguments: ["size": "640", "q": "a\"b"]))
        let row = try #require(rows["echo.jpg"])
        let event = try #require(try JSONSerialization.jsonObject(with: Data(row[6].utf8)) as? [String: Any])
        #expect(event["invocationSchemaVersion"] as? String == "2.0")
        let jobField = try #require(event["job"] as? [String: Any])
        #expect(jobField["id"] as? String == job.jobId)
        #expect(jobField["userArguments"] as? [String: String] == ["size": "640", "q": "a\"b"])
        let task = try #require((event["tasks"] as? [[String: Any]])?.first)
        #expect(Set(task.keys) == ["taskId", "s3Bucket", "s3Key", "s3VersionId"])
        #expect(task["s3Bucket"] as? String == "src" && task["s3Key"] as? String == "echo.jpg")
    }

    @Test func eachResultCodeReachesTheReportWithItsResultString() async throws {
        let f = try Self.fixture()
        let (job, rows) = try await Self.run(f, ["ok-1", "ok-2", "perm-1", "temp-1"], Self.op())
        #expect(job.status == .complete)
        #expect(
            job.progressSummary?.numberOfTasksSucceeded == 2 && job.progressSummary?.numberOfTasksFailed == 2)
        #expect(rows["ok-1"]?[3...] == ["succeeded", "200", "", "done ok-1"])
        #expect(rows["ok-2"]?[6] == "done ok-2")
        #expect(rows["perm-1"]?[3...] == ["failed", "200", "PermanentFailure", "bad perm-1"])
        #expect(rows["temp-1"]?[3...] == ["failed", "200", "TemporaryFailure", "later temp-1"])
        let made = f.calls
        #expect(
            made.filter { $0 == "temp-1" }.count == 3, "a TemporaryFailure is redriven up to 3 invocations")
        #expect(made.filter { $0 == "perm-1" }.count == 1 && made.filter { $0 == "ok-1" }.count == 1)
    }

    @Test func aTemporaryFailureThatRecoversSucceeds() async throws {
        let f = try Self.fixture()
        let (_, rows) = try await Self.run(f, ["flaky-1"], Self.op())
        #expect(rows["flaky-1"]?[3...] == ["succeeded", "200", "", "attempt 2"])
        #expect(f.calls == ["flaky-1", "flaky-1"])
    }

    @Test func attemptsAreConfigurable() async throws {
        let f = try Self.fixture(attempts: 1)
        let (_, rows) = try await Self.run(f, ["flaky-1"], Self.op())
        #expect(rows["flaky-1"]?[5] == "TemporaryFailure")
        #expect(f.calls == ["flaky-1"])
    }

    @Test(arguments: [
        ("PermanentFailure", "failed", "PermanentFailure", 1),
        ("TemporaryFailure", "failed", "TemporaryFailure", 3),
        ("Succeeded", "succeeded", "", 1),
    ])
    func aMissingResultTakesTreatMissingKeysAs(
        _ missingAs: String, _ status: String, _ code: String, _ invocations: Int
    )
        async throws
    {
        let f = try Self.fixture()
        try missingAs.write(toFile: f.dir + "/MISSING_AS", atomically: true, encoding: .utf8)
        let (_, rows) = try await Self.run(f, ["missing-1"], Self.op())
        let row = try #require(rows["missing-1"])
        #expect(row[3] == status && row[5] == code)
        if status == "failed" {
            #expect(row[6].contains("no result for this task (treatMissingKeysAs \(missingAs))"))
        }
        #expect(f.calls.count == invocations)
    }

    @Test func brokenHandlersFailOnlyTheirTasks() async throws {
        let f = try Self.fixture(timeout: .milliseconds(700))
        let started = ContinuousClock.now
        let (job, rows) = try await Self.run(
            f, ["crash-1", "exit-1", "hang-1", "junk-1", "array-1", "ok-1"], Self.op())
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(job.status == .complete)
        #expect(rows["ok-1"]?[3] == "succeeded")
        let expected = [
            "crash-1":
                "Lambda returned function error: {\"errorMessage\":\"the handler was killed by signal 9",
            "exit-1": "Lambda returned function error: {\"errorMessage\":\"the handler exited with status 3",
            "hang-1": "Lambda returned function error: {\"errorMessage\":\"Task timed out after 0.70 seconds",
            "junk-1": "Lambda returned an invalid response: its standard output is not JSON: hello, not JSON",
            "array-1":
                "Lambda returned an invalid response: its standard output is not a JSON object: [1, 2]",
        ]
        for (key, prefix) in expected {
            let row = try #require(rows[key], "\(key)")
            #expect(row[3...5] == ["failed", "200", "PermanentFailure"], "\(key)")
            #expect(row[6].hasPrefix(prefix), "\(key): \(row[6])")
        }
        #expect(f.calls.filter { $0 == "hang-1" }.count == 1, "a function error is not redriven")
        let child = try String(contentsOfFile: f.dir + "/hang.pid", encoding: .utf8)
        #expect(!Self.isRunning(child), "the hanging handler's process group was killed")
    }

    /// True when the process exists and is not a zombie.
    static func isRunning(_ pid: String) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
            return false
        }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        return state != "Z" && state != "X"
    }

    @Test func anUnmappedFunctionDoesNotExist() async throws {
        let f = try Self.fixture()
        let other = "arn:aws:lambda:us-east-1:123456789012:function:nowhere"
        let (job, rows) = try await Self.run(f, ["ok-1"], Self.op(arn: other))
        #expect(job.status == .complete)
        #expect(
            rows["ok-1"]?[3...] == [
                "failed", "404", "ResourceNotFoundException", "Function not found: \(other)",
            ])
        #expect(f.calls.isEmpty)
    }

    @Test func aQualifiedARNRunsTheHandlerOfItsFunction() async throws {
        let f = try Self.fixture()
        let (_, rows) = try await Self.run(f, ["ok-1"], Self.op(arn: Self.arn + ":live"))
        #expect(rows["ok-1"]?[6] == "done ok-1")
    }

    @Test func aMissingProgramFailsTheTaskWithItsName() async throws {
        let f = try LambdaFixture(command: ["no-such-program-xyz"])
        let (job, rows) = try await Self.run(f, ["ok-1"], Self.op())
        #expect(job.status == .complete)
        #expect(rows["ok-1"]?[5] == "PermanentFailure")
        #expect(rows["ok-1"]?[6].contains("cannot start 'no-such-program-xyz'") == true)
    }

    static let invalid: [(String, JobOperation)] = [
        ("user arguments with schema 1.0", op("1.0", arguments: ["a": "b"])),
        ("user arguments without a schema version", op(nil, arguments: ["a": "b"])),
        ("schema 3.0", op("3.0")),
        ("no function", .lambdaInvoke(LambdaInvokeOperation(invocationSchemaVersion: "2.0"))),
        ("a bucket ARN as function", op(arn: "arn:aws:s3:::bucket")),
        (
            "11 user arguments",
            op(arguments: Dictionary(uniqueKeysWithValues: (0..<11).map { ("k\($0)", "v") }))
        ),
        ("a 65-character key", op(arguments: [String(repeating: "k", count: 65): "v"])),
        ("a 1025-character value", op(arguments: ["k": String(repeating: "v", count: 1025)])),
    ]

    @Test(arguments: invalid)
    func createJobRefusesWhatAWSRefuses(_ name: String, _ operation: JobOperation) async throws {
        let f = try Self.fixture()
        let m = try await f.f.csvManifest(["src,x"])
        await expectEngineError(EngineError.badRequestException) {
            _ = try await f.f.engine.createJob(f.f.request(operation, manifest: m))
        }
    }
}
