public import BopsJobs
import BopsNode
public import BopsPrimitives

extension JobSpec {
    /// Which objects a job acts on (`spec.manifest`): exactly one of three sources.
    public enum Manifest: Sendable, Hashable, Codable {
        /// `csv`: a CSV manifest in the repository or in S3.
        case csv(CSVManifest)
        /// `inventory`: an S3 Inventory report (CSV) named by its manifest.json.
        case inventory(InventoryManifest)
        /// `generate` (formerly spelled `replicationConfiguration`): S3 generates the manifest from a
        /// bucket listing (ManifestGenerator), for any operation.
        case replicationConfiguration(ManifestGenerator)
        /// `fromReport`: the tasks of another spec's finished job, from its completion report.
        case fromReport(ReportManifest)
        /// `inventory` with `latest: true`: the newest delivery of an inventory configuration.
        case latestInventory(LatestInventory)
    }

    /// An object in S3 named by an `s3://bucket/key` URI, with the identity AWS needs to use it.
    public struct S3ObjectLocation: Sendable, Hashable, Codable {
        public var bucket: String
        public var key: String
        /// Absent: bops reads it from the object before creating the job.
        public var etag: String?
        public var versionId: String?

        public init(bucket: String, key: String, etag: String? = nil, versionId: String? = nil) {
            self.bucket = bucket
            self.key = key
            self.etag = etag
            self.versionId = versionId
        }

        /// Parses `s3://bucket/key` (key non-empty); nil otherwise.
        public init?(uri: String, etag: String? = nil, versionId: String? = nil) {
            guard uri.hasPrefix("s3://") else { return nil }
            let rest = uri.dropFirst(5)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            let bucket = String(rest[..<slash])
            let key = String(rest[rest.index(after: slash)...])
            guard !bucket.isEmpty, !key.isEmpty else { return nil }
            self.init(bucket: bucket, key: key, etag: etag, versionId: versionId)
        }

        public var uri: String { "s3://\(bucket)/\(key)" }

        /// The object ARN AWS wants in `JobManifestLocation.ObjectArn`.
        public func objectArn(partition: String = "aws") -> String {
            "arn:\(partition):s3:::\(bucket)/\(key)"
        }
    }

    /// `manifest.csv` (format `S3BatchOperations_CSV_20180820`).
    public struct CSVManifest: Sendable, Hashable, Codable {
        public enum Source: Sendable, Hashable, Codable {
            /// A path relative to the spec file, as written.
            case file(String)
            case location(S3ObjectLocation)
        }

        public static let format = JobManifestFormat.csv

        public var source: Source
        /// Contains `.bucket` and `.key` exactly once each, `.versionId` at most once.
        public var fields: [JobManifestFieldName]

        public init(source: Source, fields: [JobManifestFieldName] = Defaults.csvFields) {
            self.source = source
            self.fields = fields
        }
    }

    /// `manifest.inventory` with `latest: true`: the newest delivery under an inventory
    /// configuration's folder, resolved at plan time and pinned into the job.
    public struct LatestInventory: Sendable, Hashable, Codable {
        /// The bucket the inventory is delivered to (a name, from the spec's ARN).
        public var bucket: String
        /// The configuration's folder, without a trailing `/`.
        public var prefix: String
        public var newerThan: Timestamp?

        public init(bucket: String, prefix: String, newerThan: Timestamp? = nil) {
            self.bucket = bucket
            self.prefix = prefix
            self.newerThan = newerThan
        }
    }

    /// `manifest.inventory` (format `S3InventoryReport_CSV_20161130`).
    public struct InventoryManifest: Sendable, Hashable, Codable {
        public static let format = JobManifestFormat.inventory

        /// The manifest.json object.
        public var location: S3ObjectLocation

        public init(location: S3ObjectLocation) { self.location = location }
    }
}

// MARK: - Decoding

extension JobSpec.Manifest {
    static let pointer = "/spec/manifest"
    /// The generator's key.
    public static let generatorKey = "generate"
    /// The generator's former key, still read (with a warning) and kept in the canonical form so
    /// that configuration digests of existing jobs stay the same.
    public static let formerGeneratorKey = "replicationConfiguration"

    /// The key the generator has in the manifest object `node`: `generate` unless only the former
    /// spelling is there.
    static func generatorSpelling(in node: Node?) -> String {
        node?[generatorKey] == nil && node?[formerGeneratorKey] != nil ? formerGeneratorKey : generatorKey
    }

