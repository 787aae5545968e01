import BopsJobs

extension S3SetObjectTaggingOperation: OperationPermissions {
    func permissions(_ scope: OperationScope, _ list: inout PermissionList) {
        for arn in scope.objects {
            list.add(
                ["s3:PutObjectTagging"] + (scope.versioned ? ["s3:PutObjectVersionTagging"] : []), arn,
                .source)
        }
    }
}
