import BopsJobs
import BopsManifest
import BopsPrimitives
import FoundationEssentials

/// Manifests generated from a bucket listing (`S3JobManifestGenerator`).
extension LocalEngine {
    /// Every operation but Replicate takes the current version of each key; Replicate jobs take
    /// every version (oldest first, so replicas keep the same order), as Batch Replication does for
    /// existing objects.
    func generatedRows(_ g: S3JobManifestGenerator, operation: JobOperation?) -> Result<[TaskRow], JobFailure>
    {
        guard let bucket = S3ARN.bucket(g.sourceBucket) else {
            return .failure(JobFailure(failureCode: "InvalidManifest", failureReason: "Bad SourceBucket ARN"))
        }
        do {
            let config = try store.config(bucket)
            var versions = try store.listObjectVersions(bucket: bucket)
            if operation != .s3ReplicateObject { versions = versions.filter(\.isLatest) }
            let filter = g.filter ?? JobManifestGeneratorFilter()
            var ordered: [ObjectInfo] = []
            var i = 0
            while i < versions.count {
                var j = i
                while j < versions.count && versions[j].key == versions[i].key { j += 1 }
                ordered += versions[i..<j].reversed()
                i = j
            }
            let rows = ordered.filter { filter.matches($0, replication: config.replication) }
                .map {
                    TaskRow(
                        bucket: bucket, key: $0.key,
                        versionId: config.versioning == nil ? nil : ($0.versionId ?? "null"))
                }
            return .success(rows)
        } catch {
            return .failure(JobFailure(failureCode: "ManifestGenerationFailed", failureReason: reason(error)))
        }
    }

    /// Writes the generated manifest as an S3 Inventory (`S3InventoryReport_CSV_20211130`):
    /// `<prefix>/job-<id>/manifest.json` and one gzipped CSV (`Bucket, Key, VersionId`).
    func writeGeneratedManifest(
        _ rows: [TaskRow], jobId: String, location: S3ManifestOutputLocation, source: S3JobManifestGenerator
    ) throws -> S3GeneratedManifestDescriptor {
        guard let bucket = S3ARN.bucket(location.bucket) else {
            throw EngineError.badRequest("Bad manifest bucket ARN")
        }
        let base = (location.manifestPrefix.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "") + "job-\(jobId)/"
        var csv = ""
        for row in rows {
            csv += CSVManifestWriter.row(
                bucket: row.bucket, key: row.key, versionId: row.versionId, withVersion: true)
        }
        let gz = try Gzip.compress(Array(csv.utf8))
        let dataKey = base + "data/\(UUID().uuidString.lowercased()).csv.gz"
        var attributes = ObjectAttributes()
        attributes.metadata.contentType = "application/gzip"
        if let kms = location.manifestEncryption?.ssekms {
            attributes.serverSideEncryption = ServerSideEncryption(algorithm: "aws:kms", kmsKeyId: kms.keyId)
        }
        let data = try store.putObject(bucket: bucket, key: dataKey, body: gz, attributes: attributes)
        let manifest: [String: Any] = [
            "sourceBucket": source.sourceBucket, "destinationBucket": location.bucket,
            "version": "2021-11-30",
            "creationTimestamp": String(Int64(clock().timeIntervalSince1970 * 1000)), "fileFormat": "CSV",
            "fileSchema": "Bucket, Key, VersionId",
            "files": [
                [
                    "key": dataKey, "size": gz.count,
                    "MD5checksum": data.eTag.trimmingQuotes(),
                ]
            ],
        ]
        let json = try JSONAny.serialize(manifest)
        attributes.metadata.contentType = "application/json"
        let info = try store.putObject(
            bucket: bucket, key: base + "manifest.json", body: Array(json), attributes: attributes)
        return S3GeneratedManifestDescriptor(
            format: .inventoryCSV20211130,
            location: JobManifestLocation(
                objectArn: S3ARN.objectARN(bucket: bucket, key: info.key), objectVersionId: info.versionId,
                eTag: info.eTag))
    }
}
