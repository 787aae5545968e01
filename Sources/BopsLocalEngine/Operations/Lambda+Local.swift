import BopsJobs
import FoundationEssentials

extension LambdaInvokeOperation: LocalOperation {
    /// `LambdaInvoke`: a `FunctionArn` of the model's pattern (1 to 1,024 characters), schema
    /// `1.0` or `2.0`, and `UserArguments` (1 to 10 entries, keys 1 to 64 characters, values up to
    /// 1,024) only with `2.0`. Whether the function exists is found when its tasks run.
    func validate() throws {
        guard let arn = functionArn, !arn.isEmpty else {
            throw OperationValidation.bad("LambdaInvoke.FunctionArn is required")
        }
        guard arn.count <= 1024, Self.isFunctionARN(arn) else {
            throw OperationValidation.bad(
                "LambdaInvoke.FunctionArn must look like arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] "
                    + "(at most 1024 characters), got '\(arn)'")
        }
        let version = invocationSchemaVersion ?? "1.0"
        guard version == "1.0" || version == "2.0" else {
            throw OperationValidation.bad(
                "LambdaInvoke.InvocationSchemaVersion must be 1.0 or 2.0, got '\(version)'")
        }
        guard let arguments = userArguments else { return }
        guard version == "2.0" else {
            throw OperationValidation.bad("LambdaInvoke.UserArguments require InvocationSchemaVersion 2.0")
        }
        guard (1...10).contains(arguments.count) else {
            throw OperationValidation.bad(
                "LambdaInvoke.UserArguments: 1 to 10 entries, got \(arguments.count)")
        }
        for (key, value) in arguments.sorted(by: { $0.key < $1.key }) {
            guard (1...64).contains(key.count), value.count <= 1024 else {
                throw OperationValidation.bad(
                    "LambdaInvoke.UserArguments: keys are 1 to 64 characters and values at most 1024 ('\(key)')"
                )
            }
        }
    }

    func executor(_ c: TaskContext) -> (any TaskExecutor)? {
        LambdaExecutor(operation: self, jobId: c.jobId, functions: c.options.lambda, folder: c.folder)
    }
}
