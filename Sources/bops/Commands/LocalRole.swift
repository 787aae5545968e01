import ArgumentParser
import BopsDiagnostics
import BopsIAM
import BopsLocalEngine
import BopsPrimitives
import FoundationEssentials

extension LocalCommand {
    /// `bops local role put NAME --trust FILE --policy FILE`: declares a role on the local engine, so
    /// jobs with that role run as it (see docs/permissions.md).
    struct Role: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare IAM roles on the local engine: jobs with a declared role run as it.",
            subcommands: [Put.self, Show.self, Delete.self])

        struct Put: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create or replace a role: its trust policy and inline policies (JSON files).")
            @Argument(help: "Role name (the last part of the job's roleArn).") var name: String
            @Option(help: "Trust policy file (AssumeRolePolicyDocument).") var trust: String
            @Option(help: "Inline policy file; repeat for several.") var policy: [String] = []
            @Option(help: "Name of the inline policy (one --policy only); default: the file's name.")
            var policyName: String?
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                let (session, local) = try LocalCommand.engine(project, output)
                if policyName != nil && policy.count != 1 {
                    session.fail(
                        Diagnostics([
                            Diagnostic(
                                .error,
                                "--policy-name names one policy, but \(policy.count) --policy files are given",
                                hint: "give one --policy with --policy-name, or leave --policy-name out",
                                subject: "bops local role put")
                        ]))
                }
                var findings = Diagnostics()
                let trustText = Self.read(trust, kind: .trust, into: &findings)
                var policies: [String: String] = [:]
                for file in policy {
                    let name =
                        policyName ?? PathText.deletingExtension(PathText.lastComponent(file))
                    if let text = Self.read(file, kind: .identity, into: &findings) { policies[name] = text }
                }
                if findings.hasErrors { session.fail(findings) }
                let role = LocalCommand.run(session, "cannot put role \(name)") {
                    try local.putRole(
                        name: name, trustPolicy: trustText ?? "", policies: policies,
                        accountId: session.workspace.defaultAccount)
                }
                let names = role.inlinePolicies.keys.sorted()
                Terminal.out(
                    "role \(role.arn): trust policy and \(names.count) inline polic\(names.count == 1 ? "y" : "ies")"
                        + (names.isEmpty ? "" : " (" + names.joined(separator: ", ") + ")"))
            }

            /// The file's text when it parses as a policy of `kind` and names real actions; findings
            /// otherwise, at the file's lines and columns.
            static func read(_ file: String, kind: PolicyKind, into findings: inout Diagnostics) -> String? {
                guard let data = FileManager.default.contents(atPath: file) else {
                    findings.append(
                        Diagnostic(
                            .error, "cannot read \(file)", hint: "give the path of a JSON policy file",
                            subject: file))
                    return nil
                }
                do {
                    let parsed = try PolicyParser.parse([UInt8](data), file: file, kind: kind)
                    let unknown = PolicyLint.unknownActions(parsed)
                    findings.append(contentsOf: unknown)
                    return unknown.isEmpty ? String(decoding: data, as: UTF8.self) : nil
                } catch {
                    findings.append(contentsOf: error)
                    return nil
                }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print a declared role as JSON.")
            @Argument(help: "Role name.") var name: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                let (session, local) = try LocalCommand.engine(project, output)
                guard
                    let role = LocalCommand.run(
                        session, "cannot read role \(name)", { try local.role(named: name) })
                else {
                    session.fail(
                        Diagnostics([
                            Diagnostic(
                                .error, "The role with name \(name) cannot be found.",
                                hint: "bops local role put \(name) --trust FILE --policy FILE declares it",
                                subject: "local engine")
                        ]))
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                Terminal.out(String(decoding: try encoder.encode(role), as: UTF8.self))
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "rm", abstract: "Delete a declared role (jobs with it then run unchecked).")
            @Argument(help: "Role name.") var name: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                let (session, local) = try LocalCommand.engine(project, output)
                LocalCommand.run(session, "cannot delete role \(name)") { try local.deleteRole(named: name) }
                Terminal.out("deleted role \(name)")
            }
        }
    }
}
