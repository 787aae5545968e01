/// Trimming without Foundation's `CharacterSet`: the binary links FoundationEssentials only, which
/// has no character sets.
extension StringProtocol {
    /// The text without leading and trailing spaces and tabs; line breaks stay (what Foundation's
    /// `.whitespaces` set removes).
    public func trimmingWhitespace() -> String {
        trimming { $0.isWhitespace && !$0.isNewline }
    }

    /// The text without leading and trailing white space, line breaks included.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming(\.isWhitespace)
    }

    /// The text without the leading and trailing characters for which `isTrimmed` holds.
    public func trimming(_ isTrimmed: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = lastIndex(where: { !isTrimmed($0) }) ?? first
        return String(self[first...last])
    }
}

extension StringProtocol {
    /// The text without leading and trailing double quotes: an ETag as S3 quotes it, bare.
    public func trimmingQuotes() -> String {
        trimming { $0 == "\"" }
    }
}

extension String {
    /// The text with spaces added after it up to `width` characters (cut to `width` when longer),
    /// for columns.
    public func padded(to width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }
}
