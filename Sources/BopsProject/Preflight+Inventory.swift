public import BopsDiagnostics
import BopsJobs
import BopsManifest

/// The plan-time check of the S3 Inventory configuration behind a Replicate job's inventory report:
/// a configuration with `IncludedObjectVersions: Current` lists no version IDs, so the job replicates
/// only current versions (AWS's `validate-setup` refuses it). An error at the manifest's key.
///
/// The configuration is the one the report was delivered for: its ID read from the report's key
/// (`<prefix>/<source-bucket>/<config-id>/<date>/manifest.json`, GetBucketInventoryConfiguration),
/// else the source bucket's configuration that delivers to the report's bucket and folder
/// (ListBucketInventoryConfigurations). None found is a warning that the check was not made; so is a
/// refused read (403). `spec.acknowledge.inventoryVersions` skips the check.
extension Preflight {
    func inventoryVersions(_ inventory: PreflightInput.Inventory) async -> Diagnostics {
        let source = inventory.sourceBucket
        let subject = "s3://\(source)"
        var found = Diagnostics()
        var seen: [CheckRecord.Observation] = []
        defer { note(.inventoryVersions, subject, seen, found) }
        let laidOut = InventoryDelivery.configuration(ofManifestKey: inventory.key, sourceBucket: source)
        let objects = objects
        let configuration: InventoryConfiguration?
        var count: Int?
        do {
            var byID: InventoryConfiguration?
            if let id = laidOut?.id {
                byID = try await read(.inventory(bucket: source, id: id)) {
                    try await objects.inventoryConfiguration(bucket: source, id: id)
                }
            }
            if let byID, Self.delivers(byID, to: inventory, laidOut: true) {
                configuration = byID
            } else {
                let all = try await read(.inventories(source)) {
                    try await objects.inventoryConfigurations(bucket: source)
                }
                count = all.count
                let candidates = all.filter { Self.delivers($0, to: inventory, laidOut: laidOut != nil) }
                // A report whose key does not name its configuration is matched only when one
                // configuration delivers to its bucket (and prefix).
                configuration = candidates.count == 1 ? candidates.first : nil
            }
        } catch let e as EngineError where e.code == EngineError.noSuchBucket {
            seen.append(.missing(subject))
            return found
        } catch {
            let what = "the inventory configuration of bucket \(source)"
            seen.append(.unread(what: what, error: "\(error)"))
            found.append(
                notChecked(
                    what, error, inventory.place,
                    permission: "s3:GetInventoryConfiguration on arn:aws:s3:::\(source)"))
            return found
        }
        guard let configuration else {
            seen.append(
                .inventoryConfiguration(bucket: source, id: nil, includedVersions: nil, configurations: count)
            )
            let report = "s3://\(inventory.bucket)/\(inventory.key)"
            seen.append(
                .unread(
                    what: "the inventory configuration of \(source) that delivered \(report)",
                    error: "it matches none of the bucket's \(count ?? 0) configuration(s), or several"))
            found.append(
                Diagnostic(
                    .warning,
                    "whether the inventory report \(report) lists every version was not checked: it matches no "
                        + "single inventory configuration of \(source)"
                        + (laidOut.map { " (its key names \($0.id))" } ?? ""),
                    range: inventory.place.range,
                    hint: "a Replicate job needs an inventory configured with IncludedObjectVersions All; "
                        + "check the configuration that wrote the report",
                    pointer: inventory.place.pointer, subject: subject))
            return found
        }
        seen.append(
            .inventoryConfiguration(
                bucket: source, id: configuration.id,
                includedVersions: configuration.includedObjectVersions.rawValue, configurations: count))
        guard configuration.includedObjectVersions == .current else { return found }
        found.append(
            Diagnostic(
                .error,
                "the S3 Inventory configuration \(configuration.id) of \(source) lists only current versions "
                    + "(IncludedObjectVersions: Current): its report has no version IDs, so a Replicate job "
                    + "over it replicates no earlier version",
                range: inventory.place.range,
                hint: advice.includeAllVersions(source, id: configuration.id)
                    + "; the next report then lists every version",
                pointer: inventory.place.pointer, subject: subject))
        return found
    }

    /// Whether `configuration` delivers to the bucket the report is in: under the report's folder
    /// when its key is `laidOut` as S3 writes it, else under the configuration's prefix.
    static func delivers(
        _ configuration: InventoryConfiguration, to inventory: PreflightInput.Inventory, laidOut: Bool
    ) -> Bool {
        let bucket = S3ARN.bucket(configuration.destinationBucket) ?? configuration.destinationBucket
        guard bucket == inventory.bucket else { return false }
        guard laidOut else { return inventory.key.hasPrefix(configuration.destinationPrefix ?? "") }
        return inventory.key.hasPrefix(configuration.folder(sourceBucket: inventory.sourceBucket) + "/")
    }
}
