import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsPrimitives
import BopsSpec
import FoundationEssentials

extension DesiredJobs {
    /// A manifest object in S3 (a CSV manifest or an inventory report's `manifest.json`): its
    /// ETag, pinned in the spec (and then checked) or read from the object. Without refresh an
    /// unpinned ETag is known after apply.
    func s3Manifest(
        _ location: JobSpec.S3ObjectLocation, spec manifestSpec: JobManifestSpec, kind: String,
        pointer: String,
        loaded: LoadedSpec, preflight: Preflight, diagnostics: inout Diagnostics
    ) async -> ResolvedManifest? {
        let description = "\(kind) \(location.uri)"
        guard looksUpManifests || location.etag != nil else {
            var resolved = ResolvedManifest(
                jobManifest: JobManifest(
                    spec: manifestSpec,
                    location: JobManifestLocation(
                        objectArn: location.objectArn(), objectVersionId: location.versionId, eTag: "")),
                digestInput: nil, description: description)
            resolved.eTagLookup = ManifestETagLookup(
                bucket: location.bucket, key: location.key, versionId: location.versionId)
            return resolved
        }
        let at = PreflightInput.Place(
            range: loaded.place(of: pointer + "/location") ?? loaded.place(of: pointer),
            pointer: pointer + "/location")
        let eTagAt = PreflightInput.Place(
            range: loaded.place(of: pointer + "/etag") ?? at.range, pointer: pointer + "/etag")
        let (found, problems) = await preflight.manifest(
            .init(
                bucket: location.bucket, key: location.key, versionId: location.versionId,
                eTag: location.etag,
                place: at, eTagPlace: eTagAt, csv: manifestSpec.format == .csv))
        diagnostics.append(contentsOf: problems)
        guard let eTag = found else { return nil }
        // A report in a format Batch Operations cannot read (ORC, Parquet) is refused here; any
        // other problem of the file is the job's to report, as before.
        var inventoryJSON: [UInt8]?
        if manifestSpec.format == .inventory {
            inventoryJSON = try? await objects.getObject(
                bucket: location.bucket, key: location.key, versionId: location.versionId)
        }
        if let json = inventoryJSON,
            let object = try? JSONAny.parse(json) as? [String: Any],
            let format = object["fileFormat"] as? String, format.uppercased() != "CSV"
        {
            diagnostics.append(
                .error(
                    "\(location.uri) is not a usable inventory manifest: its fileFormat is \(format)",
                    at: at.range, hint: "S3 Batch Operations takes CSV inventories only", pointer: at.pointer)
            )
            return nil
        }
        var resolved = ResolvedManifest(
            jobManifest: JobManifest(
                spec: manifestSpec,
                location: JobManifestLocation(
                    objectArn: location.objectArn(), objectVersionId: location.versionId, eTag: eTag)),
            digestInput: "etag:" + eTag, description: description)
        resolved.inventoryJSON = inventoryJSON
        return resolved
    }
}
