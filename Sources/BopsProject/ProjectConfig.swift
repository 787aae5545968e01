public import BopsDiagnostics
import BopsNode
import BopsPrimitives
import BopsYAML
import Foundation

/// The project file `bops.yaml`: which engine, defaults for specs, and where state and staging live.
///
/// Every key is optional; a missing file means all defaults. Paths are relative to the folder of the
/// project file. Unknown keys are errors (with a suggestion), as in specs.
public struct ProjectConfig: Sendable, Hashable {
    /// The folder holding `bops.yaml` (or the working folder when there is none).
    public var root: String
    /// The `engine` key: which engine runs the jobs, by the name the CLI's engine factory knows it
    /// by (`nil`: the factory's default). The project layer does not interpret it.
    public var engine: String?
    /// Where `engine` is written, for an error about it.
    public var engineRange: SourceRange?
    public var account: String?
    public var region: String?
    /// Spec paths used when a command names none.
    public var specs: [String] = ["specs"]
    public var statePath: String = ".bops/state.json"
    /// The `state.backend` key: the local file at ``statePath`` (the default) or an S3 object.
    public var state: StateBackend = .local
    public var localPath: String = ".bops/local"
    /// `local.restoreDelay`: how long a restore takes on the local engine.
    public var localRestoreDelay: Duration = .zero
    public var stagingBucket: String = "bops-staging"
    public var stagingPrefix: String = "bops/manifests/"
    /// The `lambda` key: the local handlers of Lambda functions, run from the project root.
    public var lambda = LambdaSettings()
    /// `manifests.allowOutside`: folders outside the project that manifest files may be read from,
    /// as written (relative to the project root or absolute). Empty: only the project.
    public var manifestFoldersOutside: [String] = []
    /// The file it was read from, when there was one.
    public var file: String?

    public static let defaultAccount = "000000000000"
    public static let defaultRegion = "us-east-1"

    public init(root: String) {
        self.root = root
    }

