/// One line of an estimate: a quantity at a unit price from the table, with where the price comes
/// from and how well the quantity is known. `amount` is `nil` exactly when the quantity or the
/// price is unknown; `missing` then says which.
public struct LineItem: Codable, Sendable, Hashable {
    /// Stable across releases: `job`, `objects`, `manifest_generation`, `requests`, `retrieval`,
    /// `restore_requests`, `restore_retrieval`, `restore_storage`, `checksum`, `lambda_requests`,
    /// `lambda_duration`, `kms_requests`, `update_encryption_requests`, `replaced_job`.
    public var id: String
    public var description: String
    public var quantity: Double?
    /// What `quantity` counts: `jobs`, `objects`, `requests`, `GB`, `GB-months`.
    public var unit: String
    /// The price of `per` units.
    public var unitPrice: Double?
    public var per: Double
    public var amount: Double?
    /// The table row: `pricing/aws.json: us-east-1 storage_classes.DEEP_ARCHIVE.put_per_1000`.
    public var source: String
    public var exactness: Exactness
    /// Why the line has no amount.
    public var missing: String?

    enum CodingKeys: String, CodingKey {
        case id, description, quantity, unit, per, amount, source, exactness, missing
        case unitPrice = "unit_price"
    }
}

/// What a job is estimated to cost, line by line. The total adds the lines that have an amount;
/// `missing` lists the others, so an unpriced part is never a silent zero.
public struct Estimate: Codable, Sendable, Hashable {
    public var region: String
    public var currency: String
    public var items: [LineItem]
    public var total: Double
    /// The weakest exactness of the priced lines.
    public var exactness: Exactness
    /// A sentence per line that could not be priced.
    public var missing: [String]
    /// `AWS list prices, read 2026-12-07 (pricing/aws.json)`.
    public var prices: String

    /// An estimate made of `items` (totalled here, so the total always matches the lines).
    public init(region: String, currency: String, prices: String, items: [LineItem]) {
        self.region = region
        self.currency = currency
        self.prices = prices
        self.items = items
        total = items.compactMap(\.amount).reduce(0, +)
        exactness = items.filter { $0.amount != nil }.map(\.exactness).reduce(.exact) {
            $0.combined(with: $1)
        }
        missing = items.compactMap { item in item.missing.map { "\(item.description): \($0)" } }
    }

    /// No estimate can be made: no prices for the region.
    public static func unavailable(region: String, why: String) -> Estimate {
        var e = Estimate(region: region, currency: "", prices: "", items: [])
        e.exactness = .unknown
        e.missing = [why]
        return e
    }

    /// Whether every line has an amount.
    public var isComplete: Bool { missing.isEmpty }
}
