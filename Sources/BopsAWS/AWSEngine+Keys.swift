import BopsAWSModel
public import BopsJobs

extension AWSEngine: KeyChecking {
    /// KMS in the engine's region with the engine's credentials, transport and retries.
    public var kms: KMSClient {
        KMSClient(sender: sender, endpoints: endpoints, region: region, credentials: credentials)
    }

    /// KMS's DescribeKey; `nil` for `NotFoundException`. A key ARN in another region is asked
    /// of that region's KMS. Other errors (`AccessDeniedException`: the check is not made) are
    /// thrown.
    public func describeKey(_ key: String) async throws -> KMSKeyDescription? {
        do {
            let m = try await client(for: key).describeKey(keyId: key)
            return KMSKeyDescription(
                keyId: m.keyId, arn: m.arn, account: m.awsAccountId, keyState: m.keyState)
        } catch let error as EngineError where error.code == "NotFoundException" {
            return nil
        }
    }

    /// KMS's GetKeyPolicy (policy name `default`).
    public func keyPolicy(_ key: String) async throws -> String {
        try await client(for: key).getKeyPolicy(keyId: key)
    }

    func client(for key: String) -> KMSClient {
        var client = kms
        let parts = key.split(separator: ":", omittingEmptySubsequences: false)
        if key.hasPrefix("arn:"), parts.count > 3, !parts[3].isEmpty { client.region = String(parts[3]) }
        return client
    }
}
