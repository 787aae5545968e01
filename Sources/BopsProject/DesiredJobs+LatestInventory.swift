import BopsDiagnostics
import BopsJobs
import BopsManifest
import BopsPlan
import BopsPrimitives
import BopsSpec
import BopsState
import FoundationEssentials

extension DesiredJobs {
    /// `manifest.inventory` with `latest: true`: the newest delivery under the configuration's
    /// folder (after `newerThan`), or for a spec whose job exists the delivery that job was made
    /// from (one job, one snapshot; a newer one is mentioned). The delivery is checked: its
    /// `manifest.checksum` is the MD5 of its manifest.json, and every data file it lists exists.
    /// No delivery yet: the spec waits.
    func latestInventory(
        _ latest: JobSpec.LatestInventory, spec: JobSpec, loaded: LoadedSpec, recorded: JobRecord?,
        diagnostics: inout Diagnostics
    ) async -> ResolvedManifest? {
        let folder = "s3://\(latest.bucket)/\(latest.prefix)/"
        let at = "/spec/manifest/inventory/prefix"
        let place = loaded.place(of: at)
        func fail(_ summary: String, hint: String) -> ResolvedManifest? {
            diagnostics.append(.error(summary, at: place, hint: hint, pointer: at))
            return nil
        }
        guard looksUpManifests else {
            return ResolvedManifest(
                pending:
                    "the latest inventory under \(folder) is looked up when the plan observes (not with --refresh=false)",
                description: "the latest S3 Inventory report under \(folder)")
        }
        let listed: [ObjectInfo]
        do {
            listed = try await objects.listObjects(bucket: latest.bucket, prefix: latest.prefix + "/")
        } catch let e as EngineError where e.code == EngineError.noSuchBucket {
            let bucketAt = "/spec/manifest/inventory/bucket"
            diagnostics.append(
                .error(
                    "inventory bucket \(latest.bucket) does not exist",
                    at: loaded.place(of: bucketAt) ?? place,
                    hint: "\(advice.createBucket(latest.bucket, features: [])), or fix the inventory bucket",
                    pointer: bucketAt))
            return nil
        } catch {
            return fail(
                "cannot list \(folder): \(error)",
                hint: "check that the role bops runs as may list the bucket")
        }
        let deliveries = listed.compactMap { info in
            InventoryDelivery.manifest(key: info.key, under: latest.prefix).map {
                (info: info, folder: $0.folder, date: $0.date)
            }
        }.sorted { $0.date < $1.date }
        let eligible = deliveries.filter { d in latest.newerThan.map { d.date > $0.date } ?? true }
        let pinnedKey =
            recorded?.jobId != nil && spec.rerun <= (recorded?.rerun ?? 0) ? recorded?.manifestObject : nil
        let chosen: (info: ObjectInfo, folder: String, date: Date)
        if let pinnedKey,
            let pinned = deliveries.first(where: { "\(latest.bucket)/\($0.info.key)" == pinnedKey })
        {
            chosen = pinned
            if let newest = eligible.last, newest.date > pinned.date {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "a newer inventory exists: \(newest.folder) (the job was made from \(pinned.folder))",
                        range: place, hint: "bump rerun to make a job from it", pointer: at))
            }
        } else if let newest = eligible.last {
            chosen = newest
        } else {
            let after = latest.newerThan.map { " newer than \($0.description)" } ?? ""
            return ResolvedManifest(
                pending: "waits for the first inventory report\(after) under \(folder)",
                description: "the latest S3 Inventory report under \(folder)")
        }
        let key = chosen.info.key
        let manifestURI = "s3://\(latest.bucket)/\(key)"
        let checksumKey = String(key.dropLast("manifest.json".count)) + "manifest.checksum"
        let json: [UInt8]
        let checksum: [UInt8]
        do {
            json = try await objects.getObject(bucket: latest.bucket, key: key, versionId: nil)
        } catch {
            return fail(
                "cannot read \(manifestURI): \(error)", hint: "check that bops may read the inventory bucket")
        }
        do {
            checksum = try await objects.getObject(bucket: latest.bucket, key: checksumKey, versionId: nil)
        } catch {
            return fail(
                "the inventory delivery \(chosen.folder) has no readable s3://\(latest.bucket)/\(checksumKey)",
                hint:
                    "S3 writes manifest.checksum with every delivery; wait for the delivery to finish, or choose another"
            )
        }
        let expected = String(decoding: checksum, as: UTF8.self).trimmingWhitespaceAndNewlines()
        let actual = InventoryDelivery.checksum(json)
        guard expected.lowercased() == actual else {
            return fail(
                "s3://\(latest.bucket)/\(checksumKey) says \(expected), but the MD5 of \(manifestURI) is \(actual)",
                hint:
                    "the delivery is incomplete or was changed; wait for S3 to finish it, or set newerThan past it"
            )
        }
        let inventory: InventoryManifest
        do { inventory = try InventoryManifest.parse(bytes: json, file: manifestURI) } catch {
            return fail(
                "\(manifestURI) is not a usable inventory manifest: \(error.items.first?.summary ?? "")",
                hint: "S3 Batch Operations takes CSV inventories only")
        }
        var rows = 0
        var countable = inventory.files.reduce(0) { $0 + $1.size } <= 64 << 20
        for file in inventory.files {
            let present: Bool
            do {
                present =
                    try await objects.headObject(
                        bucket: inventory.destinationBucketName, key: file.key, versionId: nil) != nil
            } catch {
                present = false
            }
            guard present else {
                return fail(
                    "the data file s3://\(inventory.destinationBucketName)/\(file.key) that \(manifestURI) lists does not exist",
                    hint: "the delivery is incomplete; wait for S3 to finish it, or set newerThan past it")
            }
            if countable {
                if let data = try? await objects.getObject(
                    bucket: inventory.destinationBucketName, key: file.key, versionId: nil)
                {
                    let problems = inventory.readRows(of: file, gzippedBytes: data) { _ in rows += 1 }
                    if problems.hasErrors { countable = false }
                } else {
                    countable = false
                }
            }
        }
        var resolved = ResolvedManifest(
            jobManifest: JobManifest(
                spec: JobManifestSpec(format: .inventory),
                location: JobManifestLocation(
                    objectArn: "arn:aws:s3:::\(latest.bucket)/\(key)", eTag: chosen.info.eTag)),
            digestInput: "etag:" + chosen.info.eTag,
            description:
                "S3 Inventory report \(manifestURI) (the \(pinnedKey == nil ? "latest" : "recorded") delivery, \(chosen.folder))"
        )
        resolved.objectCount = countable ? rows : nil
        resolved.sourceBuckets = [inventory.sourceBucket]
        resolved.recordedManifest = "\(latest.bucket)/\(key)"
        resolved.inventoryJSON = json
        return resolved
    }
}
