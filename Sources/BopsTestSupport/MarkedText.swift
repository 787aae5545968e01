/// Text with one position marker: `⟨` before the character a diagnostic must point at (a `⟩`
/// after it is dropped too, to mark a span for the reader). Lines and columns are 1-based and
/// count Unicode scalars, as the readers' marks do.
public enum MarkedText {
    public static func unmark(_ marked: String) -> (text: String, line: Int, column: Int) {
        var line = 1
        var column = 1
        var at = (line: 0, column: 0)
        var out = ""
        for c in marked {
            if c == "⟨" {
                at = (line, column)
                continue
            }
            if c == "⟩" { continue }
            out.append(c)
            if c == "\n" {
                line += 1
                column = 1
            } else {
                column += c.unicodeScalars.count
            }
        }
        return (out, at.line, at.column)
    }
}
