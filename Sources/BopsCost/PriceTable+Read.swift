public import BopsDiagnostics
import BopsNode

extension PriceTable {
    /// Reads a price table; every problem (JSON syntax, a missing or mistyped price, an unknown
    /// key, another major `format_version`) is a diagnostic at its line and column in `file`, all of
    /// a file's problems at once.
    public static func read(_ bytes: [UInt8], file: String) throws(Diagnostics) -> PriceTable {
        let root: Node
        do { root = try JSONReader.parse(bytes, file: file) } catch { throw error }
        var reader = TableReader(decoder: NodeDecoder(file: file, wording: Self.wording))
        let table = reader.table(root, file: file)
        let found = Diagnostics(reader.decoder.diagnostics)
        guard let table, !found.hasErrors else { throw found }
        return table
    }

    /// A price file's mismatches: the pointer, what was expected, and the format's reference.
    static let wording = NodeDecoder.Wording { m in
        Diagnostic(
            .error,
            m.node.map { "\(m.pointer) must be \(m.expected.description), not \($0.typeName)" }
                ?? "\(m.pointer) is missing",
            range: m.node?.range(in: m.file),
            hint: "see docs/cost.md (\"Your own prices\") and pricing/aws.json for the format",
            pointer: m.pointer)
    }
}

/// Walks a price file's tree with one ``NodeDecoder``.
struct TableReader {
    var decoder: NodeDecoder

    static let price = NodeDecoder.Expectation("a number of at least 0, or {\"unknown\": \"why\"}")
    static let days = NodeDecoder.Expectation("a whole number of days")

    mutating func table(_ root: Node, file: String) -> PriceTable? {
        guard let root = decoder.object(root, at: "") else { return nil }
        keys(root, ["format_version", "name", "currency", "source", "read_on", "regions"], at: "")
        guard let version = decoder.required(root, "format_version", "") else { return nil }
        guard version.split(separator: ".").first == "1" else {
            decoder.error(
                "price table format_version \(version) is not one this bops reads (1.x)",
                at: root["format_version"], hint: "write the file in format 1.0, as pricing/aws.json is",
                pointer: "/format_version")
            return nil
        }
        let name = decoder.required(root, "name", "") ?? ""
        let currency = decoder.required(root, "currency", "") ?? ""
        let source = decoder.required(root, "source", "") ?? ""
        let readOn = decoder.required(root, "read_on", "") ?? ""
        var regions: [String: RegionPrices] = [:]
        if let node = required(root, "regions", "") {
            for pair in node.mapping ?? [] {
                guard let region = pair.key.string else { continue }
                if let prices = self.region(pair.value, at: "/regions/" + region) { regions[region] = prices }
            }
        }
        return PriceTable(
            name: name, currency: currency, source: source, readOn: readOn, file: file, regions: regions)
    }

