public import BopsJobs

/// One permission a job's role needs, with what in the job it serves.
public struct JobPermission: Sendable, Hashable {
    /// What part of the job a permission serves; a plan points its findings at the spec key of it.
    public enum Origin: String, Sendable, Hashable, CaseIterable {
        /// The objects the job reads or changes (listed by the manifest or the generator).
        case source
        /// Where a copy writes.
        case destination
        /// The manifest object (and an inventory's data files).
        case manifest
        /// Where a generated manifest is written.
        case manifestOutput
        /// The completion report prefix.
        case report
        /// A KMS key the job encrypts with.
        case kmsKey
        /// The Lambda function a LambdaInvoke job calls.
        case function
        /// What the caller that creates the job needs (not the role).
        case caller
    }

    public var permission: NeededPermission
    public var origin: Origin

    public init(_ action: String, _ resource: String, _ origin: Origin) {
        permission = NeededPermission(action: action, resource: resource)
        self.origin = origin
    }
}

/// What each job needs of its role, derived from its CreateJob request, after AWS's documented
/// Batch Operations role policies ("Granting permissions for Batch Operations", "Configuring an IAM
/// role for S3 Batch Replication"):
///
/// - every job: `s3:GetObject` on the manifest object (`s3:GetObjectVersion` when a version is
///   pinned; for an S3 Inventory report the report's data files too) and `s3:PutObject` under the
///   report prefix when a report is written;
/// - a generated manifest: `s3:PutInventoryConfiguration` on the source bucket (and
///   `s3:GetReplicationConfiguration` for Replicate), `s3:PutObject` where the manifest is written;
/// - per operation, on the objects (`arn:aws:s3:::bucket/*`) of each source bucket: Copy reads
///   (`s3:GetObject`, `s3:GetObjectAcl`, `s3:GetObjectTagging`, `s3:ListBucket` on the bucket) and
///   writes the destination (`s3:PutObject`, `s3:PutObjectAcl`, `s3:PutObjectTagging`, and the
///   Object Lock actions it sets); Replicate `s3:InitiateReplication`; tagging, ACL, restore, legal
///   hold and retention their own `Put`/`Delete` actions (with the `...Version...` form when the
///   manifest names versions) and `s3:GetBucketObjectLockConfiguration`, `s3:BypassGovernanceRetention`
///   when asked; Compute checksum `s3:GetObject`; Update encryption `s3:UpdateObjectEncryption`;
///   LambdaInvoke `lambda:InvokeFunction`;
/// - SSE-KMS asked of the job: `kms:GenerateDataKey` and `kms:Decrypt` on the key.
///
/// The list has no duplicates and keeps a stable order (source, destination, KMS, manifest, report).
/// The encryption of the source objects is not known before the job runs: their KMS keys are not
/// listed.
public enum JobPermissions {
    /// `sourceBuckets`: the buckets a CSV manifest lists (the generator's bucket is taken from the
    /// request); `region`: the job's region, for KMS key ids given without an ARN.
    public static func needed(
        for request: CreateJobRequest, sourceBuckets: [String] = [], region: String = "us-east-1"
    ) -> [JobPermission] {
        var list = PermissionList()
        let generator = request.manifestGenerator?.s3JobManifestGenerator
        var buckets = sourceBuckets
        if let g = generator, let name = S3ARN.bucket(g.sourceBucket) ?? Optional(g.sourceBucket),
            !buckets.contains(name)
        {
            buckets.insert(name, at: 0)
        }
        let scope = OperationScope(
            buckets: buckets, versioned: request.manifest?.spec.fields?.contains(.versionId) ?? false,
            account: request.accountId, region: region)
        switch request.operation {
        case .s3PutObjectCopy(let op): op.permissions(scope, &list)
        case .s3ReplicateObject:
            for arn in scope.objects { list.add(["s3:InitiateReplication"], arn, .source) }
        case .s3PutObjectTagging(let op): op.permissions(scope, &list)
        case .s3DeleteObjectTagging:
            for arn in scope.objects {
                list.add(
                    ["s3:DeleteObjectTagging"] + (scope.versioned ? ["s3:DeleteObjectVersionTagging"] : []),
                    arn,
                    .source)
            }
        case .s3PutObjectAcl(let op): op.permissions(scope, &list)
        case .s3InitiateRestoreObject(let op): op.permissions(scope, &list)
        case .s3PutObjectLegalHold(let op): op.permissions(scope, &list)
        case .s3PutObjectRetention(let op): op.permissions(scope, &list)
        case .s3ComputeObjectChecksum(let op): op.permissions(scope, &list)
        case .s3UpdateObjectEncryption(let op): op.permissions(scope, &list)
        case .lambdaInvoke(let op): op.permissions(scope, &list)
        case .unsupported: break
        }

        if let manifest = request.manifest {
            let location = manifest.location
            list.add(
                ["s3:GetObject"] + (location.objectVersionId != nil ? ["s3:GetObjectVersion"] : []),
                location.objectArn, .manifest)
            if manifest.spec.format == .inventory, let (bucket, key) = S3ARN.object(location.objectArn) {
                list.add(
                    ["s3:GetObject"], S3ARN.objectARN(bucket: bucket, key: inventoryFolder(key) + "*"),
                    .manifest)
            }
        }
        if let g = generator {
            let bucket = S3ARN.bucket(g.sourceBucket) ?? g.sourceBucket
            var listing = ["s3:PutInventoryConfiguration"]
            if case .s3ReplicateObject = request.operation {
                listing.insert("s3:GetReplicationConfiguration", at: 0)
            }
            list.add(listing, S3ARN.bucketARN(bucket), .source)
            if g.enableManifestOutput, let output = g.manifestOutputLocation {
                let name = S3ARN.bucket(output.bucket) ?? output.bucket
                list.add(
                    ["s3:PutObject"], S3ARN.objectARN(bucket: name, key: prefixed(output.manifestPrefix)),
                    .manifestOutput)
                if let key = output.manifestEncryption?.ssekms?.keyId {
                    list.add(["kms:GenerateDataKey", "kms:Decrypt"], scope.keyARN(key), .kmsKey)
                }
            }
        }
        if request.report.enabled, let arn = request.report.bucket {
            let name = S3ARN.bucket(arn) ?? arn
            list.add(
                ["s3:PutObject"], S3ARN.objectARN(bucket: name, key: prefixed(request.report.prefix)), .report
            )
        }
        return list.items
    }

