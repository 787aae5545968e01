import Foundation

/// Runs scripts/botocore/parse.py: botocore's response parser on one answer.
enum BotocoreParse {
    static let script = BotocoreOracle.repositoryRoot.appendingPathComponent("scripts/botocore/parse.py")

    static func parse(service: String, operation: String, body: String, status: Int = 200) throws -> Any {
        let input = try JSONSerialization.data(withJSONObject: [
            "cases": [["service": service, "operation": operation, "body": body, "status": status]]
        ])
        let result = try BotocoreOracle.run([script.path], input: input)
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: result.output) as? [String: Any],
            let results = object["results"] as? [Any], let first = results.first
        else {
            throw BotocoreOracle.Failure(
                description: "parse.py failed: \(String(decoding: result.error, as: UTF8.self))")
        }
        return first
    }

    /// Paths where two JSON values differ; numbers compare within 1e-6.
    static func differences(_ a: Any, _ b: Any, path: String = "") -> [String] {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            let keys = Set(x.keys).union(y.keys)
            return keys.sorted().flatMap { key -> [String] in
                guard let xv = x[key] else { return ["\(path)/\(key): only botocore has it"] }
                guard let yv = y[key] else { return ["\(path)/\(key): only ours has it"] }
                return differences(xv, yv, path: path + "/" + key)
            }
        case (let x as [Any], let y as [Any]):
            guard x.count == y.count else { return ["\(path): \(x.count) vs \(y.count) items"] }
            return zip(x, y).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
        case (let x as String, let y as String):
            return x == y ? [] : ["\(path): '\(x)' vs '\(y)'"]
        case (let x as NSNumber, let y as NSNumber):
            return abs(x.doubleValue - y.doubleValue) < 1e-6 ? [] : ["\(path): \(x) vs \(y)"]
        default:
            return ["\(path): \(a) vs \(b)"]
        }
    }
}
