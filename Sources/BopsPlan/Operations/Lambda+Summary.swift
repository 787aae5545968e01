import BopsJobs

extension LambdaInvokeOperation: OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String {
        let arguments = (userArguments ?? [:]).sorted { $0.key < $1.key }
        let list =
            arguments.isEmpty
            ? "" : ", user arguments: " + arguments.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return
            "Invoke \(functionArn ?? "?") on \(objects.them), schema \(invocationSchemaVersion ?? "1.0")\(list)"
    }
}
