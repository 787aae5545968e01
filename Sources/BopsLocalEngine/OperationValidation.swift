import BopsJobs
import Foundation

/// The checks AWS makes on a CreateJob's operation before accepting the job; each failure is a
/// `BadRequestException` (HTTP 400) naming the member and the rule. Rules that depend on an
/// object (its storage class, its bucket's Object Lock, its encryption) are checked when its task
/// runs and fail that task.
enum OperationValidation {
    static func validate(_ operation: JobOperation) throws {
        switch operation {
        case .s3PutObjectCopy(let copy): try CreateJobValidation.validateCopy(copy)
        case .s3ReplicateObject, .s3DeleteObjectTagging, .s3PutObjectLegalHold: break
        case .s3PutObjectTagging(let op):
            try CreateJobValidation.validateTags(op.tagSet ?? [], what: "S3PutObjectTagging.TagSet")
            if (op.tagSet ?? []).count > 10 {
                throw bad("S3PutObjectTagging.TagSet: an object has at most 10 tags, got \(op.tagSet!.count)")
            }
        case .s3PutObjectAcl(let op): try validateAcl(op)
        case .s3InitiateRestoreObject(let op):
            if let days = op.expirationInDays, days < 1 {
                throw bad(
                    "S3InitiateRestoreObject.ExpirationInDays must be at least 1 (omit it for "
                        + "Intelligent-Tiering archive tiers), got \(days)")
            }
        case .s3PutObjectRetention(let op):
            if (op.retention.mode == nil) != (op.retention.retainUntilDate == nil) {
                throw bad(
                    "S3PutObjectRetention.Retention: Mode and RetainUntilDate must be given together "
                        + "(both absent removes the retention)")
            }
        case .s3ComputeObjectChecksum(let op):
            guard let algorithm = op.checksumAlgorithm else {
                throw bad("S3ComputeObjectChecksum.ChecksumAlgorithm is required")
            }
            guard let type = op.checksumType else {
                throw bad("S3ComputeObjectChecksum.ChecksumType is required (FULL_OBJECT or COMPOSITE)")
            }
            if algorithm == .crc64nvme && type == .composite {
                throw bad("S3ComputeObjectChecksum: CRC64NVME supports only the FULL_OBJECT checksum type")
            }
        case .s3UpdateObjectEncryption(let op):
            guard let kms = op.objectEncryption?.sseKMS else {
                throw bad("S3UpdateObjectEncryption.ObjectEncryption.SSE-KMS is required")
            }
            guard isKMSKeyArn(kms.kmsKeyArn) else {
                throw bad(
                    "S3UpdateObjectEncryption: KMSKeyArn must look like "
                        + "arn:aws:kms:REGION:ACCOUNT:key/KEY-ID, got '\(kms.kmsKeyArn)'")
            }
        case .lambdaInvoke(let op): try validateLambda(op)
        case .unsupported(let name):
            throw bad("The local engine does not know the operation \(name)")
        }
    }

    static func bad(_ message: String) -> EngineError { .badRequest(message) }

    static func validateAcl(_ op: S3SetObjectAclOperation) throws {
        guard let policy = op.accessControlPolicy else {
            throw bad("S3PutObjectAcl.AccessControlPolicy is required")
        }
        switch (policy.accessControlList, policy.cannedAccessControlList) {
        case (nil, nil):
            throw bad("S3PutObjectAcl.AccessControlPolicy needs AccessControlList or CannedAccessControlList")
        case (.some, .some):
            throw bad(
                "S3PutObjectAcl.AccessControlPolicy: specify either AccessControlList or "
                    + "CannedAccessControlList, not both")
        case (let list?, nil):
            guard let id = list.owner.id, !id.isEmpty else {
                throw bad("S3PutObjectAcl.AccessControlList.Owner.ID is required: grants need an owner")
            }
            for (i, grant) in (list.grants ?? []).enumerated() {
                guard let grantee = grant.grantee, grantee.typeIdentifier != nil,
                    let identifier = grantee.identifier, !identifier.isEmpty
                else {
                    throw bad(
                        "S3PutObjectAcl.AccessControlList.Grants[\(i)] needs a Grantee with TypeIdentifier "
                            + "and Identifier")
                }
                guard grant.permission != nil else {
                    throw bad("S3PutObjectAcl.AccessControlList.Grants[\(i)].Permission is required")
                }
            }
        case (nil, .some):
            break
        }
    }

    /// `arn:aws[-partition]:kms:REGION:ACCOUNT:key/ID`, the model's pattern.
    static func isKMSKeyArn(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard (20...2048).contains(arn.count), parts.count == 6, parts[0] == "arn",
            parts[1].hasPrefix("aws"), parts[2] == "kms", !parts[3].isEmpty,
            CreateJobValidation.isAccountId(String(parts[4])), parts[5].hasPrefix("key/")
        else { return false }
        let id = parts[5].dropFirst(4)
        return !id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
