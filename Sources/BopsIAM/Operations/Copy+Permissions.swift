import BopsJobs

extension S3CopyObjectOperation: OperationPermissions {
    func permissions(_ scope: OperationScope, _ list: inout PermissionList) {
        for (bucket, arn) in zip(scope.buckets, scope.objects) {
            list.add(
                ["s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectTagging"]
                    + (scope.versioned ? ["s3:GetObjectVersion"] : []),
                arn, .source)
            list.add(["s3:ListBucket"], S3ARN.bucketARN(bucket), .source)
        }
        if let target = targetResource {
            var writes = ["s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectTagging"]
            if objectLockLegalHoldStatus != nil { writes.append("s3:PutObjectLegalHold") }
            if objectLockMode != nil || objectLockRetainUntilDate != nil {
                writes.append("s3:PutObjectRetention")
            }
            if target.hasPrefix("arn:aws:s3express:") || target.contains(":s3express:") {
                list.add(["s3express:CreateSession"], target, .destination)
            } else if let bucket = S3ARN.bucket(target) {
                list.add(
                    writes, S3ARN.objectARN(bucket: bucket, key: JobPermissions.prefixed(targetKeyPrefix)),
                    .destination)
            }
        }
        if let key = sseAwsKmsKeyId {
            list.add(["kms:GenerateDataKey", "kms:Decrypt"], scope.keyARN(key), .kmsKey)
        }
    }
}
