import BopsJobs

extension S3ComputeObjectChecksumOperation: OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String {
        let algorithm = checksumAlgorithm?.rawValue ?? "default"
        let type = checksumType.map { " (\($0.rawValue))" } ?? ""
        return "Compute \(algorithm)\(type) checksums of \(objects.them)"
    }
}
