import BopsDiagnostics
import BopsJobs
import BopsTestSupport
import Crypto
import Foundation
import Testing

@testable import BopsManifest

@Suite(.tags(.process)) struct InventoryManifestTests {
    static func manifestJSON(format: String = "CSV", files: String) -> [UInt8] {
        Array(
            """
            {
              "sourceBucket": "example-source-bucket",
              "destinationBucket": "arn:aws:s3:::example-inventory-destination-bucket",
              "version": "2016-11-30",
              "creationTimestamp": "1514944800000",
              "fileFormat": "\(format)",
              "fileSchema": "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size",
              "files": [\(files)]
            }
            """.utf8)
    }

    @Test func readsAGzippedCSVDataFile() throws {
        let csv = """
            "example-source-bucket","photos/a+b.jpg","v1","true","false","10"
            "example-source-bucket","photos/%C3%A9t%C3%A9.jpg","","true","false","20"
            "example-source-bucket","photos/c%2Bd.jpg","v3","false","false","30"

            """
        let gz = try Tool.output("/bin/gzip", ["-c", "-n"], input: Array(csv.utf8))
        let md5 = Insecure.MD5.hash(data: gz).map { String(format: "%02x", $0) }.joined()
        let key = "Inventory/example-source-bucket/2016-11-06T21-32Z/files/939c6d46.csv.gz"
        let manifest = try InventoryManifest.parse(
            bytes: Self.manifestJSON(
                files: "{\"key\": \"\(key)\", \"size\": \(gz.count), \"MD5checksum\": \"\(md5)\"}"),
            file: "manifest.json")
        // S3 Batch Operations reads the three naming columns and ignores the rest; the readers keep their names.
        #expect(manifest.fields.map(\.wire) == [.bucket, .key, .versionId, .ignore, .ignore, .ignore])
        #expect(manifest.fields == [.bucket, .key, .versionId, .isLatest, .isDeleteMarker, .size])
        #expect(manifest.destinationBucketName == "example-inventory-destination-bucket")
        #expect(manifest.files == [InventoryManifest.DataFile(key: key, size: gz.count, md5Checksum: md5)])

        var rows: [ManifestRow] = []
        let diagnostics = manifest.readRows(of: manifest.files[0], gzippedBytes: gz) { rows.append($0) }
        #expect(diagnostics.isEmpty, "\(diagnostics.items.map(\.summary))")
        #expect(
            rows == [
                ManifestRow(bucket: "example-source-bucket", key: "photos/a b.jpg", versionId: "v1"),
                ManifestRow(bucket: "example-source-bucket", key: "photos/été.jpg", versionId: nil),
                ManifestRow(bucket: "example-source-bucket", key: "photos/c+d.jpg", versionId: "v3"),
            ])

        var damaged = gz
        damaged[damaged.count / 2] ^= 1
        let refused = manifest.readRows(of: manifest.files[0], gzippedBytes: damaged) { _ in }
        #expect(refused.items.first?.summary.contains("MD5") == true)
    }

    @Test(arguments: ["ORC", "Parquet"])
    func refusesNonCSVInventories(_ format: String) {
        let json = Self.manifestJSON(
            format: format,
            files: "{\"key\": \"k\", \"size\": 1, \"MD5checksum\": \"f11166069f1990abeb9c97ace9cdfabc\"}")
        #expect {
            _ = try InventoryManifest.parse(bytes: json, file: "manifest.json")
        } throws: { error in
            guard let d = (error as? Diagnostics)?.items.first else { return false }
            return d.summary.contains("\(format) is not supported") && d.pointer == "/fileFormat"
                && d.hint != nil
        }
    }

    @Test func reportsMissingAndMalformedParts() {
        #expect {
            _ = try InventoryManifest.parse(
                bytes: Array("{\"files\": [{\"key\": \"k\"}]}".utf8), file: "manifest.json")
        } throws: { error in
            let pointers = Set((error as? Diagnostics)?.items.compactMap(\.pointer) ?? [])
            return pointers.isSuperset(of: [
                "/sourceBucket", "/fileFormat", "/fileSchema", "/files/0/size", "/files/0/MD5checksum",
            ])
        }
        #expect(throws: Diagnostics.self) {
            _ = try InventoryManifest.parse(bytes: Array("not json".utf8), file: "m.json")
        }
    }
}

/// An inventory's optional fields keep their names (Size, StorageClass, ...) and still read as
/// Ignore to S3 Batch Operations; a field S3 adds later reads as Ignore.
@Suite struct ManifestColumnTests {
    @Test func inventoryFieldsKeepTheirNames() {
        let schema = "Bucket, Key, VersionId, IsLatest, Size, StorageClass, ETag, SomeFutureField"
        let columns = schema.split(separator: ",").map {
            ManifestColumn(inventoryField: $0.trimmingCharacters(in: .whitespaces))
        }
        #expect(columns == [.bucket, .key, .versionId, .isLatest, .size, .storageClass, .eTag, .ignore])
        #expect(
            columns.map(\.wire) == [.bucket, .key, .versionId, .ignore, .ignore, .ignore, .ignore, .ignore])
        #expect(columns.filter(\.namesTheObject) == [.bucket, .key, .versionId])
    }

    @Test(arguments: JobManifestFieldName.allCases)
    func everyWireFieldMapsBackToItself(_ field: JobManifestFieldName) {
        #expect(ManifestColumn(field).wire == field)
    }
}
