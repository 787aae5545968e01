import BopsDiagnostics
import BopsYAML

/// Builds a `JobSpec` from a document root that passed the schema, filling schema defaults.
enum SpecDecoder {
    static func decode(_ root: Node, file: String) -> (spec: JobSpec?, diagnostics: [Diagnostic]) {
        var d = NodeDecoder(file: file)
        let metadata = d.object(root, "metadata", "")
        let spec = d.object(root, "spec", "")
        let name = d.required(metadata, "name", "/metadata")
        let labels = d.stringMap(metadata, "labels", "/metadata")
        let roleArn = d.required(spec, "roleArn", "/spec")
        let manifest = decodeManifest(d.object(spec, "manifest", "/spec"), &d)
        let operation = decodeOperation(d.object(spec, "operation", "/spec"), &d)
        let report = decodeReport(d.object(spec, "report", "/spec"), &d)
        let result = JobSpec(
            name: name ?? "", labels: labels, account: d.string(spec, "account", "/spec"),
            region: d.string(spec, "region", "/spec"), description: d.string(spec, "description", "/spec"),
            priority: d.int(spec, "priority", "/spec") ?? 10, roleArn: roleArn ?? "",
            confirmationRequired: d.bool(spec, "confirmationRequired", "/spec") ?? true,
            confirm: d.bool(spec, "confirm", "/spec") ?? false, rerun: d.int(spec, "rerun", "/spec") ?? 0,
            manifest: manifest ?? .csv(JobSpec.CSVManifest(source: .file(""))),
            operation: operation ?? .replicate,
            report: report ?? .disabled, tags: d.stringMap(spec, "tags", "/spec"))
        let complete = name != nil && roleArn != nil && manifest != nil && operation != nil && report != nil
        if !complete && d.diagnostics.isEmpty { d.mismatch(spec, "/spec", expected: "a complete job spec") }
        return (d.diagnostics.isEmpty ? result : nil, d.diagnostics)
    }

    private static func decodeManifest(_ node: Node?, _ d: inout NodeDecoder) -> JobSpec.Manifest? {
        guard let node else {
            d.mismatch(nil, "/spec/manifest", expected: "an object")
            return nil
        }
        let base = "/spec/manifest"
        if let csv = d.object(node, "csv", base) {
            let here = base + "/csv"
            let fields = d.enumerations(JobSpec.ManifestField.self, csv, "fields", here)
            let source: JobSpec.CSVManifest.Source
            if let file = d.string(csv, "file", here) {
                source = .file(file)
            } else if let uri = d.required(csv, "location", here) {
                let etag = d.string(csv, "etag", here)
                let versionId = d.string(csv, "versionId", here)
                guard let location = JobSpec.S3ObjectLocation(uri: uri, etag: etag, versionId: versionId)
                else {
                    d.mismatch(csv["location"], here + "/location", expected: "an s3://bucket/key URI")
                    return nil
                }
                source = .location(location)
            } else {
                return nil
            }
            return .csv(
                JobSpec.CSVManifest(source: source, fields: csv["fields"] == nil ? [.bucket, .key] : fields))
        }
        if let inventory = d.object(node, "inventory", base) {
            let here = base + "/inventory"
            guard let uri = d.required(inventory, "location", here) else { return nil }
            guard
                let location = JobSpec.S3ObjectLocation(
                    uri: uri, etag: d.string(inventory, "etag", here),
                    versionId: d.string(inventory, "versionId", here))
            else {
                d.mismatch(inventory["location"], here + "/location", expected: "an s3://bucket/key URI")
                return nil
            }
            return .inventory(JobSpec.InventoryManifest(location: location))
        }
        if let generator = d.object(node, "replicationConfiguration", base) {
            let here = base + "/replicationConfiguration"
            guard let source = d.required(generator, "sourceBucket", here) else { return nil }
            var result = JobSpec.ManifestGenerator(
                sourceBucket: source, expectedBucketOwner: d.string(generator, "expectedBucketOwner", here))
            if let filter = d.object(generator, "filter", here) {
                result.filter = decodeFilter(filter, here + "/filter", &d)
            }
            if let output = d.object(generator, "manifestOutput", here) {
                let at = here + "/manifestOutput"
                var encryption: JobSpec.ManifestOutput.Encryption?
                if let enc = d.object(output, "encryption", at) {
                    if let key = d.string(enc, "kmsKeyId", at + "/encryption") {
                        encryption = .sseKMS(keyId: key)
                    } else if enc["sseS3"] != nil {
                        encryption = .sseS3
                    }
                }
                result.manifestOutput = JobSpec.ManifestOutput(
                    bucket: d.required(output, "bucket", at) ?? "", prefix: d.string(output, "prefix", at),
                    expectedBucketOwner: d.string(output, "expectedBucketOwner", at), encryption: encryption,
                    format: d.string(output, "format", at) ?? "S3InventoryReport_CSV_20211130")
            }
            return .replicationConfiguration(result)
        }
        d.mismatch(node, base, expected: "one of csv, inventory, replicationConfiguration")
        return nil
    }

    private static func decodeFilter(
        _ f: Node, _ at: String, _ d: inout NodeDecoder
    ) -> JobSpec.ManifestFilter {
        let keys = d.object(f, "keyNameConstraint", at)
        let keysAt = at + "/keyNameConstraint"
        return JobSpec.ManifestFilter(
            eligibleForReplication: d.bool(f, "eligibleForReplication", at),
            createdAfter: d.timestamp(f, "createdAfter", at),
            createdBefore: d.timestamp(f, "createdBefore", at),
            objectReplicationStatuses: d.enumerations(
                JobSpec.ReplicationStatus.self, f, "objectReplicationStatuses", at),
            matchAnyPrefix: d.strings(keys, "matchAnyPrefix", keysAt),
            matchAnySuffix: d.strings(keys, "matchAnySuffix", keysAt),
            matchAnySubstring: d.strings(keys, "matchAnySubstring", keysAt),
            objectSizeGreaterThanBytes: d.int(f, "objectSizeGreaterThanBytes", at),
            objectSizeLessThanBytes: d.int(f, "objectSizeLessThanBytes", at),
            matchAnyStorageClass: d.enumerations(JobSpec.StorageClass.self, f, "matchAnyStorageClass", at))
    }

