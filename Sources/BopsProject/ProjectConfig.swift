public import BopsDiagnostics
import BopsNode
import BopsPrimitives
import BopsYAML
import FoundationEssentials

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
    /// `limits.maxObjectsPerJob`: a job over more objects is an error (split it).
    public var maxObjectsPerJob: Int = 1_000_000_000
    /// `review`: how much a plan reads to size each job.
    public var review = ReviewLimits()
    /// `pricing.file`: a team's price table, relative to the project root; `nil` for the built-in one.
    public var pricingFile: String?
    public var pricingFileRange: SourceRange?
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
        return PathText.join(root, path)
    }

    /// Reads `bops.yaml` (or `bops.yml`) from `root`; defaults when neither exists.
    public static func load(
        root: String = "."
    ) -> (config: ProjectConfig, diagnostics: Diagnostics, source: [UInt8]?) {
        for name in ["bops.yaml", "bops.yml"] {
            let path = root == "." ? name : PathText.join(root, name)
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
        "manifests", "limits", "review", "pricing",
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
        var d = NodeDecoder(file: file, wording: .projectFile, diagnostics: diagnostics.items)
        let root = document.root
        guard d.isMapping(root) else { return (config, Diagnostics(d.diagnostics)) }
        d.checkKeys(of: root, topKeys, in: "")
        if let v = d.located(root, "apiVersion", ""), v.value != "bops/v1" {
            d.error("unsupported apiVersion '\(v.value)'", at: v.node, hint: "use apiVersion: bops/v1")
        }
        if let v = d.located(root, "kind", ""), v.value != "Project" {
            d.error(
                "kind must be Project in bops.yaml", at: v.node,
                hint: "job specs (kind: BatchJob) go in specs/")
        }
        if let v = d.located(root, "engine", "") {
            config.engine = v.value
            config.engineRange = v.node.range(in: file)
        }
        if let v = d.located(root, "account", "") {
            if v.value.count == 12, v.value.allSatisfy(\.isASCIIDigit) {
                config.account = v.value
            } else {
                d.error(
                    "account must be 12 digits", at: v.node,
                    hint: "quote it so YAML keeps leading zeros: account: \"012345678901\"")
            }
        }
        if let v = d.string(root, "region", "") { config.region = v }
        if let node = root["specs"] {
            if let s = node.string {
                config.specs = [s]
            } else if let items = node.sequence, items.allSatisfy({ $0.string != nil }) {
                config.specs = items.compactMap(\.string)
            } else {
                d.error("specs must be a path or a list of paths", at: node, hint: "specs: [specs]")
            }
        }
        if let sub = d.object(root, "state", "") {
            config.state = StateBackend.parse(sub, &d, into: &config)
        }
        if let sub = d.object(root, "limits", "") {
            d.checkKeys(of: sub, ["maxObjectsPerJob"], in: "limits")
            if let v = d.int(sub, "maxObjectsPerJob", "/limits") { config.maxObjectsPerJob = v }
        }
        if let sub = d.object(root, "review", "") {
            d.checkKeys(of: sub, ["headLimit", "listLimit"], in: "review")
            if let v = d.int(sub, "headLimit", "/review") { config.review.headLimit = v }
            if let v = d.int(sub, "listLimit", "/review") { config.review.listLimit = v }
        }
        if let sub = d.object(root, "pricing", "") {
            d.checkKeys(of: sub, ["file"], in: "pricing")
            if let v = d.string(sub, "file", "/pricing") {
                config.pricingFile = v
                config.pricingFileRange = sub["file"]?.range(in: file)
            }
        }
        if let sub = d.object(root, "local", "") {
            d.checkKeys(of: sub, ["path", "restoreDelay"], in: "local")
            if let v = d.string(sub, "path", "/local") { config.localPath = v }
            if let v = d.string(sub, "restoreDelay", "/local") {
                if let delay = DurationText.parse(v) {
                    config.localRestoreDelay = delay
                } else {
                    d.error(
                        "restoreDelay must be a duration such as 5s, 2m or 1h", at: sub["restoreDelay"],
                        hint: "restoreDelay: 5s", pointer: "/local/restoreDelay")
                }
            }
        }
        if let sub = d.object(root, "staging", "") {
            d.checkKeys(of: sub, ["bucket", "prefix"], in: "staging")
            if let v = d.string(sub, "bucket", "/staging") { config.stagingBucket = v }
            if let v = d.string(sub, "prefix", "/staging") {
                config.stagingPrefix = v.isEmpty || v.hasSuffix("/") ? v : v + "/"
            }
        }
        if let sub = d.object(root, "manifests", "") {
            d.checkKeys(of: sub, ["allowOutside"], in: "manifests")
            if let node = sub["allowOutside"] {
                if let items = node.sequence, items.allSatisfy({ $0.string?.isEmpty == false }) {
                    config.manifestFoldersOutside = items.compactMap(\.string)
                } else {
                    d.error(
                        "allowOutside must be a list of folders", at: node,
                        hint: "name each folder: allowOutside: [/srv/manifests] (there is no switch for all)")
                }
            }
        }
        if let sub = d.object(root, "lambda", "") {
            d.checkKeys(of: sub, LambdaSettings.keys, in: "lambda")
            LambdaSettings.read(sub, &d, into: &config.lambda)
        }
        var all = Diagnostics(d.diagnostics)
        if !all.hasErrors {
            all.append(contentsOf: ProjectSchema.check(document.root, file: file))
        }
        return (config, all)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
