import BopsAWSModel
import BopsEmulator
import BopsJobs
import BopsLocalEngine
import Foundation
import Testing

@testable import BopsAWS

/// The emulator's IAM API driven by boto3, the AWS CLI and the aws engine, over real HTTP with
/// SigV4 verified.
@Suite(.tags(.process)) struct IAMEmulatorTests {
    static let trust = """
        {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Principal": {"Service": "batchoperations.s3.amazonaws.com"},
                         "Action": "sts:AssumeRole"}]
        }
        """
    static let ec2Trust = """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
         "Action": "sts:AssumeRole"}]}
        """
    static let copyPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
             "Resource": "arn:aws:s3:::src/*"},
            {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::src"},
            {"Sid": "NoReports", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*"}
          ]
        }
        """

    static let boto3Script = #"""
        import json, os, sys
        import boto3
        from botocore.exceptions import ClientError

        iam = boto3.client("iam", endpoint_url=os.environ["BOPS_EMULATOR_URL"], region_name="eu-west-1")
        trust, policy = os.environ["TRUST"], os.environ["POLICY"]

        def code(call):
            try:
                call()
            except ClientError as e:
                return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
            raise SystemExit("expected an error")

        created = iam.create_role(RoleName="batch-copy", AssumeRolePolicyDocument=trust, Path="/service-role/",
                                  Description="copy ünï")["Role"]
        assert created["Arn"] == "arn:aws:iam::123456789012:role/service-role/batch-copy", created
        assert created["RoleId"].startswith("AROA") and len(created["RoleId"]) == 21, created
        assert code(lambda: iam.create_role(RoleName="batch-copy", AssumeRolePolicyDocument=trust)) == ("EntityAlreadyExists", 409)
        role = iam.get_role(RoleName="batch-copy")["Role"]
        assert role["AssumeRolePolicyDocument"] == json.loads(trust), role
        assert role["Description"] == "copy ünï" and role["Path"] == "/service-role/", role
        assert code(lambda: iam.get_role(RoleName="nobody")) == ("NoSuchEntity", 404)
        assert code(lambda: iam.put_role_policy(RoleName="batch-copy", PolicyName="p", PolicyDocument="{")) == ("MalformedPolicyDocument", 400)
        assert code(lambda: iam.put_role_policy(RoleName="nobody", PolicyName="p", PolicyDocument=policy)) == ("NoSuchEntity", 404)
        iam.put_role_policy(RoleName="batch-copy", PolicyName="copy-access", PolicyDocument=policy)
        iam.put_role_policy(RoleName="batch-copy", PolicyName="z-extra", PolicyDocument=policy)
        got = iam.get_role_policy(RoleName="batch-copy", PolicyName="copy-access")
        assert got["PolicyDocument"] == json.loads(policy), got
        assert code(lambda: iam.get_role_policy(RoleName="batch-copy", PolicyName="gone")) == ("NoSuchEntity", 404)
        names = [n for page in iam.get_paginator("list_role_policies").paginate(RoleName="batch-copy", PaginationConfig={"PageSize": 1})
                 for n in page["PolicyNames"]]
        assert names == ["copy-access", "z-extra"], names
        arn = created["Arn"]
        results = [r for page in iam.get_paginator("simulate_principal_policy").paginate(
                       PolicySourceArn=arn, ActionNames=["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                       ResourceArns=["arn:aws:s3:::src/a.csv"], PaginationConfig={"PageSize": 2})
                   for r in page["EvaluationResults"]]
        decisions = {(r["EvalActionName"], r["EvalResourceName"]): r["EvalDecision"] for r in results}
        assert decisions == {("s3:GetObject", "arn:aws:s3:::src/a.csv"): "allowed",
                             ("s3:PutObject", "arn:aws:s3:::src/a.csv"): "implicitDeny",
                             ("s3:ListBucket", "arn:aws:s3:::src/a.csv"): "implicitDeny"}, decisions
        assert results[0]["MatchedStatements"][0]["SourcePolicyId"] == "copy-access", results[0]
        denied = iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=["s3:PutObject"],
                                               ResourceArns=["arn:aws:s3:::reports/r/1.csv"])["EvaluationResults"]
        assert denied[0]["EvalDecision"] == "explicitDeny", denied
        # An undeclared role is simulated as the emulator runs its jobs: allowed for everything.
        undeclared = iam.simulate_principal_policy(PolicySourceArn="arn:aws:iam::123456789012:role/nobody",
                                                   ActionNames=["s3:GetObject", "s3:PutObject"],
                                                   ResourceArns=["arn:aws:s3:::src/a.csv"])["EvaluationResults"]
        assert [r["EvalDecision"] for r in undeclared] == ["allowed", "allowed"], undeclared
        assert code(lambda: iam.simulate_principal_policy(PolicySourceArn="arn:aws:iam::123456789012:user/nobody",
                                                          ActionNames=["s3:GetObject"])) == ("NoSuchEntity", 404)
        iam.delete_role_policy(RoleName="batch-copy", PolicyName="z-extra")
        assert code(lambda: iam.delete_role_policy(RoleName="batch-copy", PolicyName="z-extra")) == ("NoSuchEntity", 404)
        iam.delete_role(RoleName="batch-copy")
        assert code(lambda: iam.get_role(RoleName="batch-copy")) == ("NoSuchEntity", 404)
        print("OK: iam")
        """#

    @Test(.enabled(if: Python.hasBoto3, "boto3 is not installed: pip install boto3"), .timeLimit(.minutes(2)))
    func boto3ManagesAndSimulatesRoles() async throws {
        try await withEmulator { _, running in
            let result = try await Python.script(
                Self.boto3Script, against: running, ["TRUST": Self.trust, "POLICY": Self.copyPolicy])
            #expect(result.status == 0, "boto3 IAM script failed (exit \(result.status)):\n\(result.output)")
            #expect(result.output.contains("OK: iam"), "\(result.output)")
        }
    }

    @Test(
        .enabled(if: AWSCLI.available, "the AWS CLI is not installed: pip install awscli"),
        .timeLimit(.minutes(2)))
    func theAWSCLIManagesAndSimulatesRoles() async throws {
        try await withEmulator { _, running in
            let cli = try AWSCLI(endpoint: running.endpoint.url)
            let trustFile = try cli.file(Self.trust)
            let policyFile = try cli.file(Self.copyPolicy)
            let created = try await cli.json([
                "iam", "create-role", "--role-name", "batch-copy", "--assume-role-policy-document",
                "file://" + trustFile,
            ])
            let arn = try #require((created["Role"] as? [String: Any])?["Arn"] as? String)
            #expect(arn == "arn:aws:iam::123456789012:role/batch-copy")
            try await cli.json([
                "iam", "put-role-policy", "--role-name", "batch-copy", "--policy-name", "copy-access",
                "--policy-document", "file://" + policyFile,
            ])
            let role = try await cli.json(["iam", "get-role", "--role-name", "batch-copy"])
            let document = (role["Role"] as? [String: Any])?["AssumeRolePolicyDocument"] as? [String: Any]
            let statement = (document?["Statement"] as? [[String: Any]])?.first
            #expect(
                (statement?["Principal"] as? [String: Any])?["Service"] as? String
                    == "batchoperations.s3.amazonaws.com")
            let simulated = try await cli.json([
                "iam", "simulate-principal-policy", "--policy-source-arn", arn, "--action-names",
                "s3:GetObject",
                "s3:PutObject", "--resource-arns", "arn:aws:s3:::src/k",
            ])
            let results = try #require(simulated["EvaluationResults"] as? [[String: Any]])
            #expect(results.map { $0["EvalActionName"] as? String } == ["s3:GetObject", "s3:PutObject"])
            #expect(results.map { $0["EvalDecision"] as? String } == ["allowed", "implicitDeny"])
            let missing = try await cli.failure(["iam", "get-role", "--role-name", "nobody"])
            #expect(missing.contains("NoSuchEntity"), "\(missing)")
            let malformed = try await cli.failure([
                "iam", "put-role-policy", "--role-name", "batch-copy", "--policy-name", "bad",
                "--policy-document",
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\"}]}",
            ])
            #expect(malformed.contains("MalformedPolicyDocument"), "\(malformed)")
        }
    }

    static func engine(_ running: RunningEmulator) throws -> AWSEngine { try awsEngine(for: running) }

    static let copyNeeds = [
        NeededPermission(action: "s3:GetObject", resource: "arn:aws:s3:::src/*"),
        NeededPermission(action: "s3:GetObjectVersion", resource: "arn:aws:s3:::src/*"),
        NeededPermission(action: "s3:ListBucket", resource: "arn:aws:s3:::src"),
        NeededPermission(action: "s3:PutObject", resource: "arn:aws:s3:::dst/*"),
        NeededPermission(action: "s3:PutObject", resource: "arn:aws:s3:::reports/job/*"),
    ]

    /// The aws engine's check, through IAM's wire, gives what the local engine decides directly.
    @Test(.timeLimit(.minutes(1)), arguments: [nil, 1])
    func theAWSEngineChecksARoleHeldByTheEmulator(_ pageSize: Int?) async throws {
        try await withEmulator { server, running in
            let engine = try Self.engine(running)
            defer { Task { try? await engine.shutdown() } }
            let iam = engine.iam
            let role = try await iam.createRole(
                IAMCreateRoleInput(roleName: "batch-copy", assumeRolePolicyDocument: Self.trust))
            try await iam.putRolePolicy(
                roleName: "batch-copy", policyName: "copy-access", policyDocument: Self.copyPolicy)
            let check = try await engine.checkRole(role.arn, needs: Self.copyNeeds, pageSize: pageSize)
            #expect(check.roleFound)
            #expect(check.skipped == nil)
            #expect(check.trustsBatchOperations == true)
            #expect(check.results.map(\.permission) == Self.copyNeeds)
            #expect(
                check.results.map(\.decision) == [.allowed, .allowed, .allowed, .implicitDeny, .explicitDeny])
            #expect(check.results[0].matchedBy == "role policy copy-access")
            let direct = try server.engine.roleCheck(role.arn, needs: Self.copyNeeds)
            #expect(direct.results.map(\.decision) == check.results.map(\.decision))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aRoleThatDoesNotTrustBatchOperationsOrDoesNotExist() async throws {
        try await withEmulator { _, running in
            let engine = try Self.engine(running)
            defer { Task { try? await engine.shutdown() } }
            let role = try await engine.iam.createRole(
                IAMCreateRoleInput(roleName: "ec2-only", assumeRolePolicyDocument: Self.ec2Trust))
            let check = try await engine.checkRole(role.arn, needs: Self.copyNeeds)
            #expect(check.roleFound && check.trustsBatchOperations == false)
            #expect(check.results.allSatisfy { $0.decision == .implicitDeny })
            let missing = try await engine.checkRole(
                "arn:aws:iam::123456789012:role/nobody", needs: Self.copyNeeds)
            // Not found by GetRole; simulated as the emulator runs it (an undeclared role allows all).
            #expect(!missing.roleFound && missing.skipped == nil)
            #expect(missing.results.count == Self.copyNeeds.count)
            #expect(missing.results.allSatisfy { $0.decision == .allowed })
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func theEmulatorRefusesWhatItWouldNotKeep() async throws {
        try await withEmulator { server, running in
            let engine = try Self.engine(running)
            defer { Task { try? await engine.shutdown() } }
            await #expect(throws: EngineError.self) {
                _ = try await engine.iam.createRole(
                    IAMCreateRoleInput(
                        roleName: "tagged", assumeRolePolicyDocument: Self.trust,
                        tags: [IAMTag(key: "a", value: "b")]))
            }
            #expect(try server.engine.role(named: "tagged") == nil)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aMalformedRequestIsIAMs400() async throws {
        try await withEmulator({ $0.verifySignatures = false }) { _, running in
            let answer = await send(
                "POST", running.endpoint.url + "/", body: "Action=GetRole&Version=2010-05-08",
                headers: ["Content-Type": IAMRequests.contentType])
            #expect(answer.status == 400)
            #expect(element("Code", in: answer.body) == "ValidationError")
            #expect(element("Type", in: answer.body) == "Sender")
            #expect(
                answer.body.contains("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"))
            let unknown = await send(
                "POST", running.endpoint.url + "/", body: "Action=ListUsers&Version=2010-05-08",
                headers: ["Content-Type": IAMRequests.contentType])
            #expect(unknown.status == 400)
            #expect(element("Code", in: unknown.body) == "InvalidAction")
        }
    }
}
