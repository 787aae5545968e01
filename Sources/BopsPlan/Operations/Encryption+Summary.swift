import BopsJobs

extension S3UpdateObjectEncryptionOperation: OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String {
        guard let kms = objectEncryption?.sseKMS else { return "Update the encryption of \(objects.them)" }
        let bucketKey = kms.bucketKeyEnabled == true ? " and an S3 Bucket Key" : ""
        return "Re-encrypt \(objects.them) with SSE-KMS key \(kms.kmsKeyArn)\(bucketKey)"
    }
}
