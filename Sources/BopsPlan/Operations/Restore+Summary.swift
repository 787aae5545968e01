import BopsJobs

extension S3InitiateRestoreObjectOperation: OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String {
        let from =
            objects.storageClasses.isEmpty
            ? "" : " from " + objects.storageClasses.map(\.rawValue).joined(separator: " or ")
        let days = expirationInDays.map { " for \($0) day\($0 == 1 ? "" : "s")" } ?? ""
        let tier = glacierJobTier.map { " (\($0.rawValue) tier)" } ?? ""
        return "Restore \(objects.them)\(from)\(days)\(tier)"
    }
}
