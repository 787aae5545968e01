/// IAM's wildcard matching: `*` matches any run of characters (none too), `?` exactly one.
///
/// Works on Unicode scalars, without backtracking blow-up (greedy with one resume point, linear
/// in practice). Actions are matched ignoring case, resources and most condition values with case.
public enum Wildcard {
    public static func matches(_ pattern: String, _ text: String, ignoringCase: Bool = false) -> Bool {
        let p = Array((ignoringCase ? pattern.lowercased() : pattern).unicodeScalars)
        let t = Array((ignoringCase ? text.lowercased() : text).unicodeScalars)
        var pi = 0
        var ti = 0
        var star: Int?
        var resume = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || (p[pi] != "*" && p[pi] == t[ti])) {
                pi += 1
                ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                resume = ti
                pi += 1
            } else if let s = star {
                pi = s + 1
                resume += 1
                ti = resume
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// ArnLike / ArnEquals: each of the six colon-separated parts matched on its own (the resource
    /// part keeps its colons), so `*` never spans a `:` between parts.
    public static func arnMatches(_ pattern: String, _ arn: String) -> Bool {
        let p = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let a = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if p.count == 1 && pattern == "*" { return true }
        guard p.count == 6, a.count == 6 else { return false }
        return zip(p, a).allSatisfy { matches(String($0), String($1)) }
    }
}
