public import BopsDiagnostics
import BopsEncoding
import BopsPrimitives
import Crypto
import FoundationEssentials

/// An S3 Inventory report's `manifest.json` (format `S3InventoryReport_CSV_20161130`).
///
/// Only CSV inventories can drive S3 Batch Operations; ORC and Parquet are refused. `fields` maps
/// `fileSchema` onto manifest columns (Bucket, Key, VersionId; every other column is Ignore), and
/// always contains Bucket and Key.
public struct InventoryManifest: Sendable, Hashable {
    /// One gzipped CSV data file of the report; `key` is relative to the destination bucket.
    public struct DataFile: Sendable, Hashable {
        public var key: String
        public var size: Int
        public var md5Checksum: String
    }

    public var sourceBucket: String
    public var destinationBucket: String
    public var version: String
    public var creationTimestamp: String
    public var fileFormat: String
    public var fileSchema: [String]
    public var files: [DataFile]
    public var fields: [ManifestField]
    /// The file named in diagnostics.
    public var file: String

    /// Parses and checks a `manifest.json`; every problem is reported with its JSON pointer.
    public static func parse(bytes: [UInt8], file: String) throws(Diagnostics) -> InventoryManifest {
        func problem(_ summary: String, _ pointer: String, hint: String? = nil) -> Diagnostics {
            Diagnostics([Diagnostic(.error, summary, hint: hint, pointer: pointer, subject: file)])
        }
        let object: Any
        do {
            object = try JSONAny.parse(bytes)
        } catch let failure {
            throw problem("inventory manifest is not valid JSON", "", hint: JSONAny.reason(failure))
        }
        guard let root = object as? [String: Any] else {
            throw problem("inventory manifest must be a JSON object", "")
        }
        var problems = Diagnostics()
        func string(_ key: String) -> String {
            if let s = root[key] as? String { return s }
            if let n = root[key] as? Int, key == "creationTimestamp" { return String(n) }
            problems.append(contentsOf: problem("inventory manifest needs a string \"\(key)\"", "/\(key)"))
            return ""
        }
        let source = string("sourceBucket")
        let destination = string("destinationBucket")
        let version = string("version")
        let created = string("creationTimestamp")
        let format = string("fileFormat")
        let schemaText = string("fileSchema")
        if !format.isEmpty && format.uppercased() != "CSV" {
            problems.append(
                contentsOf: problem(
                    "inventory format \(format) is not supported; S3 Batch Operations reads only CSV inventories",
                    "/fileFormat", hint: "configure the S3 Inventory report with output format CSV"))
        }
        let schema = schemaText.split(separator: ",").map { $0.trimmingWhitespace() }
        let fields = schema.map(ManifestColumn.init(inventoryField:))
        if !schemaText.isEmpty && (!fields.contains(.bucket) || !fields.contains(.key)) {
            problems.append(
                contentsOf: problem(
                    "inventory fileSchema must include Bucket and Key", "/fileSchema",
                    hint: "found: \(schemaText)"))
        }
        var files: [DataFile] = []
        if let list = root["files"] as? [Any], !list.isEmpty {
            for (i, item) in list.enumerated() {
                guard let entry = item as? [String: Any], let key = entry["key"] as? String, !key.isEmpty
                else {
                    problems.append(contentsOf: problem("files[\(i)] needs a string \"key\"", "/files/\(i)"))
                    continue
                }
                let size = JSONAny.double(entry["size"]).map { Int($0) } ?? -1
                let md5 = entry["MD5checksum"] as? String ?? ""
                if size < 0 {
                    problems.append(
                        contentsOf: problem("files[\(i)] needs a number \"size\"", "/files/\(i)/size"))
                }
                if md5.count != 32 || !md5.allSatisfy(\.isHexDigit) {
                    problems.append(
                        contentsOf: problem(
                            "files[\(i)] needs a 32-digit hex \"MD5checksum\"", "/files/\(i)/MD5checksum"))
                }
                files.append(DataFile(key: key, size: size, md5Checksum: md5.lowercased()))
            }
        } else {
            problems.append(
                contentsOf: problem("inventory manifest needs a non-empty \"files\" array", "/files"))
        }
        if problems.hasErrors { throw problems }
        return InventoryManifest(
            sourceBucket: source, destinationBucket: destination, version: version,
            creationTimestamp: created,
            fileFormat: format, fileSchema: schema, files: files, fields: fields, file: file)
    }

