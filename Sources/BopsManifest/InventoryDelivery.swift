import BopsEncoding
import BopsPrimitives
import Crypto
public import Foundation

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

    /// The hex MD5 `manifest.checksum` holds for `manifestJSON`.
    public static func checksum(_ manifestJSON: [UInt8]) -> String {
        Hex.encode(Insecure.MD5.hash(data: manifestJSON))
    }

    /// The objects of one delivery of `rows` (`Bucket,Key` lines, keys as S3 encodes them) to write
    /// into `destinationBucket` under `prefix`: key → bytes.
    public static func objects(
        rows: [ManifestRow], sourceBucket: String, destinationBucket: String, prefix: String, date: Date
    ) throws -> [(key: String, body: [UInt8])] {
        let withVersion = rows.contains { $0.versionId != nil }
        let body = rows.map {
            CSVManifestWriter.row(
                bucket: $0.bucket, key: $0.key, versionId: $0.versionId, withVersion: withVersion)
        }.joined()
        let gz = try Gzip.compress(Array(body.utf8))
        let folder = folderName(date)
        let dataKey = "\(prefix)/data/\(folder)-\(Hex.encode(Insecure.MD5.hash(data: gz)).prefix(12)).csv.gz"
        let manifest: [String: Any] = [
            "sourceBucket": sourceBucket, "destinationBucket": "arn:aws:s3:::\(destinationBucket)",
            "version": "2016-11-30", "creationTimestamp": String(Int64(date.timeIntervalSince1970 * 1000)),
            "fileFormat": "CSV", "fileSchema": withVersion ? "Bucket, Key, VersionId" : "Bucket, Key",
            "files": [
                ["key": dataKey, "size": gz.count, "MD5checksum": Hex.encode(Insecure.MD5.hash(data: gz))]
            ],
        ]
        let json = Array(try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]))
        return [
            (dataKey, gz), ("\(prefix)/\(folder)/manifest.json", json),
            ("\(prefix)/\(folder)/manifest.checksum", Array((checksum(json) + "\n").utf8)),
        ]
    }
}
