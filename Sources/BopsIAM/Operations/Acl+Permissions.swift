import BopsJobs

extension S3SetObjectAclOperation: OperationPermissions {
    func permissions(_ scope: OperationScope, _ list: inout PermissionList) {
        for arn in scope.objects {
            list.add(["s3:PutObjectAcl"] + (scope.versioned ? ["s3:PutObjectVersionAcl"] : []), arn, .source)
        }
    }
}
