import BopsDiagnostics
import BopsJobs
import BopsManifest
import FoundationEssentials

/// Reading a job's manifest into task rows with `BopsManifest`, the reader `bops validate` uses.
/// A manifest that reader refuses fails the job with `InvalidManifestContent` and its first error.
extension LocalEngine {
    func manifestRows(_ manifest: JobManifest) -> Result<[TaskRow], JobFailure> {
        manifestObject(manifest.location).flatMap { body in
            switch manifest.spec.format {
            case .csv:
                csvRows(body, fields: manifest.spec.fields ?? [], file: manifest.location.objectArn)
            case .inventory:
                inventoryRows(body, manifestArn: manifest.location.objectArn)
            }
        }
    }

    /// A Batch Operations CSV manifest (`S3BatchOperations_CSV_20180820`).
    func csvRows(
        _ bytes: [UInt8], fields: [JobManifestFieldName], file: String
    ) -> Result<[TaskRow], JobFailure> {
        var rows: [TaskRow] = []
        let scanned = CSVManifestReader.scan(
            bytes: bytes, fields: fields.map(ManifestColumn.init), file: file,
            maxErrors: 1
        ) { row in
            rows.append(TaskRow(bucket: row.bucket, key: row.key, versionId: row.versionId))
        }
        guard scanned.summary != nil else { return .failure(Self.invalidContent(scanned.diagnostics)) }
        return .success(rows)
    }

    /// An S3 Inventory `manifest.json`: its gzipped CSV data files, read from the destination
    /// bucket and checked against the sizes and MD5s the manifest lists, hold the rows.
    func inventoryRows(_ body: [UInt8], manifestArn: String) -> Result<[TaskRow], JobFailure> {
        let inventory: InventoryManifest
        do {
            inventory = try InventoryManifest.parse(bytes: body, file: manifestArn)
        } catch {
            return .failure(Self.invalidContent(error, context: "Inventory manifest.json: "))
        }
        let bucket = S3ARN.bucket(inventory.destinationBucket) ?? S3ARN.object(manifestArn)?.bucket ?? ""
        var rows: [TaskRow] = []
        for file in inventory.files {
            let gz: [UInt8]
            do {
                gz = try store.readObject(bucket: bucket, key: file.key).body
            } catch {
                return .failure(
                    JobFailure(
                        failureCode: "ManifestNotFound",
                        failureReason: "Inventory file s3://\(bucket)/\(file.key): \(reason(error))"))
            }
            let diagnostics = inventory.readRows(of: file, gzippedBytes: gz, maxErrors: 1) { row in
                rows.append(TaskRow(bucket: row.bucket, key: row.key, versionId: row.versionId))
            }
            if diagnostics.hasErrors {
                return .failure(Self.invalidContent(diagnostics, context: "Inventory file \(file.key): "))
            }
        }
        if inventory.fields.contains(.versionId), rows.contains(where: { $0.versionId == nil }),
            rows.contains(where: { $0.versionId != nil })
        {
            return .failure(
                Self.invalidContent(
                    Diagnostics([
                        .error("the VersionId column has version ids on some rows only (all or none)")
                    ]),
                    context: "Inventory manifest.json: "))
        }
        return .success(rows)
    }

    /// `InvalidManifestContent` with the first error: where (line and column, or JSON pointer) and what.
    static func invalidContent(_ diagnostics: Diagnostics, context: String = "") -> JobFailure {
        let first = diagnostics.sorted.first { $0.severity == .error }
        var text = context
        if let range = first?.range {
            text += "line \(range.start.line), column \(range.start.column): "
        } else if let pointer = first?.pointer, !pointer.isEmpty {
            text += pointer + ": "
        }
        text += first?.summary ?? "the manifest is not valid"
        return JobFailure(failureCode: "InvalidManifestContent", failureReason: String(text.prefix(256)))
    }
}