    /// The destination bucket's name (`destinationBucket` is an ARN, `arn:aws:s3:::name`).
    public var destinationBucketName: String {
        destinationBucket.hasPrefix("arn:aws:s3:::")
            ? String(destinationBucket.dropFirst(13)) : destinationBucket
    }

    /// Reads one gzipped CSV data file of this report: checks its size and MD5 against the
    /// manifest, decompresses it, and calls `onRow` for every valid row (keys decoded; an empty
    /// VersionId is nil). Diagnostics name the data file's key and line.
    public func readRows(
        of dataFile: DataFile, gzippedBytes: [UInt8], maxErrors: Int = 50, onRow: (ManifestRow) -> Void
    ) -> Diagnostics {
        withoutActuallyEscaping(onRow) { onRow in
            read(of: dataFile, gzippedBytes: gzippedBytes, maxErrors: maxErrors) {
                ManifestParser(options: $0, onRow: onRow)
            }
        }
    }

    /// ``readRows(of:gzippedBytes:maxErrors:onRow:)`` with the row's other columns too (`Size`,
    /// `StorageClass`, ... as the report's `fileSchema` names them), as text.
    public func readRecords(
        of dataFile: DataFile, gzippedBytes: [UInt8], maxErrors: Int = 50,
        onRecord: (ManifestRow, [ManifestColumn: String]) -> Void
    ) -> Diagnostics {
        let others = fields.filter { !$0.namesTheObject }
        return withoutActuallyEscaping(onRecord) { onRecord in
            read(of: dataFile, gzippedBytes: gzippedBytes, maxErrors: maxErrors) { options in
                let parser = ManifestParser(options: options, onRow: nil)
                parser.onIgnoredColumns = { row, texts in
                    onRecord(row, Dictionary(zip(others, texts), uniquingKeysWith: { a, _ in a }))
                }
                return parser
            }
        }
    }

    private func read(
        of dataFile: DataFile, gzippedBytes: [UInt8], maxErrors: Int,
        parser makeParser: (ManifestParserOptions) -> ManifestParser
    ) -> Diagnostics {
        let subject = "\(file): \(dataFile.key)"
        if gzippedBytes.count != dataFile.size {
            return Diagnostics([
                Diagnostic(
                    .error,
                    "inventory data file is \(gzippedBytes.count) bytes; the manifest says \(dataFile.size)",
                    hint:
                        "the report may be incomplete or replaced; use the manifest.json of the same report",
                    subject: subject)
            ])
        }
        let md5 = Hex.encode(Insecure.MD5.hash(data: gzippedBytes))
        if md5 != dataFile.md5Checksum {
            return Diagnostics([
                Diagnostic(
                    .error, "inventory data file MD5 is \(md5); the manifest says \(dataFile.md5Checksum)",
                    hint: "the data file does not belong to this manifest or is damaged", subject: subject)
            ])
        }
        let csv: [UInt8]
        do {
            csv = try Gzip.decompress(gzippedBytes)
        } catch {
            return Diagnostics([
                Diagnostic(.error, "cannot decompress inventory data file: \(error)", subject: subject)
            ])
        }
        var options = ManifestParserOptions(fields: fields, file: dataFile.key, maxErrors: maxErrors)
        options.emptyVersionIdIsError = false
        options.detectHeader = false
        options.duplicateTableBytes = 0
        let parser = makeParser(options)
        csv.withUnsafeBufferPointer { p in
            if let base = p.baseAddress { _ = parser.feed(base, count: p.count, isEOF: true) }
        }
        parser.finish()
        return parser.diagnostics
    }
}
