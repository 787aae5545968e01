public import BopsJobs

/// An AWS value that the spec spells with its own word (`CanonicalUser` for AWS's `id`, `copy` for
/// `COPY`). The word is a total function of the value, so the decoder's table (word to value) and
/// the canonical form (value to word) cannot disagree; a word no value has is a decoding error.
public protocol SpecWord: CaseIterable, Hashable, Sendable {
    /// The spelling in a spec document (and in the schema's `enum`).
    var specWord: String { get }
}

extension SpecWord {
    /// The value spelled `word`, or nil when no value is.
    public init?(specWord word: String) {
        guard let value = Self.allCases.first(where: { $0.specWord == word }) else { return nil }
        self = value
    }
}

extension S3GranteeTypeIdentifier: SpecWord {
    public var specWord: String {
        switch self {
        case .id: "CanonicalUser"
        case .emailAddress: "EmailAddress"
        case .uri: "Group"
        }
    }

    /// The grantee key of a spec that carries the identifier of this kind of grantee.
    public var specKey: String {
        switch self {
        case .id: "id"
        case .emailAddress: "email"
        case .uri: "uri"
        }
    }
}

extension S3MetadataDirective: SpecWord {
    public var specWord: String {
        switch self {
        case .copy: "copy"
        case .replace: "replace"
        }
    }
}
