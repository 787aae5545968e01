import BopsJobs
import BopsTestSupport
import Foundation
import Testing

@testable import BopsLocalEngine

let account = "123456789012"
let role = "arn:aws:iam::123456789012:role/batch"

/// A fresh engine in its own temporary folder, removed when the test ends.
final class Fixture {
    let folder: TempFolder
    let engine: LocalEngine

    var root: String { folder.path }

    init(
        options: LocalEngine.Options = LocalEngine.Options(batchSize: 64),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        folder = try TempFolder(prefix: "bops-local")
        engine = try LocalEngine(root: folder.path, options: options, clock: clock)
        try engine.store.createBucket("manifests")
        try engine.store.createBucket("reports")
    }

    var store: LocalStore { engine.store }

    /// Puts `count` objects `key-0000`... into `bucket` and returns their keys.
    @discardableResult
    func putObjects(
        _ bucket: String, count: Int, prefix: String = "key-", tags: [S3Tag] = []
    ) throws -> [String] {
        try (0..<count).map { i in
            let key = prefix + String(format: "%04d", i)
            var a = ObjectAttributes()
            a.tags = tags
            a.metadata = ObjectMetadata(contentType: "text/plain", userMetadata: ["n": "\(i)"])
            _ = try store.putObject(bucket: bucket, key: key, body: Array("body \(i)".utf8), attributes: a)
            return key
        }
    }

    /// Stages a CSV manifest and returns its `JobManifest`.
    func csvManifest(
        _ lines: [String], fields: [JobManifestFieldName] = [.bucket, .key], key: String = "m.csv"
    ) async throws
        -> JobManifest
    {
        let body = Array((lines.joined(separator: "\n") + "\n").utf8)
        let info = try await engine.putObject(
            bucket: "manifests", key: key, body: body, contentType: "text/csv")
        return JobManifest(
            spec: JobManifestSpec(format: .csv, fields: fields),
            location: JobManifestLocation(objectArn: "arn:aws:s3:::manifests/\(key)", eTag: info.eTag))
    }

    func request(
        _ operation: JobOperation, manifest: JobManifest? = nil, generator: JobManifestGenerator? = nil,
        token: String = UUID().uuidString, confirm: Bool = false, report: JobReport = .disabled,
        priority: Int = 10
    ) -> CreateJobRequest {
        CreateJobRequest(
            accountId: account, confirmationRequired: confirm, operation: operation, report: report,
            clientRequestToken: token, manifest: manifest, description: "test job", priority: priority,
            roleArn: role, tags: [S3Tag(key: "spec", value: "t")], manifestGenerator: generator)
    }

    func describe(_ id: String) async throws -> JobDescriptor {
        try await engine.describeJob(accountId: account, jobId: id)
    }

    /// Creates a job that runs without confirmation, runs it, and returns its final descriptor.
    func run(_ request: CreateJobRequest) async throws -> JobDescriptor {
        let id = try await engine.createJob(request)
        try await engine.work()
        return try await describe(id)
    }

    /// The report's `manifest.json` and the rows of each results file, by task status.
    func report(
        jobId: String, prefix: String = "r"
    ) throws -> (manifest: [String: Any], rows: [String: [[String]]]) {
        let body = try store.readObject(bucket: "reports", key: "\(prefix)/job-\(jobId)/manifest.json").body
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        var rows: [String: [[String]]] = [:]
        for entry in manifest["Results"] as? [[String: String]] ?? [] {
            let file = try store.readObject(bucket: entry["Bucket"] ?? "", key: entry["Key"] ?? "").body
            rows[entry["TaskExecutionStatus"] ?? "?"] = CSVLines.parse(String(decoding: file, as: UTF8.self))
        }
        return (manifest, rows)
    }
}

func copyOp(_ change: (inout S3CopyObjectOperation) -> Void = { _ in }) -> JobOperation {
    var op = S3CopyObjectOperation(targetResource: "arn:aws:s3:::dest")
    change(&op)
    return .s3PutObjectCopy(op)
}

/// Expects `body` to throw an `EngineError` with `code`.
func expectEngineError(_ code: String, _ body: () async throws -> Void) async {
    do {
        try await body()
        Issue.record("expected \(code), got success")
    } catch let e as EngineError {
        #expect(e.code == code, "\(e)")
    } catch {
        Issue.record("expected \(code), got \(error)")
    }
}

/// RFC 4180 lines: quoted fields with doubled quotes, CRLF or LF. A reader independent of the
/// engine, to check the report files it writes.
enum CSVLines {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character?
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field); field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
