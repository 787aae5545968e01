import Foundation

/// A compiled `pattern`/`patternProperties` regular expression (ECMA-262 flavour, unanchored search).
///
/// ECMA-262 character classes `\d` and `\w` are ASCII-only and `\s` includes U+FEFF; they are rewritten
/// to explicit sets before compiling with ICU.
struct Pattern: Sendable {
    let source: String
    private let regex: NSRegularExpression

    init?(_ source: String) {
        guard let regex = try? NSRegularExpression(pattern: Pattern.translate(source)) else { return nil }
        self.source = source
        self.regex = regex
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Rewrites ECMA class escapes `\d`, `\w`, `\s` (and negations) to their ECMA meaning in ICU syntax.
    static func translate(_ source: String) -> String {
        var out = ""
        var inClass = false
        var chars = source.makeIterator()
        while let c = chars.next() {
            if c == "\\" {
                guard let e = chars.next() else {
                    out.append("\\")
                    break
                }
                switch (e, inClass) {
                case ("d", false): out += "[0-9]"
                case ("d", true): out += "0-9"
                case ("D", false): out += "[^0-9]"
                case ("w", false): out += "[a-zA-Z0-9_]"
                case ("w", true): out += "a-zA-Z0-9_"
                case ("W", false): out += "[^a-zA-Z0-9_]"
                case ("s", false): out += "[\\s\\x{FEFF}]"
                case ("s", true): out += "\\s\\x{FEFF}"
                case ("S", false): out += "[^\\s\\x{FEFF}]"
                default:
                    out.append("\\")
                    out.append(e)
                }
                continue
            }
            if c == "[" && !inClass {
                inClass = true
            } else if c == "]" && inClass {
                inClass = false
            } else if c == "[" && inClass {
                out += "\\["
                continue
            }
            out.append(c)
        }
        return out
    }
}
