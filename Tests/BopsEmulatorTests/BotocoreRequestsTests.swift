import BopsAWSModel
import BopsJobs
import BopsTestSupport
import Foundation
import Testing

@testable import BopsEmulator

/// Every operation the emulator serves, as botocore serialises it (both S3 addressing styles),
/// answered by the emulator's handlers; each answer parses with botocore's parser for that
/// operation, to the values the emulator holds.
@Suite(
    .enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)),
    .tags(.process))
struct BotocoreRequestsTests {
    static let account = "123456789012"

    /// One call: the operation, botocore's parameters, and a check of botocore's parse of the answer.
    struct Call {
        var service: String
        var operation: String
        var params: [String: Any]
        var addressing = "path"
        var body: String?
        var check: (_ parsed: [String: Any], _ answer: Answer) -> Void = { _, _ in }
    }

    /// Serialises `calls` with botocore, sends each to the emulator in order, and parses every answer.
    static func run(_ calls: [Call], server: EmulatorServer) async throws -> [[String: Any]] {
        let cases = calls.map { call -> [String: Any] in
            var entry: [String: Any] = [
                "service": call.service, "operation": call.operation, "region": "us-east-1",
                "params": call.params,
                "addressing": call.addressing,
            ]
            if let body = call.body { entry["bodyText"] = body }
            return entry
        }
        let sent = try BotocoreOracle.serialise(cases)
        var answers: [(Call, Answer)] = []
        for (call, result) in zip(calls, sent) {
            let request = try result.get()
            let target = request.query.isEmpty ? request.path : request.path + "?" + request.query
            var headers = request.headers.map { (name: $0.key, value: $0.value) }
            headers.removeAll { $0.name == "host" }
            headers.append(("host", request.host))
            let incoming = IncomingRequest(
                method: request.method, target: target, headers: headers, body: request.body)
            let responder = server.responder
            let answer =
                call.service == "s3control"
                ? try await responder.control.handle(incoming) : try await responder.s3.handle(incoming)
            #expect((200..<300).contains(answer.status), "\(call.operation): HTTP \(answer.status)")
            answers.append((call, answer))
        }
        let parsed = try BotocoreOracle.results(
            "parse.py",
            cases: answers.map { call, answer in
                [
                    "service": call.service, "operation": call.operation, "status": answer.status,
                    "headers": Dictionary(answer.headers, uniquingKeysWith: { a, _ in a }),
                    "body": String(decoding: answer.body, as: UTF8.self),
                ]
            })
        var out: [[String: Any]] = []
        for ((call, answer), result) in zip(answers, parsed) {
            let object = result as? [String: Any] ?? [:]
            #expect(
                object["error"] == nil, "\(call.operation): botocore could not parse the answer: \(object)")
            call.check(object, answer)
            out.append(object)
        }
        return out
    }

    @Test(arguments: ["path", "virtual"])
    func everyServedOperation(_ addressing: String) async throws {
        let dir = try TempFolder(prefix: "bops-emulator-tests")
        let server = try EmulatorServer(
            configuration: .init(
                dataDir: dir.path, verifySignatures: false,
                virtualHostSuffixes: ["s3.amazonaws.com", "localhost"]))
        let role = "arn:aws:iam::\(Self.account):role/batch-ops"
        let manifest = "src,logs/a b+c.txt\nsrc,logs/z.txt\n"
        func s3(
            _ operation: String, _ params: [String: Any], body: String? = nil,
            check: @escaping ([String: Any], Answer) -> Void = { _, _ in }
        ) -> Call {
            Call(
                service: "s3", operation: operation, params: params, addressing: addressing, body: body,
                check: check)
        }
        func control(
            _ operation: String, _ params: [String: Any],
            check: @escaping ([String: Any], Answer) -> Void = { _, _ in }
        ) -> Call {
            var all = params
            all["AccountId"] = Self.account
            return Call(service: "s3control", operation: operation, params: all, check: check)
        }
        let rule: [String: Any] = [
            "ID": "all", "Priority": 1, "Status": "Enabled", "Filter": ["Prefix": "logs/"],
            "Destination": ["Bucket": "arn:aws:s3:::dst", "StorageClass": "STANDARD_IA"],
            "DeleteMarkerReplication": ["Status": "Disabled"],
        ]
        var manifestETag = ""
        _ = try await Self.run(
            [
                s3("CreateBucket", ["Bucket": "src"]),
                s3("CreateBucket", ["Bucket": "dst"]),
                s3("CreateBucket", ["Bucket": "locked", "ObjectLockEnabledForBucket": true]),
                s3("HeadBucket", ["Bucket": "src"]),
                s3("ListBuckets", [:]) { parsed, _ in
                    let names = (parsed["Buckets"] as? [[String: Any]])?.compactMap { $0["Name"] as? String }
                    #expect(names == ["dst", "locked", "src"])
                },
                s3("GetObjectLockConfiguration", ["Bucket": "locked"]) { parsed, _ in
                    let configuration = parsed["ObjectLockConfiguration"] as? [String: Any]
                    #expect(configuration?["ObjectLockEnabled"] as? String == "Enabled")
                },
                s3(
                    "PutBucketVersioning",
                    ["Bucket": "src", "VersioningConfiguration": ["Status": "Enabled"]]),
                s3("GetBucketVersioning", ["Bucket": "src"]) { parsed, _ in
                    #expect(parsed["Status"] as? String == "Enabled")
                },
                s3(
                    "PutBucketReplication",
                    ["Bucket": "src", "ReplicationConfiguration": ["Role": role, "Rules": [rule]]]),
                s3("GetBucketReplication", ["Bucket": "src"]) { parsed, _ in
                    let configuration = parsed["ReplicationConfiguration"] ?? [:]
                    let mismatches = BotocoreOracle.mismatches(
                        expected: ["Role": role, "Rules": [rule]], parsed: configuration)
                    #expect(mismatches.isEmpty, "\(mismatches)")
                },
                s3("DeleteBucketReplication", ["Bucket": "src"]),
                s3(
                    "PutObject",
                    [
                        "Bucket": "src", "Key": "logs/a b+c.txt", "ContentType": "text/plain",
                        "Metadata": ["team": "data"], "Tagging": "tier=cold",
                    ], body: "hello"),
                s3("PutObject", ["Bucket": "src", "Key": "logs/z.txt"], body: ""),
                s3("PutObject", ["Bucket": "src", "Key": "manifest.csv"], body: manifest) { parsed, _ in
                    manifestETag = parsed["ETag"] as? String ?? ""
                },
                s3("HeadObject", ["Bucket": "src", "Key": "logs/a b+c.txt"]) { parsed, _ in
                    #expect(parsed["ContentType"] as? String == "text/plain")
                    #expect(parsed["Metadata"] as? [String: String] == ["team": "data"])
                    #expect((parsed["TagCount"] as? NSNumber)?.intValue == 1)
                    #expect(parsed["VersionId"] != nil)
                },
                s3("GetObject", ["Bucket": "src", "Key": "logs/a b+c.txt"]) { _, answer in
                    #expect(answer.body == Array("hello".utf8))
                },
                s3("ListObjectsV2", ["Bucket": "src", "Prefix": "logs/", "MaxKeys": 1]) { parsed, _ in
                    let keys = (parsed["Contents"] as? [[String: Any]])?.compactMap { $0["Key"] as? String }
                    // parse.py is botocore's parser without the client's URL-decoding handler.
                    #expect(keys == ["logs/a%20b%2Bc.txt"])
                    #expect(parsed["IsTruncated"] as? Bool == true)
                    #expect(parsed["NextContinuationToken"] as? String != nil)
                },
            ], server: server)
        #expect(manifestETag.count == 34)
        var jobId = ""
        _ = try await Self.run(
            [
                control(
                    "CreateJob",
                    [
                        "ConfirmationRequired": true,
                        "Operation": [
                            "S3PutObjectCopy": [
                                "TargetResource": "arn:aws:s3:::dst", "MetadataDirective": "COPY",
                            ]
                        ],
                        "Report": ["Enabled": false], "ClientRequestToken": "token-\(addressing)",
                        "Manifest": [
                            "Spec": [
                                "Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"],
                            ],
                            "Location": ["ObjectArn": "arn:aws:s3:::src/manifest.csv", "ETag": manifestETag],
                        ],
                        "Description": "copy & <check>", "Priority": 10, "RoleArn": role,
                        "Tags": [["Key": "bops:spec", "Value": "s"]],
                    ]
                ) { parsed, _ in jobId = parsed["JobId"] as? String ?? "" }
            ], server: server)
        #expect(!jobId.isEmpty)
        _ = try await Self.run(
            [
                control("DescribeJob", ["JobId": jobId]) { parsed, _ in
                    let job = parsed["Job"] as? [String: Any]
                    #expect(job?["JobId"] as? String == jobId)
                    #expect(job?["Description"] as? String == "copy & <check>")
                    #expect((job?["Priority"] as? NSNumber)?.intValue == 10)
                    let copy = (job?["Operation"] as? [String: Any])?["S3PutObjectCopy"] as? [String: Any]
                    #expect(copy?["TargetResource"] as? String == "arn:aws:s3:::dst")
                },
                control(
                    "ListJobs",
                    ["JobStatuses": ["New", "Preparing", "Suspended", "Ready"], "MaxResults": 10]
                ) {
                    parsed, _ in
                    let ids = (parsed["Jobs"] as? [[String: Any]])?.compactMap { $0["JobId"] as? String }
                    #expect(ids == [jobId])
                },
                control("UpdateJobPriority", ["JobId": jobId, "Priority": 42]) { parsed, _ in
                    #expect((parsed["Priority"] as? NSNumber)?.intValue == 42)
                },
                control(
                    "PutJobTagging",
                    ["JobId": jobId, "Tags": [["Key": "a", "Value": "1 & 2"], ["Key": "b", "Value": ""]]]),
                control("GetJobTagging", ["JobId": jobId]) { parsed, _ in
                    let mismatches = BotocoreOracle.mismatches(
                        expected: ["Tags": [["Key": "a", "Value": "1 & 2"], ["Key": "b", "Value": ""]]],
                        parsed: parsed)
                    #expect(mismatches.isEmpty, "\(mismatches)")
                },
                control("DeleteJobTagging", ["JobId": jobId]),
                control(
                    "UpdateJobStatus",
                    [
                        "JobId": jobId, "RequestedJobStatus": "Cancelled",
                        "StatusUpdateReason": "done & dusted",
                    ]
                ) { parsed, _ in
                    #expect(["Cancelling", "Cancelled"].contains(parsed["Status"] as? String ?? ""))
                    #expect(parsed["JobId"] as? String == jobId)
                },
            ], server: server)
        let tags = try await server.engine.getJobTagging(accountId: Self.account, jobId: jobId)
        #expect(tags.isEmpty)
    }
}
