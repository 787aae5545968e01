import BopsCost
import BopsJobs
import BopsManifest

extension JobSizing {
    /// The most compressed data a plan reads of one inventory report to count it.
    static let inventoryReadLimit = 256 << 20

    /// An S3 Inventory report's objects, from its CSV data files: every row, its `Size` and
    /// `StorageClass` columns (an inventory without `Size` has its bytes unknown). ORC and Parquet
    /// reports, and reports over ``inventoryReadLimit``, are not read: their figures are unknown.
    func inventory(_ manifest: InventoryManifest, copying: Bool) async -> JobSize {
        guard manifest.fileFormat.uppercased() == "CSV" else {
            var size = JobSize(objects: .unknown, bytes: .unknown)
            size.note = "\(manifest.fileFormat) inventory: its rows are not counted at plan time"
            return size
        }
        let compressed = manifest.files.reduce(0) { $0 + $1.size }
        guard compressed <= Self.inventoryReadLimit else {
            var size = JobSize(objects: .unknown, bytes: .unknown)
            size.note =
                "the inventory's data files are \(compressed >> 20) MiB compressed, more than a plan reads"
            return size
        }
        var tally = ObjectTally()
        if !manifest.fields.contains(.size) { tally.sizesKnown = false }
        for file in manifest.files {
            guard
                let data = try? await objects.getObject(
                    bucket: manifest.destinationBucketName, key: file.key, versionId: nil)
            else {
                var size = JobSize(objects: .unknown, bytes: .unknown)
                size.note =
                    "the data file s3://\(manifest.destinationBucketName)/\(file.key) could not be read"
                return size
            }
            let problems = manifest.readRecords(of: file, gzippedBytes: data) { row, columns in
                let kms = columns[.encryptionStatus].map { $0.contains("KMS") } ?? false
                tally.add(
                    key: row.key, size: columns[.size].flatMap { Int64($0) },
                    storageClass: columns[.storageClass].map(ObjectStorageClass.init(rawValue:)), kms: kms)
            }
            if problems.hasErrors {
                var size = JobSize(objects: .unknown, bytes: .unknown)
                size.note =
                    "the data file \(file.key) could not be read: \(problems.items.first?.summary ?? "")"
                return size
            }
        }
        return tally.size(exactness: .exact, copying: copying)
    }
}
