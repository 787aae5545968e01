import BopsJobs

extension S3SetObjectRetentionOperation: LocalOperation {
    func validate() throws {
        if (retention.mode == nil) != (retention.retainUntilDate == nil) {
            throw OperationValidation.bad(
                "S3PutObjectRetention.Retention: Mode and RetainUntilDate must be given together "
                    + "(both absent removes the retention)")
        }
    }

    func executor(_ c: TaskContext) -> (any TaskExecutor)? {
        RetentionExecutor(store: c.store, op: self, now: c.now)
    }
}
