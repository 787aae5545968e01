import BopsJobs

extension S3UpdateObjectEncryptionOperation: LocalOperation {
    func validate() throws {
        guard let kms = objectEncryption?.sseKMS else {
            throw OperationValidation.bad("S3UpdateObjectEncryption.ObjectEncryption.SSE-KMS is required")
        }
        guard Self.isKMSKeyArn(kms.kmsKeyArn) else {
            throw OperationValidation.bad(
                "S3UpdateObjectEncryption: KMSKeyArn must look like "
                    + "arn:aws:kms:REGION:ACCOUNT:key/KEY-ID, got '\(kms.kmsKeyArn)'")
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

    func executor(_ c: TaskContext) -> (any TaskExecutor)? {
        guard let kms = objectEncryption?.sseKMS else { return nil }
        return EncryptionExecutor(store: c.store, kms: kms)
    }
}
