/// One price of the table: a figure in the table's currency, or a statement that the table has
/// none (and why). An estimate never counts an unknown price as zero: it names what is missing.
public enum Price: Sendable, Hashable {
    case known(Double)
    case unknown(String)

    public var amount: Double? {
        if case .known(let v) = self { return v }
        return nil
    }
}

/// Prices of S3 Batch Operations and what its jobs do, per region, as data (`pricing/aws.json`, or
/// a team's own file named by `bops.yaml`'s `pricing.file`, in the same format). `format_version`
/// versions the file; `source` and `readOn` say where the figures were read and when.
public struct PriceTable: Sendable, Hashable {
    public static let formatVersion = "1.0"

    public var name: String
    public var currency: String
    public var source: String
    public var readOn: String
    /// Where the table was read from, for the estimate's line items (`pricing/aws.json`).
    public var file: String
    public var regions: [String: RegionPrices]

    public init(
        name: String, currency: String, source: String, readOn: String, file: String,
        regions: [String: RegionPrices]
    ) {
        self.name = name
        self.currency = currency
        self.source = source
        self.readOn = readOn
        self.file = file
        self.regions = regions
    }
}

/// The prices of one region. Storage classes and restore tiers are keyed by S3's names
/// (`DEEP_ARCHIVE`, `BULK`); a class or tier the table lacks has no price.
public struct RegionPrices: Sendable, Hashable {
    public var job: Price
    public var objectsPerMillion: Price
    public var manifestGenerationPerMillionObjects: Price
    public var storageClasses: [String: ClassPrices]
    /// By archive storage class (`GLACIER`, `DEEP_ARCHIVE`), then by tier.
    public var restore: [String: [String: RestorePrice]]
    public var restoredCopyStoragePerGBMonth: Price
    public var checksumPerGB: Price
    public var lambdaRequestsPerMillion: Price
    public var lambdaPerGBSecond: Price
    public var kmsRequestsPer10000: Price
    public var updateEncryptionPer1000: Price

    public init(
        job: Price, objectsPerMillion: Price, manifestGenerationPerMillionObjects: Price,
        storageClasses: [String: ClassPrices], restore: [String: [String: RestorePrice]],
        restoredCopyStoragePerGBMonth: Price, checksumPerGB: Price, lambdaRequestsPerMillion: Price,
        lambdaPerGBSecond: Price, kmsRequestsPer10000: Price, updateEncryptionPer1000: Price
    ) {
        self.job = job
        self.objectsPerMillion = objectsPerMillion
        self.manifestGenerationPerMillionObjects = manifestGenerationPerMillionObjects
        self.storageClasses = storageClasses
        self.restore = restore
        self.restoredCopyStoragePerGBMonth = restoredCopyStoragePerGBMonth
        self.checksumPerGB = checksumPerGB
        self.lambdaRequestsPerMillion = lambdaRequestsPerMillion
        self.lambdaPerGBSecond = lambdaPerGBSecond
        self.kmsRequestsPer10000 = kmsRequestsPer10000
        self.updateEncryptionPer1000 = updateEncryptionPer1000
    }
}

/// A storage class's request and retrieval prices, its storage price and minimum storage duration.
public struct ClassPrices: Sendable, Hashable {
    /// PUT, COPY, POST (and the object-level writes: tagging, ACL, Object Lock) per 1,000 requests.
    public var putPer1000: Price
    public var getPer1000: Price
    public var retrievalPerGB: Price
    public var storagePerGBMonth: Price
    /// Days an object is charged for at least (deleted or moved earlier, the rest is charged).
    public var minimumDays: Int

    public init(
        putPer1000: Price, getPer1000: Price, retrievalPerGB: Price, storagePerGBMonth: Price,
        minimumDays: Int
    ) {
        self.putPer1000 = putPer1000
        self.getPer1000 = getPer1000
        self.retrievalPerGB = retrievalPerGB
        self.storagePerGBMonth = storagePerGBMonth
        self.minimumDays = minimumDays
    }
}

/// A restore tier's price from an archive class: per 1,000 requests and per GB retrieved.
public struct RestorePrice: Sendable, Hashable {
    public var requestsPer1000: Price
    public var perGB: Price

    public init(requestsPer1000: Price, perGB: Price) {
        self.requestsPer1000 = requestsPer1000
        self.perGB = perGB
    }
}
