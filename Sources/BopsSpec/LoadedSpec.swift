public import BopsDiagnostics
public import BopsNode

/// A job spec together with the document it came from, so later stages (manifest checks, plan)
/// can point at the field a finding is about.
public struct LoadedSpec: Sendable {
    public var spec: JobSpec
    /// The path the spec was loaded from, as given to `SpecLoader.load`.
    public var file: String
    public var document: Document

    public init(spec: JobSpec, file: String, document: Document) {
        self.spec = spec
        self.file = file
        self.document = document
    }

    /// The source range of the value at a JSON pointer of the document (`/spec/manifest/csv/file`);
    /// nil when there is no such value (for example a key left to its default).
    public func range(of pointer: String) -> SourceRange? {
        SourceLocation.locate(pointer, in: document.root).value?.range(in: file)
    }

    /// The source range of the key of the member at `pointer` (`/spec/priority` -> `priority`); nil
    /// for the root, array items and missing members.
    public func keyRange(of pointer: String) -> SourceRange? {
        SourceLocation.locate(pointer, in: document.root).key?.range(in: file)
    }

    /// The range of the `metadata.name` value, or of the document when it is missing.
    public var nameRange: SourceRange {
        range(of: "/metadata/name") ?? document.root.range(in: file)
    }

    /// For a CSV manifest given as `file`: that path joined to the spec file's directory, with `.`
    /// and `..` removed lexically (`specs/manifests/logs.csv`). Whether the file exists is not checked.
    public var manifestPath: String? {
        guard case .csv(let csv) = spec.manifest, case .file(let path) = csv.source else { return nil }
        return PathCheck.resolve(path, specFile: file)
    }
}
