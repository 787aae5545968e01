import BopsJobs

extension S3SetObjectLegalHoldOperation: OperationPermissions {
    func permissions(_ scope: OperationScope, _ list: inout PermissionList) {
        for (bucket, arn) in zip(scope.buckets, scope.objects) {
            list.add(["s3:GetBucketObjectLockConfiguration"], S3ARN.bucketARN(bucket), .source)
            list.add(["s3:PutObjectLegalHold"], arn, .source)
        }
    }
}