    /// What the caller that creates the job needs: `s3:CreateJob`, `iam:PassRole` on the job's
    /// role, and `s3:PutJobTagging` when the job has tags.
    public static func callerNeeds(for request: CreateJobRequest) -> [NeededPermission] {
        var out = [
            NeededPermission(action: "s3:CreateJob", resource: "*"),
            NeededPermission(action: "iam:PassRole", resource: request.roleArn),
        ]
        if !(request.tags ?? []).isEmpty {
            out.append(NeededPermission(action: "s3:PutJobTagging", resource: "*"))
        }
        return out
    }

    /// `prefix/*`, or `*` without a prefix.
    static func prefixed(_ prefix: String?) -> String {
        guard let prefix, !prefix.isEmpty else { return "*" }
        return (prefix.hasSuffix("/") ? prefix : prefix + "/") + "*"
    }

    /// An S3 Inventory report's folder: `manifest.json` sits in `<prefix>/<bucket>/<config>/<date>/`
    /// and its data files in `<prefix>/<bucket>/<config>/data/`, so two folders up.
    static func inventoryFolder(_ key: String) -> String {
        var parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return "" }
        parts.removeLast(2)
        return parts.joined(separator: "/") + "/"
    }

    /// A KMS key as an ARN: an ARN stays; a key id or `alias/...` becomes the ARN of the account
    /// and region.
    public static func keyARN(_ key: String, account: String, region: String) -> String {
        if key.hasPrefix("arn:") { return key }
        if key.hasPrefix("alias/") { return "arn:aws:kms:\(region):\(account):\(key)" }
        return "arn:aws:kms:\(region):\(account):key/\(key)"
    }
}

/// A job's permissions as they are gathered: each action on each resource once, in the order added.
struct PermissionList {
    private(set) var items: [JobPermission] = []

    mutating func add(_ actions: [String], _ resource: String, _ origin: JobPermission.Origin) {
        for action in actions
        where !items.contains(where: { $0.permission.action == action && $0.permission.resource == resource })
        {
            items.append(JobPermission(action, resource, origin))
        }
    }
}

/// What a job's operation acts on: the source buckets, their objects, whether the manifest names
/// versions, and the account and region of its KMS keys.
struct OperationScope {
    var buckets: [String]
    var versioned: Bool
    var account: String
    var region: String

    /// `arn:aws:s3:::bucket/*` of each source bucket.
    var objects: [String] { buckets.map { S3ARN.objectARN(bucket: $0, key: "*") } }

    /// A KMS key as an ARN in the job's account and region.
    func keyARN(_ key: String) -> String { JobPermissions.keyARN(key, account: account, region: region) }
}

/// What an operation with options needs of the job's role (`Operations/*+Permissions.swift`).
protocol OperationPermissions {
    func permissions(_ scope: OperationScope, _ list: inout PermissionList)
}
