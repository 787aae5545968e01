import BopsJobs

extension S3ComputeObjectChecksumOperation: OperationPermissions {
    func permissions(_ scope: OperationScope, _ list: inout PermissionList) {
        for arn in scope.objects {
            list.add(["s3:GetObject"] + (scope.versioned ? ["s3:GetObjectVersion"] : []), arn, .source)
        }
    }
}