    mutating func region(_ node: Node, at base: String) -> RegionPrices? {
        guard let node = decoder.object(node, at: base) else { return nil }
        keys(
            node,
            [
                "batch_operations", "storage_classes", "restore", "restored_copy_storage_per_gb_month",
                "checksum_per_gb", "lambda", "kms", "update_encryption_per_1000",
            ], at: base)
        let batch = required(node, "batch_operations", base)
        let batchAt = base + "/batch_operations"
        if let batch {
            keys(
                batch, ["job", "objects_per_million", "manifest_generation_per_million_objects"], at: batchAt)
        }
        let lambda = required(node, "lambda", base)
        if let lambda { keys(lambda, ["requests_per_million", "per_gb_second"], at: base + "/lambda") }
        let kms = required(node, "kms", base)
        if let kms { keys(kms, ["requests_per_10000"], at: base + "/kms") }
        var classes: [String: ClassPrices] = [:]
        for pair in required(node, "storage_classes", base)?.mapping ?? [] {
            guard let name = pair.key.string else { continue }
            if let prices = classPrices(pair.value, at: base + "/storage_classes/" + name) {
                classes[name] = prices
            }
        }
        var restore: [String: [String: RestorePrice]] = [:]
        for pair in required(node, "restore", base)?.mapping ?? [] {
            guard let name = pair.key.string,
                let tiers = decoder.object(pair.value, at: base + "/restore/" + name)
            else { continue }
            for tier in tiers.mapping ?? [] {
                guard let tierName = tier.key.string else { continue }
                let at = base + "/restore/" + name + "/" + tierName
                guard let t = decoder.object(tier.value, at: at) else { continue }
                keys(t, ["requests_per_1000", "per_gb"], at: at)
                restore[name, default: [:]][tierName] = RestorePrice(
                    requestsPer1000: price(t, "requests_per_1000", at), perGB: price(t, "per_gb", at))
            }
        }
        return RegionPrices(
            job: price(batch, "job", batchAt),
            objectsPerMillion: price(batch, "objects_per_million", batchAt),
            manifestGenerationPerMillionObjects: price(
                batch, "manifest_generation_per_million_objects", batchAt),
            storageClasses: classes, restore: restore,
            restoredCopyStoragePerGBMonth: price(node, "restored_copy_storage_per_gb_month", base),
            checksumPerGB: price(node, "checksum_per_gb", base),
            lambdaRequestsPerMillion: price(lambda, "requests_per_million", base + "/lambda"),
            lambdaPerGBSecond: price(lambda, "per_gb_second", base + "/lambda"),
            kmsRequestsPer10000: price(kms, "requests_per_10000", base + "/kms"),
            updateEncryptionPer1000: price(node, "update_encryption_per_1000", base))
    }

    mutating func classPrices(_ node: Node, at base: String) -> ClassPrices? {
        guard let node = decoder.object(node, at: base) else { return nil }
        keys(
            node,
            ["put_per_1000", "get_per_1000", "retrieval_per_gb", "storage_per_gb_month", "minimum_days"],
            at: base)
        var days = 0
        if let d = node["minimum_days"] {
            if let n = d.int, n >= 0 {
                days = n
            } else {
                decoder.mismatch(d, base + "/minimum_days", expected: Self.days)
            }
        } else {
            missing(node, base + "/minimum_days")
        }
        return ClassPrices(
            putPer1000: price(node, "put_per_1000", base), getPer1000: price(node, "get_per_1000", base),
            retrievalPerGB: price(node, "retrieval_per_gb", base),
            storagePerGBMonth: price(node, "storage_per_gb_month", base), minimumDays: days)
    }

    /// A price: a number of at least 0, or `{"unknown": "why"}`. Missing or mistyped, it is an
    /// error and reads as unknown, so the rest of the file is still checked.
    mutating func price(_ parent: Node?, _ key: String, _ base: String) -> Price {
        let at = NodeDecoder.pointer(base, key)
        guard let parent else { return .unknown("\(at) is not in the price table") }
        guard let node = parent[key] else {
            missing(parent, at)
            return .unknown("\(at) is not in the price table")
        }
        if case .scalar(let s) = node.content {
            switch s.value {
            case .int(let v) where v >= 0: return .known(Double(v))
            case .float(let v) where v >= 0 && v.isFinite: return .known(v)
            default: break
            }
        }
        if node.mapping != nil, let why = node["unknown"]?.string, node.mapping?.count == 1 {
            return .unknown(why)
        }
        decoder.mismatch(node, at, expected: Self.price)
        return .unknown("\(at) is not a price")
    }

    mutating func required(_ parent: Node, _ key: String, _ base: String) -> Node? {
        guard parent[key] != nil else {
            missing(parent, NodeDecoder.pointer(base, key))
            return nil
        }
        return decoder.object(parent, key, base)
    }

    /// A required key absent from `parent`: an error at the mapping that should hold it.
    mutating func missing(_ parent: Node, _ pointer: String) {
        decoder.error(
            "\(pointer) is missing", at: parent,
            hint: "every price is a number or {\"unknown\": \"why\"}; see pricing/aws.json", pointer: pointer)
    }

    mutating func keys(_ node: Node, _ allowed: [String], at base: String) {
        decoder.checkKeys(
            of: node, allowed: allowed, summary: { "unknown key '\($0)' at \(base.isEmpty ? "/" : base)" },
            listing: "the keys here are " + allowed.joined(separator: ", "))
    }
}
