import BopsDiagnostics
import BopsJobs
import FoundationEssentials

extension LocalCommand.PutBucketConfig {
    /// The AWS CLI's `--server-side-encryption-configuration` JSON (`{"Rules":
    /// [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm", "KMSMasterKeyID"}, "BucketKeyEnabled"}]}`).
    struct EncryptionJSON: Decodable {
        struct Rule: Decodable {
            struct Apply: Decodable {
                var SSEAlgorithm: String
                var KMSMasterKeyID: String?
            }
            var ApplyServerSideEncryptionByDefault: Apply
            var BucketKeyEnabled: Bool?
        }
        var Rules: [Rule]
    }

    static let encryptionExample =
        #"{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "#
        + #""KMSMasterKeyID": "arn:aws:kms:us-east-1:111122223333:key/..."}, "BucketKeyEnabled": true}]}"#

    /// The default encryption in `text` (its first rule), or a failure naming `file`.
    static func bucketEncryption(_ text: String, file: String, _ session: CommandSession) -> BucketEncryption
    {
        let json: EncryptionJSON
        do {
            json = try JSONDecoder().decode(EncryptionJSON.self, from: Data(text.utf8))
        } catch {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error, "not a default encryption configuration: \(error)", hint: encryptionExample,
                        subject: file)
                ]))
        }
        guard let rule = json.Rules.first else {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error, "not a default encryption configuration: no rule", hint: encryptionExample,
                        subject: file)
                ]))
        }
        return BucketEncryption(
            algorithm: rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm,
            kmsKeyId: rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID,
            bucketKeyEnabled: rule.BucketKeyEnabled ?? false)
    }
}
