import BopsIAM
import BopsJobs
import BopsLocalEngine
import BopsTestSupport
import Foundation
import Testing

let accountId = "111122223333"
let roleArn = "arn:aws:iam::111122223333:role/batch-ops"
let trust = BatchOperationsTrust.proposedDocument

func policy(_ statements: String) -> String { #"{"Version":"2012-10-17","Statement":["# + statements + "]}" }
func allow(_ actions: [String], _ resources: [String]) -> String {
    let a = actions.map { "\"\($0)\"" }.joined(separator: ",")
    let r = resources.map { "\"\($0)\"" }.joined(separator: ",")
    return #"{"Effect":"Allow","Action":["# + a + #"],"Resource":["# + r + "]}"
}

/// The local engine's role store: IAM's errors, and a failed call changes nothing.
struct LocalRoleTests {
    let folder: TempFolder
    let engine: LocalEngine

    init() throws {
        folder = try TempFolder(prefix: "bops-roles")
        engine = try LocalEngine(root: folder.path)
    }

    func code(_ body: () throws -> Void) -> RoleError.Code? {
        do {
            try body()
            return nil
        } catch let e as RoleError {
            return e.code
        } catch {
            return nil
        }
    }

    @Test func createsReadsAndDeletes() throws {
        let role = try engine.createRole(name: "batch-ops", trustPolicy: trust, accountId: accountId)
        #expect(role.arn == roleArn)
        #expect(role.roleId.hasPrefix("AROA") && role.roleId.count == 21)
        #expect(try engine.role(named: "BATCH-OPS")?.roleId == role.roleId)
        #expect(
            code { try engine.createRole(name: "Batch-Ops", trustPolicy: trust, accountId: accountId) }
                == .entityAlreadyExists)
        try engine.putRolePolicy(
            roleName: "batch-ops", policyName: "read", document: policy(allow(["s3:GetObject"], ["*"])))
        #expect(
            try engine.rolePolicy(roleName: "batch-ops", policyName: "read")?.contains("s3:GetObject") == true
        )
        #expect(try engine.rolePolicy(roleName: "batch-ops", policyName: "other") == nil)
        try engine.deleteRolePolicy(roleName: "batch-ops", policyName: "read")
        #expect(
            code { try engine.deleteRolePolicy(roleName: "batch-ops", policyName: "read") } == .noSuchEntity)
        try engine.deleteRole(named: "batch-ops")
        #expect(try engine.role(named: "batch-ops") == nil)
        #expect(code { try engine.deleteRole(named: "batch-ops") } == .noSuchEntity)
        #expect(
            code { _ = try engine.rolePolicy(roleName: "batch-ops", policyName: "read") } == .noSuchEntity)
    }

    @Test func aRefusedPutChangesNothing() throws {
        try engine.putRole(
            name: "batch-ops", trustPolicy: trust, policies: ["p": policy(allow(["s3:GetObject"], ["*"]))],
            accountId: accountId)
        let first = try engine.role(named: "batch-ops")
        let stored = try #require(folder.read("roles/batch-ops.role.json"))
        // A malformed inline policy next to a good trust policy: nothing of the call is stored.
        #expect(
            code {
                try engine.putRole(
                    name: "batch-ops", trustPolicy: #"{"Version":"2012-10-17","Statement":[]}"#,
                    policies: ["p": "{"], accountId: accountId)
            } == .malformedPolicyDocument)
        #expect(
            code {
                try engine.putRole(
                    name: "batch-ops", trustPolicy: trust, policies: ["q": "{\"Statement\": 3}"],
                    accountId: accountId)
            } == .malformedPolicyDocument)
        #expect(
            code { try engine.putRolePolicy(roleName: "batch-ops", policyName: "bad name!", document: "{}") }
                == .validationError)
        let big = policy(allow((0..<700).map { "s3:GetObject\($0)" }, ["*"]))
        #expect(
            code { try engine.putRolePolicy(roleName: "batch-ops", policyName: "big", document: big) }
                == .limitExceeded)
        #expect(folder.read("roles/batch-ops.role.json") == stored)
        #expect(try engine.role(named: "batch-ops") == first)
    }

    @Test func malformedDocumentsCarryTheirPositions() throws {
        do {
            try engine.createRole(
                name: "r",
                trustPolicy: "{\n \"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"Allow\"}\n}",
                accountId: accountId)
            Issue.record("expected MalformedPolicyDocument")
        } catch {
            let e: RoleError = error
            #expect(e.code == .malformedPolicyDocument && e.httpStatus == 400)
            #expect(e.diagnostics.first?.range?.start.line == 3)
            #expect(e.message.hasPrefix("The statement has no Action"), "\(e.message)")
        }
    }

    @Test func simulatesLikeSimulatePrincipalPolicy() throws {
        try engine.putRole(
            name: "batch-ops", trustPolicy: trust,
            policies: [
                "copy": policy(
                    allow(["s3:GetObject"], ["arn:aws:s3:::logs/*"]) + ","
                        + #"{"Sid":"NoSecrets","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::logs/secret/*"}"#
                )
            ], accountId: accountId)
        let results = try engine.simulate(
            role: roleArn, actions: ["s3:GetObject", "s3:PutObject"],
            resources: ["arn:aws:s3:::logs/a", "arn:aws:s3:::logs/secret/b"])
        #expect(results.map(\.decision) == [.allowed, .explicitDeny, .implicitDeny, .explicitDeny])
        #expect(
            results.map(\.permission.resource) == [
                "arn:aws:s3:::logs/a", "arn:aws:s3:::logs/secret/b", "arn:aws:s3:::logs/a",
                "arn:aws:s3:::logs/secret/b",
            ])
        #expect(results[1].matchedBy == "inline policy copy, statement 2 (NoSecrets)")
        #expect(code { _ = try engine.simulate(role: "nobody", actions: ["s3:GetObject"]) } == .noSuchEntity)
        // Another account's ARN is not this role.
        #expect(try engine.lookUp("arn:aws:iam::444455556666:role/batch-ops") == nil)
    }

    @Test func checksRolesForPlans() async throws {
        let needs = [NeededPermission(action: "s3:GetObject", resource: "arn:aws:s3:::logs/*")]
        let undeclared = try await engine.checkRole(roleArn, needs: needs)
        #expect(!undeclared.roleFound && undeclared.results.map(\.decision) == [.allowed])
        try engine.putRole(
            name: "batch-ops",
            trustPolicy: policy(
                #"{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}"#),
            accountId: accountId)
        let declared = try await engine.checkRole(roleArn, needs: needs)
        #expect(declared.roleFound && declared.trustsBatchOperations == false)
        #expect(declared.results.map(\.decision) == [.implicitDeny])
        #expect(declared.skipped == nil)
    }
}
