import BopsJobs

extension S3InitiateRestoreObjectOperation: OperationPermissions {
    func permissions(_ scope: OperationScope, _ list: inout PermissionList) {
        for arn in scope.objects { list.add(["s3:RestoreObject"], arn, .source) }
    }
}
