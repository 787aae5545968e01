import BopsDiagnostics
import BopsIAM
import BopsJobs
import BopsLocalEngine
import BopsProject
import BopsSpec
import BopsTestSupport
import Foundation
import Testing

/// A checker that could not make the check (the caller may not call IAM).
struct SkippingChecker: RoleChecking {
    func checkRole(_ roleArn: String, needs: [NeededPermission]) async throws -> RoleCheck {
        RoleCheck(
            roleFound: true, trustsBatchOperations: nil, results: [], skipped: "AccessDenied on iam:GetRole")
    }
}

/// The plan-time role check on examples/missing-permission.yaml: findings at the spec's keys.
struct PermissionCheckTests {
    let folder: TempFolder
    let engine: LocalEngine
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    init() throws {
        folder = try TempFolder(prefix: "bops-permission-check")
        engine = try LocalEngine(root: folder.path)
        for bucket in ["reports-111122223333", "archive-111122223333", "app-logs-111122223333"] {
            try engine.store.createBucket(bucket)
        }
    }

    func findings(_ roles: (any RoleChecking)?) async throws -> [String] {
        let file = root + "/examples/missing-permission.yaml"
        let loaded = SpecLoader.load([
            (path: file, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))))
        ])
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        var desired = DesiredJobs(
            config: ProjectConfig(root: root), objects: engine, defaultAccount: "111122223333",
            defaultRegion: "us-east-1")
        desired.roles = roles
        return await desired.build(loaded.specs, recorded: nil).diagnostics.sorted.map {
            "\($0.severity.rawValue) \($0.range?.start.description ?? "-") \($0.pointer ?? "-") \($0.summary)"
        }
    }

    func declare(trust: String = BatchOperationsTrust.proposedDocument) throws {
        let text = try String(
            contentsOfFile: root + "/examples/roles/batch-copy-readonly.json", encoding: .utf8)
        try engine.putRole(
            name: "batch-copy-readonly", trustPolicy: trust, policies: ["readonly": text],
            accountId: "111122223333")
    }

    @Test func aMissingPermissionIsAnErrorAtTheDestination() async throws {
        try declare()
        #expect(
            try await findings(engine) == [
                "error 20:20 /spec/operation/copy/destination spec copy-logs-to-archive: role batch-copy-readonly may "
                    + "not s3:PutObject, s3:PutObjectAcl, s3:PutObjectTagging on "
                    + "arn:aws:s3:::archive-111122223333/logs/2024/*: implicit deny (no statement allows them)"
            ])
    }

    @Test func aTrustPolicyWithoutBatchOperationsIsAnErrorAtRoleArn() async throws {
        try declare(
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        )
        let found = try await findings(engine)
        #expect(found.count == 2)
        #expect(
            found.first?.hasPrefix(
                "error 12:12 /spec/roleArn spec copy-logs-to-archive: S3 Batch Operations cannot assume")
                == true, "\(found)")
    }

    @Test func anUndeclaredRoleAddsNothing() async throws {
        #expect(try await findings(engine) == [])
    }

    @Test func aSkippedCheckIsAWarning() async throws {
        let found = try await findings(SkippingChecker())
        #expect(
            found == [
                "warning 12:12 /spec/roleArn the permissions of role arn:aws:iam::111122223333:role/batch-copy-readonly were not "
                    + "checked: AccessDenied on iam:GetRole"
            ])
    }
}
