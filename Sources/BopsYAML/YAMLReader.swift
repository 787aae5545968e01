public import BopsDiagnostics
public import BopsNode
import BopsPrimitives

/// Reads YAML files into `Document`s of `Node`s with 1-based source positions, using libyaml.
public enum YAMLReader {
    /// Parses every document of a file. Never throws and never traps: problems come back as diagnostics
    /// with 1-based ranges in `file`; documents parsed before a fatal syntax error are still returned.
    ///
    /// - An empty file, or a document holding only comments, yields no document.
    /// - Size (`maxBytes`) and UTF-8 are checked before parsing; either failure yields no document.
    /// - A document in which an error was found here (duplicate key, non-scalar or null key, bad alias
    ///   or tag, alias budget spent) is still returned with the offending part left out or null, so
    ///   later stages can report more; callers that act on documents must check `diagnostics.hasErrors`.
    /// - A syntax error, or nesting deeper than `maxDepth`, ends the file: the document being read
    ///   is dropped, earlier documents are returned.
    /// - Document indices count the returned documents, from 0.
    public static func parse(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .default
    ) -> (documents: [Document], diagnostics: Diagnostics) {
        let origin = Mark(line: 1, column: 1)
        if bytes.count > limits.maxBytes {
            let error = Diagnostic.error(
                "file is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes",
                at: SourceRange(file: file, start: origin, end: origin),
                hint: "split it into several smaller files")
            return ([], Diagnostics([error]))
        }
        let source = SourceLocator(bytes: bytes)
        if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
            let mark = source.mark(atByte: bad)
            let utf16 =
                bad == 0 && bytes.count >= 2
                && ((bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF))
            let error = Diagnostic.error(
                "invalid UTF-8: byte 0x\(String(bytes[bad], radix: 16, uppercase: true))",
                at: SourceRange(file: file, start: mark, end: mark),
                hint: utf16 ? "the file looks like UTF-16; save it as UTF-8" : "save the file as UTF-8")
            return ([], Diagnostics([error]))
        }
        let parser = LibYAMLParser(bytes: bytes)
        var builder = TreeBuilder(file: file, limits: limits, source: source)
        builder.build(with: parser)
        return (builder.documents, builder.diagnostics)
    }

    /// Parses YAML text; the same as `parse(_:file:limits:)` on its UTF-8 bytes.
    public static func parse(
        _ text: String, file: String, limits: YAMLLimits = .default
    ) -> (documents: [Document], diagnostics: Diagnostics) {
        parse(Array(text.utf8), file: file, limits: limits)
    }
}
