/// The storage class of an object, as S3 names it (`x-amz-storage-class`, `StorageClass` in
/// listings): an open set. The classes S3 documents are statics; any other name S3 returns is
/// kept as it came, so a class added after this release is shown and stored, never refused.
///
/// CreateJob's Copy operation takes only the seven classes of ``S3StorageClass``; this type is
/// for objects (PutObject, HeadObject, listings, inventories, the local store).
public struct ObjectStorageClass: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    /// The object storage class a Copy job's class gives its copies.
    public init(_ jobClass: S3StorageClass) { rawValue = jobClass.rawValue }

    public static let standard: Self = "STANDARD"
    public static let reducedRedundancy: Self = "REDUCED_REDUNDANCY"
    public static let standardIA: Self = "STANDARD_IA"
    public static let onezoneIA: Self = "ONEZONE_IA"
    public static let intelligentTiering: Self = "INTELLIGENT_TIERING"
    public static let glacier: Self = "GLACIER"
    public static let deepArchive: Self = "DEEP_ARCHIVE"
    public static let glacierIR: Self = "GLACIER_IR"
    public static let outposts: Self = "OUTPOSTS"
    public static let snow: Self = "SNOW"
    public static let expressOnezone: Self = "EXPRESS_ONEZONE"

    /// The classes PutObject accepts for a general purpose bucket (S3 answers
    /// `InvalidStorageClass` for any other, OUTPOSTS and EXPRESS_ONEZONE included).
    public static let generalPurpose: [Self] = [
        .standard, .reducedRedundancy, .standardIA, .onezoneIA, .intelligentTiering, .glacier,
        .deepArchive, .glacierIR,
    ]
    /// The one class of every object in a directory bucket.
    public static let directoryBucket: [Self] = [.expressOnezone]

    /// The classes PutObject accepts for `bucket`: a directory bucket (a name ending in `--x-s3`)
    /// takes only EXPRESS_ONEZONE.
    public static func accepted(inBucket bucket: String) -> [Self] {
        S3ARN.isDirectoryBucketName(bucket) ? directoryBucket : generalPurpose
    }

    /// GLACIER and DEEP_ARCHIVE: the data is read only after a restore.
    public var isArchive: Bool { self == .glacier || self == .deepArchive }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
