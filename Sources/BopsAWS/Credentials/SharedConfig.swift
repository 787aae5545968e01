import FoundationEssentials

/// The shared AWS files: the config file (`AWS_CONFIG_FILE`, default `~/.aws/config`, sections
/// `[default]` and `[profile NAME]`) and the credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default
/// `~/.aws/credentials`, sections `[NAME]`), and which profile is in use (`AWS_PROFILE`, else
/// `AWS_DEFAULT_PROFILE`, else `default`).
///
/// Invariants: a missing file is the same as an empty one; a line that is neither a section, a
/// `key = value`, a comment (`#`, `;`) nor an indented sub-setting is an error naming the file and
/// line; keys are lowercased; for the same profile the credentials file wins over the config file.
public struct SharedConfig: Sendable, Hashable {
    public var profileName: String
    /// The profile was named by `AWS_PROFILE`/`AWS_DEFAULT_PROFILE` (a missing one is then an error).
    public var profileWasNamed: Bool
    public var configPath: String
    public var credentialsPath: String
    public var configProfiles: [String: [String: String]]
    public var credentialProfiles: [String: [String: String]]

    public init(
        profileName: String = "default", profileWasNamed: Bool = false, configPath: String = "",
        credentialsPath: String = "", configProfiles: [String: [String: String]] = [:],
        credentialProfiles: [String: [String: String]] = [:]
    ) {
        self.profileName = profileName
        self.profileWasNamed = profileWasNamed
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        self.configProfiles = configProfiles
        self.credentialProfiles = credentialProfiles
    }

    public static func load(environment: AWSEnvironment) throws(AWSConfigurationError) -> SharedConfig {
        let named = environment.first("AWS_PROFILE", "AWS_DEFAULT_PROFILE")
        let configPath = environment.expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsPath = environment.expand(
            environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        let configSections = try parseFile(configPath)
        var configProfiles: [String: [String: String]] = [:]
        for (section, values) in configSections {
            if section == "default" {
                configProfiles["default", default: [:]].merge(values) { _, new in new }
            } else if section.hasPrefix("profile ") {
                let name = section.dropFirst("profile ".count).trimmingWhitespace()
                configProfiles[name, default: [:]].merge(values) { _, new in new }
            }
        }
        return SharedConfig(
            profileName: named ?? "default", profileWasNamed: named != nil, configPath: configPath,
            credentialsPath: credentialsPath, configProfiles: configProfiles,
            credentialProfiles: try parseFile(credentialsPath))
    }

    /// The settings of `name`: config-file values overlaid with credentials-file values.
    public func profile(_ name: String) -> [String: String]? {
        let config = configProfiles[name]
        let credentials = credentialProfiles[name]
        if config == nil && credentials == nil { return nil }
        return (config ?? [:]).merging(credentials ?? [:]) { _, new in new }
    }

    /// The region of the profile in use, when it names one.
    public var region: String? { profile(profileName)?["region"].flatMap { $0.isEmpty ? nil : $0 } }

    static func parseFile(_ path: String) throws(AWSConfigurationError) -> [String: [String: String]] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSConfigurationError("\(path): cannot be read", hint: "check the file's permissions")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses INI text into sections of lowercased keys. Indented lines under a key with an empty
    /// value are sub-settings, kept as `key.sub`.
    public static func parse(
        _ text: String, file: String
    ) throws(AWSConfigurationError) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var parentKey: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else {
                    throw AWSConfigurationError(
                        "\(file):\(lineNumber): section header without closing ']'",
                        hint: "write [profile NAME]")
                }
                current = trimmed.dropFirst().dropLast().trimmingWhitespace()
                parentKey = nil
                if let current { sections[current, default: [:]] = sections[current] ?? [:] }
                continue
            }
            guard let section = current else {
                throw AWSConfigurationError(
                    "\(file):\(lineNumber): setting outside any section",
                    hint: "put it under [default] or [profile NAME]")
            }
            guard let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw AWSConfigurationError(
                    "\(file):\(lineNumber): expected 'key = value'",
                    hint: "each setting is one key = value line")
            }
            let key = trimmed[..<separator].trimmingWhitespace().lowercased()
            let value = trimmed[trimmed.index(after: separator)...].trimmingWhitespace()
            if indented, let parentKey {
                sections[section, default: [:]][parentKey + "." + key] = value
            } else {
                sections[section, default: [:]][key] = value
                parentKey = value.isEmpty ? key : nil
            }
        }
        return sections
    }
}
