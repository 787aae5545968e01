import BopsJobs

extension S3SetObjectLegalHoldOperation: OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String {
        "Legal hold \(legalHold.status.rawValue) for \(objects.them)"
    }
}
