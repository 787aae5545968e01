public import BopsDiagnostics
import BopsIAM
public import BopsJobs
public import BopsSpec

/// The default encryption of a Copy or Replicate job's source buckets (GetBucketEncryption, each
/// bucket read once per run): objects written without encryption headers are encrypted with the
/// bucket's default, so an SSE-KMS default with a customer managed key is a key the job reads with,
/// and ``Preflight/kmsKeys(_:spec:region:sources:)`` checks it with `kms:Decrypt` for the role, at
/// the source's key. An AWS managed key (no `KMSMasterKeyID`) is AWS's to allow. A default bops may
/// not read (403) is a warning that it was not checked.
extension Preflight {
    func sourceEncryptionKeys(
        _ request: CreateJobRequest, _ loaded: LoadedSpec, region: String, sources: [String],
        found: inout Diagnostics
    ) async -> [KeyUse] {
        switch request.operation {
        case .s3PutObjectCopy, .s3ReplicateObject: break
        default: return []
        }
        let generator = request.manifestGenerator?.s3JobManifestGenerator
        var buckets: [String] = []
        for bucket in generator.map({ [S3ARN.bucket($0.sourceBucket) ?? $0.sourceBucket] }) ?? sources
        where !buckets.contains(bucket) {
            buckets.append(bucket)
        }
        let pointers = PermissionCheck.pointers(.source, request.operation)
        let at = place(loaded, pointers)
        var uses: [KeyUse] = []
        for bucket in buckets {
            let objects = objects
            let before = found.count
            var seen: [CheckRecord.Observation] = []
            defer {
                note(.sourceEncryption, "s3://\(bucket)", seen, Diagnostics(Array(found.items[before...])))
            }
            guard
                let encryption = await setting(
                    .encryption(bucket), bucket: bucket, what: "the default encryption",
                    permission: "s3:GetEncryptionConfiguration", at: at, found: &found, seen: &seen,
                    { try await objects.bucketEncryption(bucket: bucket) })
            else {
                if seen.isEmpty { seen.append(.bucketEncryption(bucket: bucket, algorithm: nil, key: nil)) }
                continue
            }
            seen.append(
                .bucketEncryption(bucket: bucket, algorithm: encryption.algorithm, key: encryption.kmsKeyId))
            guard encryption.isKMS, let key = encryption.kmsKeyId else { continue }
            uses.append(
                KeyUse(
                    key: JobPermissions.keyARN(key, account: request.accountId, region: region),
                    actions: ["kms:Decrypt"], pointers: pointers,
                    what: "the default encryption key of source bucket \(bucket)"))
        }
        return uses
    }
}
