import BopsJobs

extension S3UpdateObjectEncryptionOperation: OperationPermissions {
    func permissions(_ scope: OperationScope, _ list: inout PermissionList) {
        for arn in scope.objects { list.add(["s3:UpdateObjectEncryption"], arn, .source) }
        if let key = objectEncryption?.sseKMS?.kmsKeyArn {
            list.add(["kms:GenerateDataKey", "kms:Decrypt"], scope.keyARN(key), .kmsKey)
        }
    }
}
