/// A compiled `pattern`/`patternProperties` regular expression (ECMA-262 flavour, unanchored search),
/// matched on Unicode scalars with the standard library's `Regex`.
///
/// ECMA-262 character classes `\d` and `\w` are ASCII-only and `\s` includes U+FEFF; they are rewritten
/// to explicit sets before compiling.
struct Pattern: @unchecked Sendable {
    let source: String
    // `Regex` is immutable once built; matching does not change it.
    private let regex: Regex<AnyRegexOutput>

    init?(_ source: String) {
        guard let regex = try? Regex(Pattern.translate(source)) else { return nil }
        self.source = source
        self.regex = regex.matchingSemantics(.unicodeScalar)
    }

    func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }

    /// Rewrites ECMA class escapes `\d`, `\w`, `\s` (and negations) and control escapes `\cX` to
    /// their ECMA meaning in `Regex` syntax.
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
                case ("c", _):
                    // ECMA's control escape: `\cJ` is U+000A, the letter's code modulo 32.
                    var lookahead = chars
                    if let letter = lookahead.next(), let ascii = letter.asciiValue, letter.isLetter {
                        chars = lookahead
                        out += "\\x{" + String(ascii & 0x1F, radix: 16) + "}"
                    } else {
                        out += "\\c"
                    }
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
