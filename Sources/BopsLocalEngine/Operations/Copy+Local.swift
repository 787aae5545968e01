import BopsJobs

extension S3CopyObjectOperation: LocalOperation {
    func validate() throws {
        guard let target = targetResource else {
            throw EngineError.badRequest(
                "S3PutObjectCopy.TargetResource (the destination bucket ARN) is required")
        }
        guard LocalARN.bucket(target) != nil else {
            throw EngineError.badRequest(
                "S3PutObjectCopy.TargetResource must be a bucket ARN (arn:aws:s3:::NAME) or a directory "
                    + "bucket ARN (arn:aws:s3express:REGION:ACCOUNT:bucket/NAME--AZ--x-s3), got '\(target)'")
        }
        if (objectLockMode == nil) != (objectLockRetainUntilDate == nil) {
            throw EngineError.badRequest(
                "ObjectLockMode and ObjectLockRetainUntilDate must be given together")
        }
        if cannedAccessControlList != nil && !(accessControlGrants ?? []).isEmpty {
            throw EngineError.badRequest(
                "Specify either CannedAccessControlList or AccessControlGrants, not both")
        }
        if let p = targetKeyPrefix, !(1...1024).contains(p.count) {
            throw EngineError.badRequest("TargetKeyPrefix must be 1 to 1024 characters")
        }
        try CreateJobValidation.validateTags(newObjectTagging ?? [], what: "NewObjectTagging")
        if newObjectMetadata?.sseAlgorithm == .aes256 && sseAwsKmsKeyId != nil {
            throw EngineError.badRequest("SSEAwsKmsKeyId needs SSEAlgorithm KMS, not AES256")
        }
    }

    func executor(_ c: TaskContext) -> (any TaskExecutor)? {
        guard let target = targetResource.flatMap(LocalARN.bucket) else { return nil }
        return CopyExecutor(store: c.store, op: self, target: target, now: c.now)
    }
}
