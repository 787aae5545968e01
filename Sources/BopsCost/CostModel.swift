public import BopsJobs

/// What a job will cost, from its operation, its size (``JobSize``) and a price table. Pure: the
/// same inputs give the same estimate. Each operation's lines are in `CostModel+Operations.swift`;
/// docs/cost.md states the model.
public struct CostModel: Sendable {
    public let prices: PriceTable

    public init(prices: PriceTable) { self.prices = prices }

    /// What one job to create is estimated to cost.
    ///
    /// - Parameters:
    ///   - generated: the manifest is made by S3's generator (charged by the source bucket's objects).
    ///   - replacing: the job replaces a running one, which is cancelled and still charged.
    public func estimate(
        _ operation: JobOperation, size: JobSize, region: String, generated: Bool, replacing: Bool = false
    ) -> Estimate {
        guard let table = prices.regions[region] else {
            return .unavailable(
                region: region,
                why: "no price table for region \(region) in \(prices.file)"
                    + " (it has \(prices.regions.keys.sorted().joined(separator: ", ")))")
        }
        var lines = Lines(model: self, region: region, table: table, size: size)
        lines.fixed("job", "Batch Operations job", 1, unit: "jobs", table.job, "batch_operations.job")
        if replacing {
            lines.fixed(
                "replaced_job", "the replaced job (cancelled, still charged)", 1, unit: "jobs", table.job,
                "batch_operations.job")
        }
        lines.count(
            "objects", "objects processed", size.objects, unit: "objects", table.objectsPerMillion, per: 1e6,
            "batch_operations.objects_per_million")
        if generated {
            lines.count(
                "manifest_generation", "manifest generation (every object of the source bucket)",
                size.sourceBucketObjects ?? .unknown, unit: "objects",
                table.manifestGenerationPerMillionObjects,
                per: 1e6, "batch_operations.manifest_generation_per_million_objects")
        }
        lines.operation(operation)
        return Estimate(
            region: region, currency: prices.currency,
            prices: "\(prices.name), read \(prices.readOn) (\(prices.file))", items: lines.items)
    }
}

/// The lines of one estimate as they are added.
struct Lines {
    let model: CostModel
    let region: String
    let table: RegionPrices
    let size: JobSize
    var items: [LineItem] = []

    static let gib = 1_073_741_824.0

    func source(_ path: String) -> String { "\(model.prices.file): \(region) \(path)" }

    /// A line of a quantity known exactly.
    mutating func fixed(
        _ id: String, _ description: String, _ quantity: Double, unit: String, _ price: Price, _ path: String
    ) {
        add(id, description, quantity: quantity, exactness: .exact, unit: unit, price, per: 1, path)
    }

    /// A line priced per `per` units of a counted figure.
    mutating func count(
        _ id: String, _ description: String, _ figure: Figure, unit: String, _ price: Price, per: Double,
        _ path: String
    ) {
        add(
            id, description, quantity: figure.value.map(Double.init), exactness: figure.exactness, unit: unit,
            price, per: per, path)
    }

    /// A line priced per GB (2^30 bytes, as AWS bills) of a byte figure, times `months` for storage.
    mutating func gigabytes(
        _ id: String, _ description: String, _ bytes: Figure, _ price: Price, months: Double? = nil,
        _ path: String
    ) {
        let gb = bytes.value.map { Double($0) / Self.gib * (months ?? 1) }
        add(
            id, description, quantity: gb, exactness: bytes.exactness,
            unit: months == nil ? "GB" : "GB-months", price, per: 1, path)
    }

    mutating func add(
        _ id: String, _ description: String, quantity: Double?, exactness: Exactness, unit: String,
        _ price: Price,
        per: Double, _ path: String, missing extra: String? = nil
    ) {
        var missing = extra
        if quantity == nil {
            missing = missing ?? (size.observed ? "the quantity is not known" : "sizes not observed")
        }
        if case .unknown(let why) = price { missing = missing ?? why }
        let amount = quantity.flatMap { q in price.amount.map { q / per * $0 } }
        items.append(
            LineItem(
                id: id, description: description, quantity: quantity, unit: unit, unitPrice: price.amount,
                per: per,
                amount: missing == nil ? amount : nil, source: source(path),
                exactness: quantity == nil ? .unknown : exactness,
                missing: missing))
    }

    /// The objects by storage class; when the classes are not known, all of them as `fallback`
    /// (estimated: the classes were not read).
    func shares(fallback: ObjectStorageClass = .standard) -> [JobSize.ClassShare] {
        if !size.byClass.isEmpty { return size.byClass }
        func guessed(_ f: Figure) -> Figure {
            f.value.map { Figure($0, f.exactness.combined(with: .estimated)) } ?? .unknown
        }
        return [
            JobSize.ClassShare(
                storageClass: fallback, objects: guessed(size.objects), bytes: guessed(size.bytes))
        ]
    }

    /// A class's prices; a class the table lacks has none (its lines say so).
    func prices(_ storageClass: ObjectStorageClass) -> ClassPrices {
        if let p = table.storageClasses[storageClass.rawValue] { return p }
        let none = Price.unknown(
            "no prices for storage class \(storageClass.rawValue) in \(model.prices.file)")
        return ClassPrices(
            putPer1000: none, getPer1000: none, retrievalPerGB: none, storagePerGBMonth: none, minimumDays: 0)
    }
}
