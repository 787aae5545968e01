import ArgumentParser
import BopsDiagnostics
import BopsIAM
import BopsLocalEngine

extension LocalCommand {
    /// `bops local kms ...`: the KMS keys jobs encrypt and decrypt with, and plans check.
    struct KMS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kms", abstract: "Create KMS keys and set their key policies and state.",
            subcommands: [CreateKey.self, PutKeyPolicy.self, DisableKey.self, EnableKey.self])

        /// The policy file, parsed as a key policy (errors at its line and column).
        static func policy(_ file: String, _ session: CommandSession) -> String {
            let text = PutBucketConfig.read(file, session)
            do {
                _ = try PolicyParser.parse(text, file: file, kind: .key)
            } catch {
                session.fail(error)
            }
            return text
        }
    }
}

extension LocalCommand.KMS {
    struct CreateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-key",
            abstract: "Create a key; prints its ARN. Without --policy it has AWS's default key policy.")
        @Option(help: "Key policy JSON file, as for aws kms create-key --policy.") var policy: String?
        @Option(help: "A description of the key.") var description: String = ""
        @Flag(help: "Create the key disabled.") var disabled = false
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            let text = policy.map { LocalCommand.KMS.policy($0, session) }
            let key = LocalCommand.run(session, "cannot create the key") {
                try local.createKey(
                    policy: text, description: description, enabled: !disabled,
                    accountId: session.workspace.defaultAccount)
            }
            Terminal.out(key.arn)
        }
    }

    struct PutKeyPolicy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "put-key-policy", abstract: "Replace a key's key policy.")
        @Argument(help: "Key ARN or key id.") var key: String
        @Option(help: "Key policy JSON file, as for aws kms put-key-policy --policy.") var policy: String
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            let text = LocalCommand.KMS.policy(policy, session)
            LocalCommand.run(session, "cannot set the key policy of \(key)") {
                try local.putKeyPolicy(key, policy: text)
            }
            Terminal.out("\(key): key policy from \(policy)")
        }
    }

    struct DisableKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable-key",
            abstract: "Disable a key: jobs that use it fail with DisabledException.")
        @Argument(help: "Key ARN or key id.") var key: String
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            LocalCommand.run(session, "cannot disable \(key)") { try local.setKeyEnabled(key, false) }
            Terminal.out("\(key): disabled")
        }
    }

    struct EnableKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable-key", abstract: "Enable a key.")
        @Argument(help: "Key ARN or key id.") var key: String
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            LocalCommand.run(session, "cannot enable \(key)") { try local.setKeyEnabled(key, true) }
            Terminal.out("\(key): enabled")
        }
    }
}
