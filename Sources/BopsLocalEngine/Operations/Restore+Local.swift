import BopsJobs

extension S3InitiateRestoreObjectOperation: LocalOperation {
    func validate() throws {
        if let days = expirationInDays, days < 1 {
            throw OperationValidation.bad(
                "S3InitiateRestoreObject.ExpirationInDays must be at least 1 (omit it for "
                    + "Intelligent-Tiering archive tiers), got \(days)")
        }
    }

    func executor(_ c: TaskContext) -> (any TaskExecutor)? {
        RestoreExecutor(store: c.store, op: self, now: c.now, delay: c.options.restoreDelay)
    }
}