    private static func decodeOperation(_ node: Node?, _ d: inout NodeDecoder) -> JobSpec.Operation? {
        let base = "/spec/operation"
        guard let node else {
            d.mismatch(nil, base, expected: "an object")
            return nil
        }
        if d.object(node, "replicate", base) != nil { return .replicate }
        guard let copy = d.object(node, "copy", base) else {
            d.mismatch(node, base, expected: "one of copy, replicate")
            return nil
        }
        let at = base + "/copy"
        guard let destination = d.required(copy, "destination", at) else { return nil }
        var op = JobSpec.CopyOperation(destination: destination)
        op.keyPrefix = d.string(copy, "keyPrefix", at)
        op.storageClass = d.enumeration(JobSpec.StorageClass.self, copy, "storageClass", at)
        if let enc = d.object(copy, "encryption", at),
            let kind = d.enumeration(
                JobSpec.Encryption.Kind.self, enc, "type", at + "/encryption")
        {
            op.encryption = JobSpec.Encryption(
                type: kind, kmsKeyArn: d.string(enc, "kmsKeyArn", at + "/encryption"),
                bucketKeyEnabled: d.bool(enc, "bucketKeyEnabled", at + "/encryption"))
        }
        if let tags = d.object(copy, "tags", at) {
            op.tags = JobSpec.ObjectTagging(
                mode: d.enumeration(JobSpec.ObjectTagging.Mode.self, tags, "mode", at + "/tags") ?? .copy,
                set: d.stringMap(tags, "set", at + "/tags"))
        }
        if let m = d.object(copy, "metadata", at) {
            let mAt = at + "/metadata"
            op.metadata = JobSpec.ObjectMetadata(
                mode: d.enumeration(JobSpec.ObjectMetadata.Mode.self, m, "mode", mAt) ?? .copy,
                cacheControl: d.string(m, "cacheControl", mAt),
                contentDisposition: d.string(m, "contentDisposition", mAt),
                contentEncoding: d.string(m, "contentEncoding", mAt),
                contentLanguage: d.string(m, "contentLanguage", mAt),
                contentType: d.string(m, "contentType", mAt), expires: d.timestamp(m, "expires", mAt),
                user: d.stringMap(m, "user", mAt))
        }
        if let acl = d.object(copy, "acl", at) {
            op.acl = decodeACL(acl, at + "/acl", &d)
        }
        if let lock = d.object(copy, "objectLock", at) {
            let lAt = at + "/objectLock"
            var value = JobSpec.ObjectLock(
                legalHold: d.enumeration(JobSpec.ObjectLock.LegalHold.self, lock, "legalHold", lAt))
            if let r = d.object(lock, "retention", lAt),
                let mode = d.enumeration(JobSpec.ObjectLock.Mode.self, r, "mode", lAt + "/retention"),
                let until = d.timestamp(r, "retainUntil", lAt + "/retention")
            {
                value.retention = JobSpec.ObjectLock.Retention(mode: mode, retainUntil: until)
            }
            op.objectLock = value
        }
        op.checksumAlgorithm = d.enumeration(JobSpec.ChecksumAlgorithm.self, copy, "checksumAlgorithm", at)
        op.modifiedSince = d.timestamp(copy, "modifiedSince", at)
        op.unmodifiedSince = d.timestamp(copy, "unmodifiedSince", at)
        op.redirectLocation = d.string(copy, "redirectLocation", at)
        op.requesterPays = d.bool(copy, "requesterPays", at) ?? false
        return .copy(op)
    }

    private static func decodeACL(_ acl: Node, _ at: String, _ d: inout NodeDecoder) -> JobSpec.AccessControl?
    {
        if let canned = d.enumeration(JobSpec.CannedACL.self, acl, "canned", at) { return .canned(canned) }
        guard let items = acl["grants"]?.sequence else { return nil }
        var grants: [JobSpec.Grant] = []
        for (i, item) in items.enumerated() {
            let gAt = NodeDecoder.pointer(at + "/grants", String(i))
            guard let grantee = d.object(item, "grantee", gAt),
                let kind = d.enumeration(JobSpec.Grantee.Kind.self, grantee, "type", gAt + "/grantee"),
                let permission = d.enumeration(JobSpec.Permission.self, item, "permission", gAt)
            else { continue }
            let identifier = ["id", "email", "uri"].lazy.compactMap { grantee[$0]?.string }.first ?? ""
            grants.append(
                JobSpec.Grant(
                    grantee: JobSpec.Grantee(
                        type: kind, identifier: identifier,
                        displayName: d.string(grantee, "displayName", gAt + "/grantee")),
                    permission: permission))
        }
        return .grants(grants)
    }

    private static func decodeReport(_ node: Node?, _ d: inout NodeDecoder) -> JobSpec.Report? {
        guard let node else {
            d.mismatch(nil, "/spec/report", expected: "an object")
            return nil
        }
        let at = "/spec/report"
        return JobSpec.Report(
            scope: d.enumeration(JobSpec.Report.Scope.self, node, "scope", at) ?? .all,
            bucket: d.string(node, "bucket", at),
            prefix: d.string(node, "prefix", at),
            expectedBucketOwner: d.string(node, "expectedBucketOwner", at))
    }
}