    static func decode(_ node: Node?, _ d: inout NodeDecoder) -> Self? {
        guard let node else {
            d.mismatch(nil, pointer, expected: "an object")
            return nil
        }
        if let csv = d.object(node, "csv", pointer) {
            return JobSpec.CSVManifest.decode(csv, at: pointer + "/csv", &d).map(Self.csv)
        }
        if let inventory = d.object(node, "inventory", pointer) {
            let at = pointer + "/inventory"
            if inventory["latest"] != nil {
                guard let arn = d.required(inventory, "bucket", at),
                    let prefix = d.required(inventory, "prefix", at)
                else { return nil }
                let name = arn.split(separator: ":").last.map(String.init) ?? arn
                var trimmed = Substring(prefix)
                while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
                return .latestInventory(
                    JobSpec.LatestInventory(
                        bucket: name, prefix: String(trimmed),
                        newerThan: d.timestamp(inventory, "newerThan", at)))
            }
            return JobSpec.S3ObjectLocation.decode(inventory, at: at, &d).map {
                .inventory(JobSpec.InventoryManifest(location: $0))
            }
        }
        let key = Self.generatorSpelling(in: node)
        if let generator = d.object(node, key, pointer) {
            return JobSpec.ManifestGenerator.decode(generator, at: pointer + "/" + key, &d).map(
                Self.replicationConfiguration)
        }
        if let report = d.object(node, "fromReport", pointer) {
            return JobSpec.ReportManifest.decode(report, at: pointer + "/fromReport", &d).map(Self.fromReport)
        }
        d.mismatch(node, pointer, expected: "one of csv, inventory, generate, fromReport")
        return nil
    }
}

extension JobSpec.CSVManifest {
    static func decode(_ csv: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        let fields = d.enumerations(JobManifestFieldName.self, csv, "fields", at)
        let source: Source
        if let file = d.string(csv, "file", at) {
            source = .file(file)
        } else if let location = JobSpec.S3ObjectLocation.decode(csv, at: at, &d) {
            source = .location(location)
        } else {
            return nil
        }
        return Self(source: source, fields: csv["fields"] == nil ? JobSpec.Defaults.csvFields : fields)
    }
}

extension JobSpec.S3ObjectLocation {
    /// Reads `location` (an `s3://` URI), `etag` and `versionId` of the object at `at`.
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        guard let uri = d.required(node, "location", at) else { return nil }
        guard
            let location = Self(
                uri: uri, etag: d.string(node, "etag", at), versionId: d.string(node, "versionId", at))
        else {
            d.mismatch(node["location"], at + "/location", expected: "an s3://bucket/key URI")
            return nil
        }
        return location
    }
}

// MARK: - Canonical form

extension JobSpec.S3ObjectLocation {
    var canonicalValue: CanonicalJSON {
        .members([
            ("bucket", .string(bucket)), ("key", .string(key)), ("etag", .string(etag)),
            ("versionId", .string(versionId)),
        ])
    }
}

extension JobSpec.Manifest {
    var canonicalValue: CanonicalJSON {
        switch self {
        case .csv(let csv):
            let source: CanonicalJSON
            switch csv.source {
            case .file: source = .object(["file": .object([:])])
            case .location(let location): source = .object(["location": location.canonicalValue])
            }
            return .object([
                "csv": .object([
                    "format": .string(JobSpec.CSVManifest.format.rawValue),
                    "fields": .array(csv.fields.map { .string($0.rawValue) }),
                    "source": source,
                ])
            ])
        case .inventory(let inventory):
            return .object([
                "inventory": .object([
                    "format": .string(JobSpec.InventoryManifest.format.rawValue),
                    "location": inventory.location.canonicalValue,
                ])
            ])
        case .replicationConfiguration(let generator):
            return .object([Self.formerGeneratorKey: generator.canonicalValue])
        case .fromReport(let report):
            return .object(["fromReport": report.canonicalValue])
        case .latestInventory(let latest):
            return .object([
                "inventory": .members([
                    ("format", .string(JobSpec.InventoryManifest.format.rawValue)),
                    (
                        "latest",
                        .members([
                            ("bucket", .string(latest.bucket)), ("prefix", .string(latest.prefix)),
                            ("newerThan", latest.newerThan.map { .string($0.description) }),
                        ])
                    ),
                ])
            ])
        }
    }
}
