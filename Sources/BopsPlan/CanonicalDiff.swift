import BopsPrimitives
import FoundationEssentials

/// Which fields differ between two canonical configurations (JSON texts), as `path: old -> new` lines.
enum CanonicalDiff {
    static func changes(old: String?, new: String?, limit: Int = 12) -> [String] {
        guard let old, let new, old != new else { return [] }
        let a = flatten(old)
        let b = flatten(new)
        var lines: [String] = []
        for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
            switch (a[key], b[key]) {
            case let (x?, y?): lines.append("\(key): \(x) -> \(y)")
            case let (x?, nil): lines.append("\(key): \(x) -> (removed)")
            case let (nil, y?): lines.append("\(key): (none) -> \(y)")
            default: break
            }
        }
        if lines.count > limit {
            let more = lines.count - limit
            lines = Array(lines.prefix(limit)) + ["... and \(more) more"]
        }
        return lines
    }

    private static func flatten(_ text: String) -> [String: String] {
        guard
            let object = try? JSONAny.parse(Array(text.utf8))
        else { return [:] }
        var out: [String: String] = [:]
        walk(object, path: "", into: &out)
        return out
    }

    private static func walk(_ value: Any, path: String, into out: inout [String: String]) {
        switch value {
        case let dict as [String: Any]:
            if dict.isEmpty { out[path] = "{}" }
            for (k, v) in dict { walk(v, path: path.isEmpty ? k : "\(path).\(k)", into: &out) }
        case let list as [Any]:
            if list.isEmpty { out[path] = "[]" }
            for (i, v) in list.enumerated() { walk(v, path: "\(path)[\(i)]", into: &out) }
        case let s as String:
            out[path] = "\"\(s)\""
        case is JSONNull:
            out[path] = "null"
        default:
            out[path] = "\(value)"
        }
    }
}
