public import BopsDiagnostics
import BopsJobs
import BopsNode
import BopsPrimitives
import BopsYAML
import FoundationEssentials

/// The `lambda:` section of `bops.yaml` (and the file `bops emulator --lambda-functions` reads):
/// which local command stands in for each Lambda function a LambdaInvoke job names.
///
/// ```yaml
/// lambda:
///   functions:
///     "arn:aws:lambda:us-east-1:111122223333:function:resize":
///       command: [python3, specs/handlers/resize.py]   # never run through a shell
///       timeout: 30s                                    # default 3s, at most 15m
///   attempts: 3          # invocations of a task answered TemporaryFailure, 1 to 10
/// ```
///
/// Relative paths in a command are relative to `workingDirectory`: the folder of the file the
/// section was read from.
public struct LambdaSettings: Sendable, Hashable {
    public struct Function: Sendable, Hashable {
        public var command: [String]
        public var timeout: Duration

        public init(command: [String], timeout: Duration = Self.defaultTimeout) {
            self.command = command
            self.timeout = timeout
        }

        /// Lambda's default function timeout.
        public static let defaultTimeout: Duration = .seconds(3)
    }

    /// Function ARN -> its local handler.
    public var functions: [String: Function] = [:]
    /// Invocations of a task answered `TemporaryFailure`; nil: the engine's default.
    public var attempts: Int?
    /// The folder handlers run in.
    public var workingDirectory: String = "."

    public init(functions: [String: Function] = [:], attempts: Int? = nil, workingDirectory: String = ".") {
        self.functions = functions
        self.attempts = attempts
        self.workingDirectory = workingDirectory
    }

    /// Lambda's largest timeout (15 minutes).
    public static let maximumTimeout: Duration = .seconds(900)

    /// Reads a standalone mapping file: the `lambda:` section's content (`functions:`, `attempts:`),
    /// or a whole `bops.yaml` holding a `lambda:` key.
    public static func parseFile(_ bytes: [UInt8], file: String) -> (LambdaSettings, Diagnostics) {
        let folder = PathText.parent(file)
        var settings = LambdaSettings(workingDirectory: folder.isEmpty ? "." : folder)
        let (documents, parsed) = YAMLReader.parse(bytes, file: file)
        guard let document = documents.first else {
            var diagnostics = parsed
            if !parsed.hasErrors {
                diagnostics.append(
                    .error(
                        "the Lambda functions file is empty", at: nil,
                        hint:
                            "write functions: { \"arn:aws:lambda:REGION:ACCOUNT:function:NAME\": { command: [...] } }"
                    ))
            }
            return (settings, diagnostics)
        }
        var d = NodeDecoder(file: file, wording: .projectFile, diagnostics: parsed.items)
        let root = document.root
        guard d.isMapping(root) else { return (settings, Diagnostics(d.diagnostics)) }
        if root["lambda"] != nil && root["functions"] == nil {
            guard let sub = d.object(root, "lambda", "") else {
                return (settings, Diagnostics(d.diagnostics))
            }
            d.checkKeys(of: sub, keys, in: "lambda")
            read(sub, &d, into: &settings)
            return (settings, Diagnostics(d.diagnostics))
        }
        d.checkKeys(of: root, keys, in: "")
        read(root, &d, into: &settings)
        return (settings, Diagnostics(d.diagnostics))
    }

    static let keys = ["functions", "attempts"]

    /// Reads the section's keys, each error at its node.
    static func read(_ section: Node, _ d: inout NodeDecoder, into settings: inout LambdaSettings) {
        if let node = section["attempts"] {
            if let n = node.int, (1...10).contains(n) {
                settings.attempts = n
            } else {
                d.error(
                    "attempts must be a whole number from 1 to 10", at: node,
                    hint:
                        "attempts counts every invocation of a task answered TemporaryFailure, the first included"
                )
            }
        }
        guard let node = section["functions"] else { return }
        guard let pairs = node.mapping else {
            d.error(
                "functions must be a mapping of function ARN to handler, found \(node.typeName)", at: node,
                hint:
                    "functions: { \"arn:aws:lambda:REGION:ACCOUNT:function:NAME\": { command: [python3, handler.py] } }"
            )
            return
        }
        for pair in pairs {
            let arn = pair.key.scalar?.text ?? ""
            if arn.count > 1024 || !LambdaInvokeOperation.isFunctionARN(arn) {
                d.error(
                    "'\(arn)' is not a Lambda function ARN", at: pair.key,
                    hint: "write arn:aws:lambda:REGION:ACCOUNT:function:NAME, as the specs' lambda.function")
                continue
            }
            guard d.isMapping(pair.value) else { continue }
            d.checkKeys(of: pair.value, ["command", "timeout"], in: "lambda.functions")
            guard let function = function(pair.value, &d) else { continue }
            settings.functions[arn] = function
        }
    }

    static func function(_ handler: Node, _ d: inout NodeDecoder) -> Function? {
        var timeout = Function.defaultTimeout
        var valid = true
        if let node = handler["timeout"] {
            if let t = duration(node), t > .zero, t <= maximumTimeout {
                timeout = t
            } else {
                valid = false
                d.error(
                    "timeout must be a duration from 1ms to 15m, found '\(node.scalar?.text ?? node.typeName)'",
                    at: node,
                    hint: "write a number with ms, s or m, for example 30s (Lambda allows at most 15m)")
            }
        }
        guard let commandNode = handler["command"] else {
            d.error(
                "a Lambda handler needs a command", at: handler,
                hint: "command: [python3, handlers/resize.py] (a list: it is never run through a shell)")
            return nil
        }
        guard let items = commandNode.sequence, !items.isEmpty,
            items.allSatisfy({ $0.string?.isEmpty == false })
        else {
            d.error(
                "command must be a non-empty list of strings, found \(commandNode.typeName)", at: commandNode,
                hint: "write the program and its arguments as a list: [python3, handlers/resize.py]; "
                    + "bops never runs it through a shell")
            return nil
        }
        return valid ? Function(command: items.compactMap(\.string), timeout: timeout) : nil
    }

    /// `30s`, `500ms`, `2m`, or a number of seconds.
    static func duration(_ node: Node) -> Duration? {
        guard let text = node.scalar?.text.trimmingWhitespace().lowercased() else {
            return nil
        }
        for (suffix, scale) in [("ms", 1e-3), ("s", 1.0), ("m", 60.0)] where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value.isFinite, value >= 0 else {
                return nil
            }
            return .milliseconds(Int64((value * scale * 1000).rounded()))
        }
        guard let value = Double(text), value.isFinite, value >= 0 else { return nil }
        return .milliseconds(Int64((value * 1000).rounded()))
    }
}