    /// A path of the config made absolute against the project root.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if root == "." || root.isEmpty { return path }
        return (root as NSString).appendingPathComponent(path)
    }

    /// Reads `bops.yaml` (or `bops.yml`) from `root`; defaults when neither exists.
    public static func load(
        root: String = "."
    ) -> (config: ProjectConfig, diagnostics: Diagnostics, source: [UInt8]?) {
        for name in ["bops.yaml", "bops.yml"] {
            let path = root == "." ? name : (root as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            switch SpecFiles.read(path) {
            case .failure(let d):
                return (ProjectConfig(root: root), Diagnostics([d]), nil)
            case .success(let bytes):
                let (config, diagnostics) = parse(bytes, file: path, root: root)
                return (config, diagnostics, bytes)
            }
        }
        return (ProjectConfig(root: root), Diagnostics(), nil)
    }

    static let topKeys = [
        "apiVersion", "kind", "engine", "account", "region", "specs", "state", "local", "staging", "lambda",
        "manifests",
    ]

    /// Decodes the project file, collecting every error with its position.
    public static func parse(_ bytes: [UInt8], file: String, root: String) -> (ProjectConfig, Diagnostics) {
        var config = ProjectConfig(root: root)
        config.file = file
        config.lambda.workingDirectory = root
        let (documents, parsed) = YAMLReader.parse(bytes, file: file)
        var diagnostics = parsed
        guard let document = documents.first else { return (config, diagnostics) }
        if documents.count > 1 {
            diagnostics.append(
                .error(
                    "the project file holds more than one document", at: documents[1].root.range(in: file),
                    hint: "keep one document in bops.yaml; job specs go under specs/"))
        }
        var reader = MappingReader(node: document.root, file: file, path: "", diagnostics: diagnostics)
        guard reader.isMapping else { return (config, reader.diagnostics) }
        reader.checkKeys(topKeys)
        if let v = reader.string("apiVersion"), v.value != "bops/v1" {
            reader.error("unsupported apiVersion '\(v.value)'", at: v.node, hint: "use apiVersion: bops/v1")
        }
        if let v = reader.string("kind"), v.value != "Project" {
            reader.error(
                "kind must be Project in bops.yaml", at: v.node,
                hint: "job specs (kind: BatchJob) go in specs/")
        }
        if let v = reader.string("engine") {
            config.engine = v.value
            config.engineRange = v.node.range(in: file)
        }
        if let v = reader.string("account") {
            if v.value.count == 12, v.value.allSatisfy(\.isASCIIDigit) {
                config.account = v.value
            } else {
                reader.error(
                    "account must be 12 digits", at: v.node,
                    hint: "quote it so YAML keeps leading zeros: account: \"012345678901\"")
            }
        }
        if let v = reader.string("region") { config.region = v.value }
        if let node = reader.value("specs") {
            if let s = node.string {
                config.specs = [s]
            } else if let items = node.sequence, items.allSatisfy({ $0.string != nil }) {
                config.specs = items.compactMap(\.string)
            } else {
                reader.error("specs must be a path or a list of paths", at: node, hint: "specs: [specs]")
            }
        }
        if var sub = reader.mapping("state") {
            config.state = StateBackend.parse(&sub, into: &config)
            reader.diagnostics = sub.diagnostics
        }
        if var sub = reader.mapping("local") {
            sub.checkKeys(["path", "restoreDelay"])
            if let v = sub.string("path") { config.localPath = v.value }
            if let v = sub.string("restoreDelay") {
                if let delay = DurationText.parse(v.value) {
                    config.localRestoreDelay = delay
                } else {
                    sub.error(
                        "restoreDelay must be a duration such as 5s, 2m or 1h", at: v.node,
                        hint: "restoreDelay: 5s")
                }
            }
            reader.diagnostics = sub.diagnostics
        }
        if var sub = reader.mapping("staging") {
            sub.checkKeys(["bucket", "prefix"])
            if let v = sub.string("bucket") { config.stagingBucket = v.value }
            if let v = sub.string("prefix") {
                config.stagingPrefix = v.value.isEmpty || v.value.hasSuffix("/") ? v.value : v.value + "/"
            }
            reader.diagnostics = sub.diagnostics
        }
        if var sub = reader.mapping("manifests") {
            sub.checkKeys(["allowOutside"])
            if let node = sub.value("allowOutside") {
                if let items = node.sequence, items.allSatisfy({ $0.string?.isEmpty == false }) {
                    config.manifestFoldersOutside = items.compactMap(\.string)
                } else {
                    sub.error(
                        "allowOutside must be a list of folders", at: node,
                        hint: "name each folder: allowOutside: [/srv/manifests] (there is no switch for all)")
                }
            }
            reader.diagnostics = sub.diagnostics
        }
        if var sub = reader.mapping("lambda") {
            sub.checkKeys(LambdaSettings.keys)
            LambdaSettings.read(&sub, into: &config.lambda)
            reader.diagnostics = sub.diagnostics
        }
        if !reader.diagnostics.hasErrors {
            reader.diagnostics.append(contentsOf: ProjectSchema.check(document.root, file: file))
        }
        return (config, reader.diagnostics)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Reads a YAML mapping key by key, recording typed errors at the offending node.
struct MappingReader {
    let node: Node
    let file: String
    let path: String
    var diagnostics: Diagnostics

    var isMapping: Bool {
        mutating get {
            if node.mapping != nil { return true }
            error("expected a mapping", at: node, hint: nil)
            return false
        }
    }

    mutating func error(_ summary: String, at node: Node, hint: String?) {
        diagnostics.append(.error(summary, at: node.range(in: file), hint: hint))
    }

    mutating func checkKeys(_ allowed: [String]) {
        for pair in node.mapping ?? [] {
            let key = pair.key.scalar?.text ?? ""
            if !allowed.contains(key) {
                let hint =
                    Suggestion.closest(to: key, among: allowed).map { "did you mean '\($0)'?" }
                    ?? "allowed keys: \(allowed.joined(separator: ", "))"
                error("unknown key '\(key)'\(path.isEmpty ? "" : " in \(path)")", at: pair.key, hint: hint)
            }
        }
    }

    func value(_ key: String) -> Node? { node[key] }

    mutating func string(_ key: String) -> (value: String, node: Node)? {
        guard let v = node[key] else { return nil }
        guard let s = v.string else {
            error("\(key) must be a string, found \(v.typeName)", at: v, hint: "quote the value")
            return nil
        }
        return (s, v)
    }

    mutating func mapping(_ key: String) -> MappingReader? {
        guard let v = node[key] else { return nil }
        guard v.mapping != nil else {
            error("\(key) must be a mapping, found \(v.typeName)", at: v, hint: nil)
            return nil
        }
        return MappingReader(
            node: v, file: file, path: path.isEmpty ? key : "\(path).\(key)", diagnostics: diagnostics)
    }
}
