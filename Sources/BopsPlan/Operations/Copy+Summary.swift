import BopsJobs

extension S3CopyObjectOperation: OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String {
        let count = objects.tasks.map { " " + OperationSummary.objects($0) } ?? ""
        return "Copy\(count) to \(targetResource ?? "?")" + (storageClass.map { " as \($0.rawValue)" } ?? "")
    }
}
