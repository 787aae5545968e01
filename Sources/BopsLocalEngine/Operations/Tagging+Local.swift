import BopsJobs

extension S3SetObjectTaggingOperation: LocalOperation {
    func validate() throws {
        try CreateJobValidation.validateTags(tagSet ?? [], what: "S3PutObjectTagging.TagSet")
        if (tagSet ?? []).count > 10 {
            throw OperationValidation.bad(
                "S3PutObjectTagging.TagSet: an object has at most 10 tags, got \(tagSet!.count)")
        }
    }

    func executor(_ c: TaskContext) -> (any TaskExecutor)? {
        TaggingExecutor(store: c.store, tags: tagSet ?? [])
    }
}
