import BopsJobs
import FoundationEssentials

/// A value written as the text of one element: strings as they are, booleans `true`/`false`,
/// integers in decimal, enumerations by their AWS raw value, timestamps per ``TimestampStyle``.
protocol XMLScalar {
    /// The value of `text`, or `nil` when `text` is not one (the reader then names the member).
    init?(xmlText text: String)
    func xmlText(_ style: TimestampStyle) -> String
    /// What a valid text looks like, for error messages (`an integer`, `one of: A, B`).
    static var xmlExpected: String { get }
}

/// How timestamps are written: requests as botocore writes them (``AWSTimestamp/iso8601(_:)``),
/// answers as AWS writes them (always milliseconds, ``AWSTimestamp/iso8601Milliseconds(_:)``).
enum TimestampStyle: Sendable, Hashable {
    case request
    case response
}

extension String: XMLScalar {
    init?(xmlText text: String) { self = text }
    func xmlText(_ style: TimestampStyle) -> String { self }
    static var xmlExpected: String { "a string" }
}

extension Bool: XMLScalar {
    init?(xmlText text: String) {
        switch text.trimmingWhitespace() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
    func xmlText(_ style: TimestampStyle) -> String { self ? "true" : "false" }
    static var xmlExpected: String { "true or false" }
}

extension Int: XMLScalar {
    init?(xmlText text: String) {
        guard let value = Int(text.trimmingWhitespace()) else { return nil }
        self = value
    }
    func xmlText(_ style: TimestampStyle) -> String { String(self) }
    static var xmlExpected: String { "an integer" }
}

extension Int64: XMLScalar {
    init?(xmlText text: String) {
        guard let value = Int64(text.trimmingWhitespace()) else { return nil }
        self = value
    }
    func xmlText(_ style: TimestampStyle) -> String { String(self) }
    static var xmlExpected: String { "an integer" }
}

extension Date: XMLScalar {
    init?(xmlText text: String) {
        guard let date = AWSTimestamp.parse(text.trimmingWhitespace()) else { return nil }
        self = date
    }
    func xmlText(_ style: TimestampStyle) -> String {
        switch style {
        case .request: AWSTimestamp.iso8601(self)
        case .response: AWSTimestamp.iso8601Milliseconds(self)
        }
    }
    static var xmlExpected: String { "an ISO 8601 timestamp" }
}

/// A string enumeration of the models: read and written by its raw value.
protocol XMLEnumeration: XMLScalar, RawRepresentable, CaseIterable where RawValue == String {}

extension XMLEnumeration {
    init?(xmlText text: String) { self.init(rawValue: text) }
    func xmlText(_ style: TimestampStyle) -> String { rawValue }
    static var xmlExpected: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
}

extension JobStatus: XMLEnumeration {}
extension RequestedJobStatus: XMLEnumeration {}
extension JobManifestFormat: XMLEnumeration {}
extension JobManifestFieldName: XMLEnumeration {}
extension JobReportFormat: XMLEnumeration {}
extension JobReportScope: XMLEnumeration {}
extension GeneratedManifestFormat: XMLEnumeration {}
extension S3CannedAccessControlList: XMLEnumeration {}
extension S3MetadataDirective: XMLEnumeration {}
extension S3StorageClass: XMLEnumeration {}
extension S3ObjectLockLegalHoldStatus: XMLEnumeration {}
extension S3ObjectLockMode: XMLEnumeration {}
extension S3ChecksumAlgorithm: XMLEnumeration {}
extension S3Permission: XMLEnumeration {}
extension S3GranteeTypeIdentifier: XMLEnumeration {}
extension S3SSEAlgorithm: XMLEnumeration {}
extension ReplicationStatus: XMLEnumeration {}
extension ReplicationRuleStatus: XMLEnumeration {}
extension VersioningStatus: XMLEnumeration {}
extension S3GlacierJobTier: XMLEnumeration {}
extension S3ComputeObjectChecksumType: XMLEnumeration {}
