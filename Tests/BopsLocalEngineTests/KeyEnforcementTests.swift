import BopsJobs
import BopsLocalEngine
import Foundation
import Testing

/// KMS keys jobs obey on the local engine: a task that encrypts with a key, or reads an object
/// encrypted with one, is decided by the key's policy together with the role's identity policies,
/// and fails with KMS's code and message in the completion report.
struct KeyEnforcementTests {
    let base: EnforcementTests

    init() throws { base = try EnforcementTests() }

    static let rootDelegation = policy(
        #"{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(accountId):root"},"Action":"kms:*","Resource":"*"}"#
    )
    static let adminsOnly = policy(
        #"{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(accountId):role/admin"},"Action":"kms:*","Resource":"*"}"#
    )
    static let roleDirectly = policy(
        #"{"Sid":"Batch","Effect":"Allow","Principal":{"AWS":"\#(roleArn)"},"Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"*"}"#
    )

    func encryptingCopy(_ key: String, objects: Int = 2) async throws -> CreateJobRequest {
        var request = try await base.copyJob(keys: try await base.putObjects(objects))
        request.operation = .s3PutObjectCopy(
            S3CopyObjectOperation(targetResource: "arn:aws:s3:::archive", sseAwsKmsKeyId: key))
        return request
    }

    func failures(_ done: JobDescriptor) throws -> [String] {
        try base.reportRows(done).filter { $0.contains(",failed,") }
    }

    @Test func aKeyPolicyThatDoesNotNameTheRoleFailsEveryTaskWithKMSAccessDenied() async throws {
        let key = try base.engine.createKey(policy: Self.adminsOnly, accountId: accountId)
        let done = try await base.run(try await encryptingCopy(key.arn))
        #expect(done.status == .complete)
        #expect(done.progressSummary?.numberOfTasksFailed == 2)
        let row = try #require(try failures(done).first)
        #expect(row.contains(",failed,400,AccessDeniedException,"), "\(row)")
        #expect(
            row.contains(
                "User: arn:aws:sts::\(accountId):assumed-role/batch-ops/s3-batch-operations is not authorized to perform: "
                    + "kms:GenerateDataKey on resource: \(key.arn) because no resource-based policy allows the "
                    + "kms:GenerateDataKey action"), "\(row)")
        #expect(try await base.engine.store.headObject(bucket: "archive", key: "k0", versionId: nil) == nil)
    }

    @Test func aKeyPolicyNamingTheRoleLetsTheCopyEncrypt() async throws {
        let key = try base.engine.createKey(policy: Self.adminsOnly, accountId: accountId)
        try base.engine.putKeyPolicy(key.keyId, policy: Self.roleDirectly)
        let done = try await base.run(try await encryptingCopy(key.arn))
        #expect(done.progressSummary?.numberOfTasksSucceeded == 2, "\((try? failures(done)) ?? [])")
        let copied = try await base.engine.store.headObject(bucket: "archive", key: "k0", versionId: nil)
        #expect(copied?.serverSideEncryption?.kmsKeyId == key.arn)
    }

    @Test func theRootStatementDelegatesToTheRolesIdentityPolicy() async throws {
        let key = try base.engine.createKey(policy: Self.rootDelegation, accountId: accountId)
        let s3 = [
            EnforcementTests.reading, EnforcementTests.listing, EnforcementTests.writing,
            EnforcementTests.manifest,
            EnforcementTests.report,
        ]
        try base.declareRole(s3)
        let refused = try await base.run(try await encryptingCopy(key.arn))
        let row = try #require(try failures(refused).first)
        #expect(row.contains("AccessDeniedException"), "\(row)")
        #expect(
            row.contains("because no identity-based policy allows the kms:GenerateDataKey action"), "\(row)")

        try base.declareRole(s3 + [allow(["kms:GenerateDataKey", "kms:Decrypt"], [key.arn])])
        let allowed = try await base.run(try await encryptingCopy(key.arn))
        #expect(allowed.progressSummary?.numberOfTasksSucceeded == 2, "\((try? failures(allowed)) ?? [])")
    }

    @Test func aDisabledKeyFailsWithDisabledException() async throws {
        let key = try base.engine.createKey(policy: Self.rootDelegation, enabled: false, accountId: accountId)
        let done = try await base.run(try await encryptingCopy(key.arn, objects: 1))
        let row = try #require(try failures(done).first)
        #expect(row.contains(",failed,400,DisabledException,\(key.arn) is disabled."), "\(row)")
        try base.engine.setKeyEnabled(key.arn, true)
        let again = try await base.run(try await encryptingCopy(key.arn, objects: 1))
        #expect(again.progressSummary?.numberOfTasksSucceeded == 1)
    }

    @Test func aKeyTheStoreDoesNotKnowIsNotFoundOnceItKeepsKeys() async throws {
        let unknown = "arn:aws:kms:us-east-1:\(accountId):key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let before = try await base.run(try await encryptingCopy(unknown, objects: 1))
        #expect(before.progressSummary?.numberOfTasksSucceeded == 1, "a store without keys accepts any key")
        try base.engine.createKey(policy: nil, accountId: accountId)
        let after = try await base.run(try await encryptingCopy(unknown, objects: 1))
        let row = try #require(try failures(after).first)
        #expect(row.contains(",failed,400,NotFoundException,Key '\(unknown)' does not exist"), "\(row)")
    }

    @Test func readingAnSSEKMSSourceNeedsDecryptOnItsKey() async throws {
        let key = try base.engine.createKey(policy: Self.adminsOnly, accountId: accountId)
        var attributes = ObjectAttributes()
        attributes.serverSideEncryption = ServerSideEncryption(algorithm: "aws:kms", kmsKeyId: key.arn)
        _ = try base.engine.store.putObject(
            bucket: "logs", key: "k0", body: Array("secret".utf8), attributes: attributes)
        let done = try await base.run(try await base.copyJob(keys: ["k0"]))
        let row = try #require(try failures(done).first)
        #expect(row.contains("kms:Decrypt on resource: \(key.arn)"), "\(row)")
        try base.engine.putKeyPolicy(key.arn, policy: Self.roleDirectly)
        let again = try await base.run(try await base.copyJob(keys: ["k0"]))
        #expect(again.progressSummary?.numberOfTasksSucceeded == 1, "\((try? failures(again)) ?? [])")
    }

    @Test func aKeyPolicyThatDoesNotParseIsRefused() throws {
        #expect(throws: EngineError.self) { try base.engine.createKey(policy: "{", accountId: accountId) }
        #expect(try base.engine.keys().isEmpty)
    }
}
