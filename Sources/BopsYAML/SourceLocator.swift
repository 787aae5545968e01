import BopsDiagnostics

/// Maps byte offsets of a file to 1-based marks, counting the way libyaml does: a line ends at LF,
/// CR LF, CR, NEL, LS or PS, and a column counts characters (UTF-8 sequences), not bytes.
struct SourceLocator {
    let bytes: [UInt8]

    /// The mark of the character that starts at byte `offset` (clamped to the end of the file).
    func mark(atByte offset: Int) -> Mark {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var i = 0
        while i < end {
            let width = breakWidth(at: i)
            if width > 0 {
                line += 1
                column = 1
                i += width
                continue
            }
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Mark(line: line, column: column)
    }

    /// The byte offset of the character at 0-based `line` and `column`, if the file has one there.
    func byteOffset(line: Int, column: Int) -> Int? {
        var currentLine = 0
        var i = 0
        while currentLine < line {
            guard i < bytes.count else { return nil }
            let width = breakWidth(at: i)
            if width > 0 {
                currentLine += 1
                i += width
            } else {
                i += 1
            }
        }
        var currentColumn = 0
        while i < bytes.count, breakWidth(at: i) == 0 {
            if bytes[i] & 0xC0 != 0x80 {
                if currentColumn == column { return i }
                currentColumn += 1
            }
            i += 1
        }
        return currentColumn == column ? i : nil
    }

    /// The byte at 0-based `line` and `column`, if any.
    func byte(line: Int, column: Int) -> UInt8? {
        guard let offset = byteOffset(line: line, column: column), offset < bytes.count else { return nil }
        return bytes[offset]
    }

    /// How many bytes the line break at `i` takes (0 when there is none). CR LF counts as one break.
    private func breakWidth(at i: Int) -> Int {
        switch bytes[i] {
        case 0x0A: return 1
        case 0x0D: return i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < bytes.count && bytes[i + 1] == 0x85 ? 2 : 0
        case 0xE2:
            guard i + 2 < bytes.count, bytes[i + 1] == 0x80 else { return 0 }
            return bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 ? 3 : 0
        default: return 0
        }
    }
}
