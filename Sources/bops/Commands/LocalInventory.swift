import ArgumentParser
import BopsDiagnostics
import BopsLocalEngine
import BopsManifest
import BopsPrimitives
import FoundationEssentials

extension LocalCommand {
    /// `bops local put-inventory`: one S3 Inventory delivery laid down as S3 writes it, for tests
    /// and demos of `inventory: { latest: true }`.
    struct PutInventory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "put-inventory",
            abstract:
                "Write an S3 Inventory delivery (data file, manifest.json, manifest.checksum) into a bucket.",
            discussion: """
                The rows come from a CSV manifest (Bucket,Key[,VersionId], keys URL-encoded). The delivery \
                goes to PREFIX/data/ and PREFIX/<date>/ as S3 lays it out, PREFIX being the \
                configuration's folder (<prefix>/<source-bucket>/<config-id>).
                """)
        @Argument(help: "The bucket the inventory is delivered to.") var bucket: String
        @Argument(help: "The configuration's folder in it.") var prefix: String
        @Option(help: "The CSV manifest whose rows the inventory lists.") var from: String
        @Option(help: "The delivery's date and time (RFC 3339). Default: now.") var date: String?
        @Option(help: "The inventoried bucket. Default: the bucket of the first row.") var sourceBucket:
            String?
        @Option(help: "How many data files the rows are spread over.") var dataFiles: Int = 1
        @Flag(help: "Add the Size and StorageClass columns, read from the local store.") var sizes = false
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (session, local) = try LocalCommand.engine(project, output)
            guard let bytes = FileManager.default.contents(atPath: from).map(Array.init) else {
                session.fail(
                    Diagnostics([
                        Diagnostic(.error, "cannot read \(from)", hint: "name a CSV manifest", subject: from)
                    ]))
            }
            var rows: [ManifestRow] = []
            var fields: [ManifestColumn] = [.bucket, .key]
            if let line = bytes.split(separator: UInt8(ascii: "\n")).first,
                line.filter({ $0 == UInt8(ascii: ",") }).count >= 2
            {
                fields.append(.versionId)
            }
            let scanned = CSVManifestReader.scan(bytes: bytes, fields: fields, file: from) { rows.append($0) }
            if scanned.summary == nil { session.fail(scanned.diagnostics) }
            var when = Date()
            if let date {
                guard let parsed = Timestamp(rfc3339: date) else {
                    throw ValidationError(
                        "--date: '\(date)' is not an RFC 3339 date-time (2026-12-06T01:00:00Z)")
                }
                when = parsed.date
            }
            let folder = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
            var details: [(size: Int64, storageClass: String)]?
            if sizes {
                var found: [(size: Int64, storageClass: String)] = []
                for r in rows {
                    let info = try? await local.store.headObject(
                        bucket: r.bucket, key: r.key, versionId: r.versionId)
                    found.append((info?.size ?? 0, (info?.storageClass ?? .standard).rawValue))
                }
                details = found
            }
            let objects = LocalCommand.run(session, "cannot lay down the inventory") {
                try InventoryDelivery.objects(
                    rows: rows, sourceBucket: sourceBucket ?? rows.first?.bucket ?? bucket,
                    destinationBucket: bucket,
                    prefix: folder, date: when, dataFiles: dataFiles, details: details)
            }
            for object in objects {
                _ = LocalCommand.run(session, "cannot write s3://\(bucket)/\(object.key)") {
                    try local.store.putObject(
                        bucket: bucket, key: object.key, body: object.body, attributes: ObjectAttributes())
                }
            }
            Terminal.out(
                "s3://\(bucket)/\(objects[1].key) (\(rows.count) object\(rows.count == 1 ? "" : "s"))")
        }
    }
}
