/// Whether a trust policy lets S3 Batch Operations assume its role.
public enum BatchOperationsTrust {
    /// The service principal S3 Batch Operations assumes job roles as.
    public static let service = "batchoperations.s3.amazonaws.com"

    /// `sts:AssumeRole` by `batchoperations.s3.amazonaws.com` on `roleArn`, with the request context
    /// S3 sends (`aws:SourceAccount`, and `aws:SourceArn` when the job is known), evaluated against
    /// the trust policy.
    public static func evaluate(
        _ trust: PolicyDocument, roleArn: String, sourceAccount: String?, sourceArn: String? = nil
    ) -> PolicyEvaluator.Outcome {
        var context: [String: [String]] = [:]
        if let sourceAccount { context["aws:SourceAccount"] = [sourceAccount] }
        if let sourceArn { context["aws:SourceArn"] = [sourceArn] }
        return PolicyEvaluator.evaluate(
            AccessRequest(
                action: "sts:AssumeRole", resource: roleArn, principal: .batchOperations, context: context),
            policies: [NamedPolicy(name: "trust policy", document: trust)])
    }

    /// The trust policy bops proposes for a job role.
    public static let proposedDocument = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {"Service": "batchoperations.s3.amazonaws.com"},
              "Action": "sts:AssumeRole"
            }
          ]
        }
        """
}
