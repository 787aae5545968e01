import BopsEncoding
import BopsPrimitives
import Crypto
public import FoundationEssentials

/// One S3 Inventory delivery as S3 lays it down under the configuration's folder
/// (`<prefix>/<source-bucket>/<config-id>`): gzipped CSV data files under `data/`, and in a folder
/// named for the delivery's date (`2026-12-06T01-00Z/`) its `manifest.json` and `manifest.checksum`
/// (the MD5 of manifest.json, hex). The one place that knows the layout, read and written.
public enum InventoryDelivery {
    /// `2026-12-06T01-00Z`, the name of a delivery's folder.
    public static func folderName(_ date: Date) -> String {
        let c = Timestamp(date: date).civil
        return "\(c.year)-\(Timestamp.pad(c.month, 2))-\(Timestamp.pad(c.day, 2))T"
            + "\(Timestamp.pad(c.hour, 2))-\(Timestamp.pad(c.minute, 2))Z"
    }

    /// The date a delivery folder name stands for; `nil` for any other name.
    public static func date(ofFolder name: some StringProtocol) -> Date? {
        let parts = name.split(whereSeparator: { $0 == "-" || $0 == "T" })
        guard name.count == 17, name.hasSuffix("Z"), parts.count == 5,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let hour = Int(parts[3]), let minute = Int(parts[4].dropLast())
        else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute).date
    }

    /// A delivery's `manifest.json` key under `prefix` (no trailing `/`), and its folder's date:
    /// `nil` for keys that are not one.
    public static func manifest(key: String, under prefix: String) -> (folder: String, date: Date)? {
        guard key.hasPrefix(prefix + "/"), key.hasSuffix("/manifest.json") else { return nil }
        let folder = key.dropFirst(prefix.count + 1).dropLast("/manifest.json".count)
        guard !folder.contains("/"), let date = date(ofFolder: folder) else { return nil }
        return (String(folder), date)
    }

    /// The configuration a delivery's `manifest.json` key was written for, read from the layout
    /// `[<prefix>/]<source-bucket>/<config-id>/<date>/manifest.json`: the destination prefix (`nil`
    /// when there is none) and the configuration's ID; `nil` when the key is not laid out so.
    public static func configuration(
        ofManifestKey key: String, sourceBucket: String
    ) -> (prefix: String?, id: String)? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        let n = parts.count
        guard n >= 4, parts[n - 1] == "manifest.json", date(ofFolder: parts[n - 2]) != nil,
            parts[n - 4] == sourceBucket, !parts[n - 3].isEmpty
        else { return nil }
        let prefix = parts[..<(n - 4)].joined(separator: "/")
        return (prefix.isEmpty ? nil : prefix, String(parts[n - 3]))
    }

    /// The hex MD5 `manifest.checksum` holds for `manifestJSON`.
    public static func checksum(_ manifestJSON: [UInt8]) -> String {
        Hex.encode(Insecure.MD5.hash(data: manifestJSON))
    }

    /// The objects of one delivery of `rows` (`Bucket,Key` lines, keys as S3 encodes them), in
    /// `dataFiles` data files, to write into `destinationBucket` under `prefix`: key → bytes.
    ///
    /// With `details` (one per row, in order), the data files also have the `Size` and
    /// `StorageClass` columns, as an inventory configured with those fields does.
    public static func objects(
        rows: [ManifestRow], sourceBucket: String, destinationBucket: String, prefix: String, date: Date,
        dataFiles: Int = 1, details: [(size: Int64, storageClass: String)]? = nil
    ) throws -> [(key: String, body: [UInt8])] {
        let withVersion = rows.contains { $0.versionId != nil }
        let withDetails = details?.count == rows.count
        let folder = folderName(date)
        let perFile = max(1, (rows.count + max(1, dataFiles) - 1) / max(1, dataFiles))
        var out: [(key: String, body: [UInt8])] = []
        var listed: [[String: Any]] = []
        for (i, start) in stride(from: 0, to: max(rows.count, 1), by: perFile).enumerated() {
            let body = (start..<min(rows.count, start + perFile)).map { i -> String in
                let r = rows[i]
                var fields = CSVManifestWriter.fields(
                    bucket: r.bucket, key: r.key, versionId: r.versionId, withVersion: withVersion)
                if withDetails, let d = details?[i] {
                    fields += [String(d.size), CSVManifestWriter.field(d.storageClass)]
                }
                return fields.joined(separator: ",") + "\n"
            }.joined()
            let gz = try Gzip.compress(Array(body.utf8))
            let md5 = Hex.encode(Insecure.MD5.hash(data: gz))
            let dataKey = "\(prefix)/data/\(folder)-\(i + 1)-\(md5.prefix(12)).csv.gz"
            out.append((dataKey, gz))
            listed.append(["key": dataKey, "size": gz.count, "MD5checksum": md5])
        }
        let manifest: [String: Any] = [
            "sourceBucket": sourceBucket, "destinationBucket": "arn:aws:s3:::\(destinationBucket)",
            "version": "2016-11-30", "creationTimestamp": String(Int64(date.timeIntervalSince1970 * 1000)),
            "fileFormat": "CSV",
            "fileSchema": (withVersion ? "Bucket, Key, VersionId" : "Bucket, Key")
                + (withDetails ? ", Size, StorageClass" : ""),
            "files": listed,
        ]
        let json = try JSONAny.serialize(manifest, escapeSlashes: true)
        out.append(("\(prefix)/\(folder)/manifest.json", json))
        out.append(("\(prefix)/\(folder)/manifest.checksum", Array((checksum(json) + "\n").utf8)))
        return out
    }

    /// The `manifest.json` of each part of a report of at most `maxFiles` data files: the report's
    /// own fields, and its `files` in order, `maxFiles` at a time. The data files stay where they are
    /// (`destinationBucket`). `nil` when `manifestJSON` is not a JSON object with a `files` list.
    public static func parts(
        manifestJSON: [UInt8], maxFiles: Int
    ) -> [(json: [UInt8], sha256: String, md5: String, files: Int)]? {
        guard var object = (try? JSONAny.parse(manifestJSON)) as? [String: Any],
            let files = object["files"] as? [Any], maxFiles > 0
        else { return nil }
        var out: [(json: [UInt8], sha256: String, md5: String, files: Int)] = []
        for start in stride(from: 0, to: files.count, by: maxFiles) {
            let chunk = Array(files[start..<min(files.count, start + maxFiles)])
            object["files"] = chunk
            guard let data = try? JSONAny.serialize(object, escapeSlashes: true)
            else {
                return nil
            }
            let bytes = Array(data)
            out.append((bytes, Hex.encode(SHA256.hash(data: bytes)), checksum(bytes), chunk.count))
        }
        return out
    }
}
