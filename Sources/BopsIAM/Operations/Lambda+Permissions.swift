import BopsJobs

extension LambdaInvokeOperation: OperationPermissions {
    func permissions(_ scope: OperationScope, _ list: inout PermissionList) {
        if let function = functionArn { list.add(["lambda:InvokeFunction"], function, .function) }
    }
}
