public import BopsDiagnostics
public import BopsSpec

extension LoadedSpec {
    /// Where a diagnostic about the member at `pointer` points: its value when the value starts on
    /// the key's line (a scalar, or a flow collection like `{}`), else its key, so that a block
    /// mapping is pointed at by its key and not by its first child. `nil` when there is no such member.
    public func place(of pointer: String) -> SourceRange? {
        let value = range(of: pointer)
        guard let key = keyRange(of: pointer) else { return value }
        guard let value, value.start.line == key.start.line else { return key }
        return value
    }
}
