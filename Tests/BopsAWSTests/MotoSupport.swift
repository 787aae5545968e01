import BopsAWSModel
import BopsSigV4
import Foundation
import Logging

@testable import BopsAWS

/// An engine pointed at moto for S3 and STS, with fixed test keys, and helpers that create buckets
/// (calls bops itself never makes) through the same signed sender.
struct MotoFixture {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY"
    static let token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN/+=="
    let url: String
    let engine: AWSEngine

    init(logger: Logger = silentLogger, extra: [String: String] = [:]) throws {
        url = try Moto.url()
        var values = [
            "AWS_ENDPOINT_URL_S3": url, "AWS_ENDPOINT_URL_STS": url, "AWS_ACCESS_KEY_ID": "AKIAMOTOTEST",
            "AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_SESSION_TOKEN": Self.token,
            "AWS_CONFIG_FILE": "/nonexistent/c",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/s", "AWS_EC2_METADATA_DISABLED": "true",
        ]
        values.merge(extra) { _, new in new }
        engine = try AWSEngine(
            AWSEngineConfiguration(
                region: "us-east-1", environment: AWSEnvironment(values), logger: logger,
                retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5))))
    }

    static func uniqueBucket(_ stem: String) -> String {
        "\(stem)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    func raw(_ operation: String, bucket: String, _ parts: HTTPRequestParts) async throws -> HTTPResponseParts
    {
        let response = try await engine.s3(operation, bucket: bucket) { _ in parts }
        try AWSErrors.check(response)
        return response
    }

    func createBucket(_ name: String, objectLock: Bool = false) async throws {
        var headers: [HTTPField] = []
        if objectLock { headers.append(HTTPField("x-amz-bucket-object-lock-enabled", "true")) }
        _ = try await raw(
            "CreateBucket", bucket: name, HTTPRequestParts(method: "PUT", path: "/\(name)", headers: headers))
    }

    func enableVersioning(_ name: String) async throws {
        let body = "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"
        _ = try await raw(
            "PutBucketVersioning", bucket: name,
            HTTPRequestParts(
                method: "PUT", path: "/\(name)", query: [QueryItem("versioning", nil)], body: Array(body.utf8)
            ))
    }

    func putReplication(_ name: String, destination: String) async throws {
        let body = """
            <ReplicationConfiguration><Role>arn:aws:iam::123456789012:role/replication</Role>\
            <Rule><ID>all</ID><Priority>1</Priority><Status>Enabled</Status><Filter><Prefix></Prefix></Filter>\
            <DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>\
            <Destination><Bucket>arn:aws:s3:::\(destination)</Bucket></Destination></Rule></ReplicationConfiguration>
            """
        _ = try await raw(
            "PutBucketReplication", bucket: name,
            HTTPRequestParts(
                method: "PUT", path: "/\(name)", query: [QueryItem("replication", nil)],
                body: Array(body.utf8)))
    }
}

/// A logger that drops everything, for engines whose log a test does not read.
let silentLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
