public import Foundation

/// botocore (from PyPI, run by python3) as the oracle for AWS wire shapes: the scripts in
/// `scripts/botocore/` serialise requests (`serialize.py`), parse answers (`parse.py`) and sign
/// requests (`sigv4_golden.py`) exactly as the AWS SDK for Python does, without any network.
///
/// ``available`` is false, with ``unavailableReason``, when python3 cannot be started or botocore
/// is not installed; suites that need botocore are then disabled with that reason.
public enum BotocoreOracle {
    /// The package root (three levels above this file).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `scripts/botocore/<name>`.
    public static func script(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("scripts/botocore/" + name)
    }

    /// One finished python3 run.
    public struct Run: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
    }

    /// A script that failed, or a case botocore refused.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String

        public init(_ description: String) { self.description = description }
    }

    static let availability: (available: Bool, reason: String) = {
        guard let run = try? run(["-c", "import botocore; print(botocore.__version__)"]) else {
            return (false, "botocore oracle tests skipped: python3 could not be started")
        }
        guard run.status == 0 else {
            return (false, "botocore oracle tests skipped: botocore is not installed (pip install botocore)")
        }
        return (true, "")
    }()

    public static var available: Bool { availability.available }
    public static var unavailableReason: String { availability.reason }

    /// `python3 arguments...` with `input` on stdin, to completion.
    public static func run(_ arguments: [String], input: Data = Data()) throws -> Run {
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
        return Run(
            status: process.terminationStatus, stdout: output, stderr: String(decoding: error, as: UTF8.self))
    }

    /// Runs the script `name` on `{"cases": cases}` and returns its `results`, one per case.
    public static func results(_ name: String, cases: [[String: Any]]) throws -> [Any] {
        let input = try JSONSerialization.data(withJSONObject: ["cases": cases], options: [.sortedKeys])
        let run = try run([script(name).path], input: input)
        guard run.status == 0 else { throw Failure("\(name) failed (exit \(run.status)): \(run.stderr)") }
        guard let object = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any],
            let results = object["results"] as? [Any], results.count == cases.count
        else { throw Failure("\(name) answered an unexpected document") }
        return results
    }

    /// A request as botocore would send it.
    public struct Sent: Sendable {
        public var method: String
        /// The host (and port) of the URL botocore would connect to.
        public var host: String
        /// The encoded path.
        public var path: String
        /// The encoded query string.
        public var query: String
        /// The query as decoded `[name, value]` pairs, in order.
        public var pairs: [[String]]
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: [UInt8]
    }

    /// botocore's requests for `cases` (`service`, `operation`, `params` with the model's member
    /// names, optional `addressing` and `bodyText`; see serialize.py), in order; a case botocore
    /// refused is its error.
    public static func serialise(_ cases: [[String: Any]]) throws -> [Result<Sent, Failure>] {
        try results("serialize.py", cases: cases).map { item in
            let r = item as? [String: Any] ?? [:]
            if let error = r["error"] as? String { return .failure(Failure(error)) }
            let body = Data(base64Encoded: r["bodyBase64"] as? String ?? "") ?? Data()
            return .success(
                Sent(
                    method: r["method"] as? String ?? "", host: r["host"] as? String ?? "",
                    path: r["path"] as? String ?? "",
                    query: r["query"] as? String ?? "", pairs: r["pairs"] as? [[String]] ?? [],
                    headers: r["headers"] as? [String: String] ?? [:], body: Array(body)))
        }
    }

    /// What botocore's response parser makes of one answer: the output shape as JSON (timestamps
    /// as seconds since 1970, `ResponseMetadata` removed), or `{"error": ...}`.
    public static func parse(
        service: String, operation: String, body: String, status: Int = 200, headers: [String: String] = [:]
    ) throws -> Any {
        let parsed = try results(
            "parse.py",
            cases: [
                [
                    "service": service, "operation": operation, "body": body, "status": status,
                    "headers": headers,
                ]
            ])
        return parsed[0]
    }

    /// ``differences(_:_:path:)`` between `expected` (Swift dictionaries and arrays, passed through
    /// JSON first so numbers and booleans compare as parsed JSON does) and `parsed`.
    public static func mismatches(expected: Any, parsed: Any) -> [String] {
        guard JSONSerialization.isValidJSONObject(expected),
            let data = try? JSONSerialization.data(withJSONObject: expected),
            let normal = try? JSONSerialization.jsonObject(with: data)
        else { return ["the expected value is not a JSON object: \(expected)"] }
        return differences(normal, parsed)
    }

    /// Paths where two JSON values differ (`/Job/Priority: 1 vs 2`); numbers compare within 1e-6.
    public static func differences(_ a: Any, _ b: Any, path: String = "") -> [String] {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            let keys = Set(x.keys).union(y.keys)
            return keys.sorted().flatMap { key -> [String] in
                guard let xv = x[key] else { return ["\(path)/\(key): only the first has it"] }
                guard let yv = y[key] else { return ["\(path)/\(key): only the second has it"] }
                return differences(xv, yv, path: path + "/" + key)
            }
        case (let x as [Any], let y as [Any]):
            guard x.count == y.count else { return ["\(path): \(x.count) vs \(y.count) items"] }
            return zip(x, y).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
        case (let x as String, let y as String):
            return x == y ? [] : ["\(path): '\(x)' vs '\(y)'"]
        case (let x as NSNumber, let y as NSNumber):
            return abs(x.doubleValue - y.doubleValue) < 1e-6 ? [] : ["\(path): \(x) vs \(y)"]
        case (let x as Bool, let y as Bool):
            return x == y ? [] : ["\(path): \(x) vs \(y)"]
        default:
            return ["\(path): \(a) vs \(b)"]
        }
    }
}
