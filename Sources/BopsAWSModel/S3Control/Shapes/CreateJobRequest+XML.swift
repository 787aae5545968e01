import BopsJobs

/// The `CreateJobRequest` body. `AccountId` travels in the `x-amz-account-id` header, not here;
/// reading leaves it empty for the caller to set.
extension CreateJobRequest: XMLStructure {
    static var blank: Self {
        Self(
            accountId: "", confirmationRequired: nil, operation: .s3ReplicateObject, report: .disabled,
            clientRequestToken: "", priority: 0, roleArn: "")
    }
    static var members: [XMLMember<Self>] {
        [
            .value("ConfirmationRequired", \.confirmationRequired),
            .shape("Operation", \.operation),
            .shape("Report", \.report),
            .value("ClientRequestToken", \.clientRequestToken),
            .shape("Manifest", \.manifest),
            .value("Description", \.description),
            .value("Priority", \.priority),
            .value("RoleArn", \.roleArn),
            .list("Tags", \.tags),
            .shape("ManifestGenerator", \.manifestGenerator),
        ]
    }
}
