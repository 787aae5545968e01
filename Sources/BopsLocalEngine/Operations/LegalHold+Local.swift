import BopsJobs

extension S3SetObjectLegalHoldOperation: LocalOperation {
    /// The status is all there is; the bucket's Object Lock is checked per task.
    func validate() throws {}

    func executor(_ c: TaskContext) -> (any TaskExecutor)? {
        LegalHoldExecutor(store: c.store, status: legalHold.status)
    }
}
