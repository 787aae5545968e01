import BopsJobs

extension S3SetObjectTaggingOperation: OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String {
        let tags = tagSet ?? []
        guard !tags.isEmpty else { return "Remove all tags of \(objects.them) (an empty tag set)" }
        let list = tags.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return "Tag \(objects.them): \(list) (replaces each object's tag set)"
    }
}
