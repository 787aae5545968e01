import BopsTestSupport
import Foundation

/// The AWS CLI (awscli from PyPI) against an emulator: `s3api` with `--endpoint-url`, and
/// `s3control` through the emulator as its own HTTP proxy (the CLI puts `{AccountId}.` in front of
/// the S3 Control host, which does not resolve for 127.0.0.1).
struct AWSCLI: Sendable {
    let endpoint: String
    /// The key the CLI signs with: the emulator tests' default one unless given.
    var accessKey = EmulatorTestKey.id
    var secretKey = EmulatorTestKey.secret
    /// The files of `--body`, `--cli-input-json` and downloads.
    let files: TempFolder

    init(
        endpoint: String, accessKey: String = EmulatorTestKey.id, secretKey: String = EmulatorTestKey.secret
    ) throws {
        self.endpoint = endpoint
        self.accessKey = accessKey
        self.secretKey = secretKey
        files = try TempFolder(prefix: "bops-cli")
    }

    static let available: Bool = {
        (try? Python.run("/usr/bin/env", ["aws", "--version"], environment: [:]).status) == 0
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var environment: [String: String] {
        [
            "AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secretKey,
            "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PAGER": "", "NO_PROXY": "", "no_proxy": "",
        ]
    }

    /// `aws ARGS --endpoint-url ENDPOINT`; s3control also through the emulator as HTTP proxy.
    ///
    /// The process runs without blocking a thread of the test's task, so expectations made by the
    /// caller stay attributed to its test.
    func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        if arguments.first == "s3control" {
            env["HTTP_PROXY"] = endpoint
            env["http_proxy"] = endpoint
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws"] + arguments + ["--endpoint-url", endpoint, "--output", "json"]
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
            }
        }
    }

    /// `aws ARGS` that must succeed; its JSON output (an empty object for no output).
    @discardableResult
    func json(_ arguments: [String]) async throws -> [String: Any] {
        let (status, output) = try await run(arguments)
        guard status == 0 else {
            throw Failure(
                description: "aws \(arguments.joined(separator: " ")) failed (\(status)): \(output)")
        }
        let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return [:] }
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Failure(description: "aws \(arguments.joined(separator: " ")): not a JSON object: \(text)")
        }
        return object
    }

    /// `aws ARGS` that must fail; its output (the CLI's error line).
    func failure(_ arguments: [String]) async throws -> String {
        let (status, output) = try await run(arguments)
        guard status != 0 else {
            throw Failure(description: "aws \(arguments.joined(separator: " ")) succeeded: \(output)")
        }
        return output
    }

    /// Writes `body` to a fresh file of ``files`` for `--body`.
    func file(_ body: String) throws -> String {
        try files.write(UUID().uuidString, body)
    }

    /// Creates the job `operation` over the objects `keys` of `bucket` (a CSV manifest put first),
    /// with a report of all tasks into `reports`, and waits until it ends. Returns DescribeJob's Job.
    func runJob(bucket: String, keys: [String], operation: Any) async throws -> [String: Any] {
        let manifestKey = "manifest-\(UUID().uuidString).csv"
        let manifest = try file(keys.map { "\(bucket),\($0)\n" }.joined())
        let put = try await json([
            "s3api", "put-object", "--bucket", "manifests", "--key", manifestKey, "--body", manifest,
        ])
        let input: [String: Any] = [
            "AccountId": "123456789012", "ConfirmationRequired": false, "Operation": operation,
            "Report": [
                "Bucket": "arn:aws:s3:::reports", "Format": "Report_CSV_20180820", "Enabled": true,
                "Prefix": "r",
                "ReportScope": "AllTasks",
            ],
            "ClientRequestToken": UUID().uuidString,
            "Manifest": [
                "Spec": ["Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"]],
                "Location": [
                    "ObjectArn": "arn:aws:s3:::manifests/\(manifestKey)", "ETag": put["ETag"] ?? "",
                ],
            ],
            "Priority": 10, "RoleArn": "arn:aws:iam::123456789012:role/batch",
        ]
        let inputFile = try file(
            String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self))
        let created = try await json(["s3control", "create-job", "--cli-input-json", "file://" + inputFile])
        guard let id = created["JobId"] as? String else { throw Failure(description: "no JobId: \(created)") }
        for _ in 0..<200 {
            let job = try await json([
                "s3control", "describe-job", "--account-id", "123456789012", "--job-id", id,
            ])
            let described = job["Job"] as? [String: Any] ?? [:]
            if ["Complete", "Failed", "Cancelled"].contains(described["Status"] as? String ?? "") {
                return described
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "job \(id) did not end")
    }

    /// The report rows of a finished job: `[status: rows]`, read with `aws s3api`.
    func reportRows(jobId: String) async throws -> [String: [String]] {
        let path = files.file("out-" + UUID().uuidString)
        try await json([
            "s3api", "get-object", "--bucket", "reports", "--key", "r/job-\(jobId)/manifest.json", path,
        ])
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        var rows: [String: [String]] = [:]
        for entry in (manifest as? [String: Any])?["Results"] as? [[String: String]] ?? [] {
            try await json(["s3api", "get-object", "--bucket", "reports", "--key", entry["Key"] ?? "", path])
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            rows[entry["TaskExecutionStatus"] ?? "?"] = text.split(separator: "\n").map(String.init)
        }
        return rows
    }
}
