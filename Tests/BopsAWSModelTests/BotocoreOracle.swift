import BopsAWSModel
import Foundation

/// Runs scripts/botocore/serialize.py (botocore from PyPI) on a list of cases and returns what
/// botocore would send for each. `available` is false, with `reason`, when python3 or botocore
/// is missing; golden tests are then disabled with that reason.
enum BotocoreOracle {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let script = repositoryRoot.appendingPathComponent("scripts/botocore/serialize.py")

    struct Sent: Sendable {
        var method: String
        var path: String
        var query: String
        var pairs: [[String]]
        var headers: [String: String]
        var body: [UInt8]
    }

    static let availability: (available: Bool, reason: String) = {
        guard let result = try? run(["-c", "import botocore; print(botocore.__version__)"], input: Data())
        else {
            return (false, "botocore golden tests skipped: python3 could not be started")
        }
        guard result.status == 0 else {
            return (false, "botocore golden tests skipped: botocore is not installed (pip install botocore)")
        }
        return (true, "")
    }()

    static var available: Bool { availability.available }

    static func run(_ arguments: [String], input: Data) throws -> (status: Int32, output: Data, error: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, error)
    }

    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// One botocore run over every case, in order; a case botocore refused maps to its error text.
    static func serialise(_ cases: [GoldenCase]) throws -> [String: Result<Sent, Failure>] {
        var list: [[String: Any]] = []
        for c in cases {
            var entry: [String: Any] = [
                "service": c.service, "operation": c.operation, "region": "us-east-1",
            ]
            entry["params"] = try JSONSerialization.jsonObject(with: Data(c.paramsJSON.utf8))
            if let addressing = c.addressing {
                entry["addressing"] = addressing == .path ? "path" : "virtual"
            }
            if let bodyText = c.bodyText { entry["bodyText"] = bodyText }
            list.append(entry)
        }
        let input = try JSONSerialization.data(withJSONObject: ["cases": list], options: [.sortedKeys])
        let result = try run([script.path], input: input)
        guard result.status == 0 else {
            throw Failure(
                description: "serialize.py failed: " + String(decoding: result.error, as: UTF8.self))
        }
        guard let object = try JSONSerialization.jsonObject(with: result.output) as? [String: Any],
            let results = object["results"] as? [[String: Any]], results.count == cases.count
        else { throw Failure(description: "serialize.py answered an unexpected document") }
        var out: [String: Result<Sent, Failure>] = [:]
        for (c, r) in zip(cases, results) {
            if let error = r["error"] as? String {
                out[c.name] = .failure(Failure(description: error))
                continue
            }
            let body = Data(base64Encoded: r["bodyBase64"] as? String ?? "") ?? Data()
            out[c.name] = .success(
                Sent(
                    method: r["method"] as? String ?? "", path: r["path"] as? String ?? "",
                    query: r["query"] as? String ?? "", pairs: r["pairs"] as? [[String]] ?? [],
                    headers: r["headers"] as? [String: String] ?? [:], body: Array(body)))
        }
        return out
    }

    /// botocore's answers for the whole table, computed once per test run.
    static let golden: Result<[String: Result<Sent, Failure>], Failure> = {
        guard available else { return .failure(Failure(description: availability.reason)) }
        do {
            return .success(try serialise(GoldenCases.all))
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()
}
