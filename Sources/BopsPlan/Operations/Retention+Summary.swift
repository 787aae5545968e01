import BopsJobs

extension S3SetObjectRetentionOperation: OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String {
        let bypass = bypassGovernanceRetention == true ? ", bypassing GOVERNANCE retention" : ""
        guard let mode = retention.mode, let until = retention.retainUntilDate else {
            return "Remove the retention of \(objects.them)\(bypass)"
        }
        return "Retain \(objects.them) in \(mode.rawValue) mode until \(OperationSummary.day(until))\(bypass)"
    }
}
