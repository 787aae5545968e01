import BopsAWSModel
import BopsJobs
import BopsTestSupport
import Foundation
import Testing

/// One IAM request: ours, the same parameters for botocore, and what a server must read from it.
struct IAMRequestCase: OracleCase, Sendable, CustomTestStringConvertible {
    var name: String
    var service: String { "iam" }
    var operation: String
    var paramsJSON: String
    var addressing: S3Addressing? { nil }
    var bodyText: String? { nil }
    var ours: HTTPRequestParts
    var expected: IAMRequest
}

/// One IAM answer body of ours and what a botocore client returns for it (the result, or the
/// error's `Code`, `Message`, `Type` and status).
struct IAMAnswerCase: Sendable, CustomTestStringConvertible {
    var name: String
    var operation: String
    var paramsJSON: String
    var status: Int
    var body: [UInt8]
    var expectedJSON: String

    var testDescription: String { name }
}

enum IAMWireCases {
    static let account = "123456789012"
    static let roleArn = "arn:aws:iam::123456789012:role/service-role/bops-copy+1"
    static let oddName = "bops+copy=a,b.c@d_e-f"
    static let trust = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {"Service": "batchoperations.s3.amazonaws.com"},
              "Action": "sts:AssumeRole",
              "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}
            }
          ]
        }
        """
    static let policy = """
        {"Version":"2012-10-17","Statement":[{"Sid":"Read ünï & <copy>","Effect":"Allow",\
        "Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::src/a b/*~?%"}]}
        """

    static func json(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func request(
        _ name: String, _ operation: String, _ params: [String: Any], _ ours: HTTPRequestParts,
        _ expected: IAMRequest
    ) -> IAMRequestCase {
        IAMRequestCase(
            name: "\(operation) \(name)", operation: operation, paramsJSON: json(params), ours: ours,
            expected: expected)
    }

    static let everyRoleMember = IAMCreateRoleInput(
        roleName: oddName, assumeRolePolicyDocument: trust, path: "/service-role/batch-ops/",
        description: "Batch Operations — copy ünï & <reports>", maxSessionDuration: 7200,
        permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
        tags: [IAMTag(key: "team", value: "data platform"), IAMTag(key: "cost=center", value: "")])

    static let fullSimulation = IAMSimulationInput(
        policySourceArn: roleArn, actionNames: ["s3:GetObject", "s3:PutObject", "kms:Decrypt"],
        resourceArns: ["arn:aws:s3:::src/*", "arn:aws:s3:::dst/a b+c/*"],
        contextEntries: [
            IAMContextEntry(key: "aws:SecureTransport", values: ["true"], type: .boolean),
            IAMContextEntry(key: "s3:prefix", values: ["a b", "c&d"], type: .stringList),
        ], maxItems: 100, marker: "AAE/x+y==")

    static let requests: [IAMRequestCase] = [
        request(
            "odd name", "GetRole", ["RoleName": oddName], IAMRequests.getRole(roleName: oddName),
            .getRole(roleName: oddName)),
        request(
            "minimal", "CreateRole", ["RoleName": "bops-copy", "AssumeRolePolicyDocument": trust],
            IAMRequests.createRole(
                IAMCreateRoleInput(roleName: "bops-copy", assumeRolePolicyDocument: trust)),
            .createRole(IAMCreateRoleInput(roleName: "bops-copy", assumeRolePolicyDocument: trust))),
        request(
            "every member", "CreateRole",
            [
                "RoleName": oddName, "AssumeRolePolicyDocument": trust, "Path": "/service-role/batch-ops/",
                "Description": "Batch Operations — copy ünï & <reports>", "MaxSessionDuration": 7200,
                "PermissionsBoundary": "arn:aws:iam::123456789012:policy/boundary",
                "Tags": [["Key": "team", "Value": "data platform"], ["Key": "cost=center", "Value": ""]],
            ], IAMRequests.createRole(everyRoleMember), .createRole(everyRoleMember)),
        request(
            "no tags", "CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": trust, "Tags": [Any]()],
            IAMRequests.createRole(
                IAMCreateRoleInput(roleName: "r", assumeRolePolicyDocument: trust, tags: [])),
            .createRole(IAMCreateRoleInput(roleName: "r", assumeRolePolicyDocument: trust, tags: []))),
        request(
            "", "DeleteRole", ["RoleName": oddName], IAMRequests.deleteRole(roleName: oddName),
            .deleteRole(roleName: oddName)),
        request(
            "", "PutRolePolicy",
            ["RoleName": "bops-copy", "PolicyName": "copy-access", "PolicyDocument": policy],
            IAMRequests.putRolePolicy(
                roleName: "bops-copy", policyName: "copy-access", policyDocument: policy),
            .putRolePolicy(roleName: "bops-copy", policyName: "copy-access", policyDocument: policy)),
        request(
            "", "GetRolePolicy", ["RoleName": "bops-copy", "PolicyName": "a+b@c"],
            IAMRequests.getRolePolicy(roleName: "bops-copy", policyName: "a+b@c"),
            .getRolePolicy(roleName: "bops-copy", policyName: "a+b@c")),
        request(
            "", "DeleteRolePolicy", ["RoleName": "bops-copy", "PolicyName": "copy-access"],
            IAMRequests.deleteRolePolicy(roleName: "bops-copy", policyName: "copy-access"),
            .deleteRolePolicy(roleName: "bops-copy", policyName: "copy-access")),
        request(
            "first page", "ListRolePolicies", ["RoleName": "bops-copy"],
            IAMRequests.listRolePolicies(roleName: "bops-copy"),
            .listRolePolicies(roleName: "bops-copy", marker: nil, maxItems: nil)),
        request(
            "next page", "ListRolePolicies", ["RoleName": "bops-copy", "Marker": "AAE/x+y==", "MaxItems": 5],
            IAMRequests.listRolePolicies(roleName: "bops-copy", marker: "AAE/x+y==", maxItems: 5),
            .listRolePolicies(roleName: "bops-copy", marker: "AAE/x+y==", maxItems: 5)),
        request(
            "minimal", "SimulatePrincipalPolicy",
            ["PolicySourceArn": roleArn, "ActionNames": ["s3:ListBucket"]],
            IAMRequests.simulatePrincipalPolicy(
                IAMSimulationInput(policySourceArn: roleArn, actionNames: ["s3:ListBucket"])),
            .simulatePrincipalPolicy(
                IAMSimulationInput(policySourceArn: roleArn, actionNames: ["s3:ListBucket"]))),
        request(
            "every member bops sends", "SimulatePrincipalPolicy",
            [
                "PolicySourceArn": roleArn, "ActionNames": ["s3:GetObject", "s3:PutObject", "kms:Decrypt"],
                "ResourceArns": ["arn:aws:s3:::src/*", "arn:aws:s3:::dst/a b+c/*"],
                "ContextEntries": [
                    [
                        "ContextKeyName": "aws:SecureTransport", "ContextKeyValues": ["true"],
                        "ContextKeyType": "boolean",
                    ],
                    [
                        "ContextKeyName": "s3:prefix", "ContextKeyValues": ["a b", "c&d"],
                        "ContextKeyType": "stringList",
                    ],
                ],
                "MaxItems": 100, "Marker": "AAE/x+y==",
            ], IAMRequests.simulatePrincipalPolicy(fullSimulation), .simulatePrincipalPolicy(fullSimulation)),
    ]

    static let sentRequests = GoldenCases.sent(requests)

    // MARK: Answers

    static let created = Date(timeIntervalSince1970: 1_767_225_600)

    static let role = IAMRole(
        path: "/service-role/", roleName: "bops-copy", roleId: "AROA1234567890EXAMPLE",
        arn: "arn:aws:iam::123456789012:role/service-role/bops-copy", createDate: created,
        assumeRolePolicyDocument: trust, description: "copy ünï & <x>", maxSessionDuration: 3600,
        tags: [IAMTag(key: "team", value: "data")])

    static func parsedTrust() -> Any {
        (try? JSONSerialization.jsonObject(with: Data(trust.utf8))) ?? [:]
    }

    static func parsedPolicy() -> Any {
        (try? JSONSerialization.jsonObject(with: Data(policy.utf8))) ?? [:]
    }

    static var roleJSON: [String: Any] {
        [
            "Path": "/service-role/", "RoleName": "bops-copy", "RoleId": "AROA1234567890EXAMPLE",
            "Arn": "arn:aws:iam::123456789012:role/service-role/bops-copy", "CreateDate": 1_767_225_600,
            "AssumeRolePolicyDocument": parsedTrust(), "Description": "copy ünï & <x>",
            "MaxSessionDuration": 3600,
            "Tags": [["Key": "team", "Value": "data"]],
        ]
    }

    static let simulation = IAMSimulationPage(
        results: [
            IAMEvaluationResult(
                actionName: "s3:GetObject", resourceName: "arn:aws:s3:::src/*", decision: .allowed,
                matchedStatements: [
                    IAMMatchedStatement(
                        sourcePolicyId: "copy-access", sourcePolicyType: "role",
                        startPosition: IAMPosition(line: 1, column: 37),
                        endPosition: IAMPosition(line: 1, column: 160))
                ], missingContextValues: []),
            IAMEvaluationResult(
                actionName: "s3:PutObject", resourceName: "arn:aws:s3:::dst/*", decision: .explicitDeny,
                matchedStatements: [IAMMatchedStatement(sourcePolicyId: "deny-dst", sourcePolicyType: "role")]
            ),
            IAMEvaluationResult(
                actionName: "kms:Decrypt", resourceName: "*", decision: .implicitDeny, matchedStatements: [],
                missingContextValues: ["kms:ViaService"]),
        ], isTruncated: true, marker: "page-2/+=")

    static var simulationJSON: [String: Any] {
        [
            "EvaluationResults": [
                [
                    "EvalActionName": "s3:GetObject", "EvalResourceName": "arn:aws:s3:::src/*",
                    "EvalDecision": "allowed",
                    "MatchedStatements": [
                        [
                            "SourcePolicyId": "copy-access", "SourcePolicyType": "role",
                            "StartPosition": ["Line": 1, "Column": 37],
                            "EndPosition": ["Line": 1, "Column": 160],
                        ]
                    ], "MissingContextValues": [Any](),
                ],
                [
                    "EvalActionName": "s3:PutObject", "EvalResourceName": "arn:aws:s3:::dst/*",
                    "EvalDecision": "explicitDeny",
                    "MatchedStatements": [["SourcePolicyId": "deny-dst", "SourcePolicyType": "role"]],
                ],
                [
                    "EvalActionName": "kms:Decrypt", "EvalResourceName": "*", "EvalDecision": "implicitDeny",
                    "MatchedStatements": [Any](), "MissingContextValues": ["kms:ViaService"],
                ],
            ],
            "IsTruncated": true, "Marker": "page-2/+=",
        ]
    }

    static func answer(
        _ name: String, _ operation: String, _ params: [String: Any], status: Int = 200, _ body: [UInt8],
        _ expected: [String: Any]
    ) -> IAMAnswerCase {
        IAMAnswerCase(
            name: "\(operation) \(name)", operation: operation, paramsJSON: json(params), status: status,
            body: body, expectedJSON: json(expected))
    }

    static let requestId = "4c3c9a1e-1d2b-4f5e-8a9b-0c1d2e3f4a5b"

    static func error(_ status: Int, _ code: String, _ message: String) -> [UInt8] {
        IAMResponses.errorBody(status: status, code: code, message: message, requestId: requestId)
    }

    static let answers: [IAMAnswerCase] = [
        answer(
            "", "GetRole", ["RoleName": "bops-copy"], IAMResponses.getRoleBody(role, requestId: requestId),
            ["Role": roleJSON]),
        answer(
            "", "CreateRole", ["RoleName": "bops-copy", "AssumeRolePolicyDocument": trust],
            IAMResponses.createRoleBody(role, requestId: requestId), ["Role": roleJSON]),
        answer(
            "", "GetRolePolicy", ["RoleName": "bops-copy", "PolicyName": "copy-access"],
            IAMResponses.getRolePolicyBody(
                IAMRolePolicy(roleName: "bops-copy", policyName: "copy-access", policyDocument: policy),
                requestId: requestId),
            ["RoleName": "bops-copy", "PolicyName": "copy-access", "PolicyDocument": parsedPolicy()]),
        answer(
            "truncated", "ListRolePolicies", ["RoleName": "bops-copy"],
            IAMResponses.listRolePoliciesBody(
                IAMPolicyNamesPage(policyNames: ["a", "b+c"], isTruncated: true, marker: "m/2="),
                requestId: requestId),
            ["PolicyNames": ["a", "b+c"], "IsTruncated": true, "Marker": "m/2="]),
        answer(
            "last page", "ListRolePolicies", ["RoleName": "bops-copy"],
            IAMResponses.listRolePoliciesBody(IAMPolicyNamesPage(policyNames: []), requestId: requestId),
            ["PolicyNames": [Any](), "IsTruncated": false]),
        answer(
            "", "SimulatePrincipalPolicy", ["PolicySourceArn": roleArn, "ActionNames": ["s3:GetObject"]],
            IAMResponses.simulatePrincipalPolicyBody(simulation, requestId: requestId), simulationJSON),
        answer(
            "", "DeleteRole", ["RoleName": "bops-copy"],
            IAMResponses.emptyBody("DeleteRole", requestId: requestId),
            [:]),
        answer(
            "", "PutRolePolicy", ["RoleName": "r", "PolicyName": "p", "PolicyDocument": policy],
            IAMResponses.emptyBody("PutRolePolicy", requestId: requestId), [:]),
        answer(
            "", "DeleteRolePolicy", ["RoleName": "r", "PolicyName": "p"],
            IAMResponses.emptyBody("DeleteRolePolicy", requestId: requestId), [:]),
        answer(
            "NoSuchEntity", "GetRole", ["RoleName": "gone"], status: 404,
            error(404, "NoSuchEntity", "The role with name gone cannot be found."),
            [
                "error": [
                    "Code": "NoSuchEntity", "Message": "The role with name gone cannot be found.",
                    "Type": "Sender",
                ],
                "status": 404,
            ]),
        answer(
            "EntityAlreadyExists", "CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": trust],
            status: 409,
            error(409, "EntityAlreadyExists", "Role with name r already exists."),
            [
                "error": [
                    "Code": "EntityAlreadyExists", "Message": "Role with name r already exists.",
                    "Type": "Sender",
                ],
                "status": 409,
            ]),
        answer(
            "MalformedPolicyDocument", "PutRolePolicy",
            ["RoleName": "r", "PolicyName": "p", "PolicyDocument": "{"],
            status: 400, error(400, "MalformedPolicyDocument", "Syntax errors in policy. <at line 1>"),
            [
                "error": [
                    "Code": "MalformedPolicyDocument", "Message": "Syntax errors in policy. <at line 1>",
                    "Type": "Sender",
                ],
                "status": 400,
            ]),
        answer(
            "AccessDenied", "SimulatePrincipalPolicy",
            ["PolicySourceArn": roleArn, "ActionNames": ["s3:GetObject"]],
            status: 403,
            error(
                403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:SimulatePrincipalPolicy"
            ),
            [
                "error": [
                    "Code": "AccessDenied", "Type": "Sender",
                    "Message":
                        "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:SimulatePrincipalPolicy",
                ],
                "status": 403,
            ]),
    ]
}
