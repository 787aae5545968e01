import BopsAWSModel
import BopsJobs
import Foundation
import Testing

@Suite struct S3AndSTSResponseTests {
    static func ok(_ body: String) -> HTTPResponseParts { HTTPResponseParts(status: 200, body: body) }

    @Test func headObjectHeadersBecomeObjectInfo() throws {
        let response = HTTPResponseParts(
            status: 200,
            headers: [
                HTTPField("ETag", "\"9a0364b9e99bb480dd25e1f0284c8555\""), HTTPField("Content-Length", "12"),
                HTTPField("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"),
                HTTPField("x-amz-version-id", "v1"),
                HTTPField("Content-Type", "text/csv"), HTTPField("x-amz-meta-Source", "logs"),
                HTTPField("x-amz-storage-class", "GLACIER_IR"),
                HTTPField("x-amz-server-side-encryption", "aws:kms"),
                HTTPField("x-amz-server-side-encryption-aws-kms-key-id", "arn:k"),
                HTTPField("x-amz-server-side-encryption-bucket-key-enabled", "true"),
                HTTPField("x-amz-checksum-sha256", "abc="), HTTPField("x-amz-object-lock-mode", "GOVERNANCE"),
                HTTPField("x-amz-object-lock-retain-until-date", "2030-01-01T00:00:00.000Z"),
                HTTPField("x-amz-object-lock-legal-hold", "ON"),
                HTTPField("x-amz-replication-status", "COMPLETED"),
                HTTPField("Expires", "Thu, 01 Jan 2032 00:00:00 GMT"),
            ])
        let info = try #require(try S3Responses.headObject(response, bucket: "b", key: "k"))
        #expect(
            info.eTag == "\"9a0364b9e99bb480dd25e1f0284c8555\"" && info.size == 12 && info.versionId == "v1")
        #expect(info.lastModified == Date(timeIntervalSince1970: 1_445_412_480))
        #expect(info.metadata.userMetadata == ["source": "logs"] && info.metadata.contentType == "text/csv")
        #expect(info.metadata.expires == AWSTimestamp.parseISO8601("2032-01-01T00:00:00Z"))
        #expect(info.storageClass == "GLACIER_IR")
        #expect(
            info.serverSideEncryption
                == ServerSideEncryption(algorithm: "aws:kms", kmsKeyId: "arn:k", bucketKeyEnabled: true))
        #expect(info.checksum == ObjectChecksum(algorithm: .sha256, value: "abc="))
        #expect(info.objectLockMode == .governance && info.objectLockLegalHoldStatus == .on)
        #expect(info.objectLockRetainUntilDate == AWSTimestamp.parseISO8601("2030-01-01T00:00:00Z"))
        #expect(info.replicationStatus == .completed)
        #expect(try S3Responses.headObject(HTTPResponseParts(status: 404), bucket: "b", key: "k") == nil)
        #expect(throws: EngineError.self) {
            try S3Responses.headObject(HTTPResponseParts(status: 403), bucket: "b", key: "k")
        }
    }

    @Test func listObjectsV2DecodesKeysAndPages() throws {
        let page = try S3Responses.listObjectsV2(Self.ok(ResponseFixtures.listObjectsV2), bucket: "src")
        #expect(page.objects.map(\.key) == ["logs/a b&c.txt", "logs/üml\naut"])
        #expect(page.objects[0].eTag == "\"9a0364b9e99bb480dd25e1f0284c8555\"")
        #expect(page.objects[1].storageClass == "GLACIER_IR" && page.objects[1].size == 0)
        #expect(page.commonPrefixes == ["logs/sub dir/"])
        #expect(
            page.isTruncated && page.nextContinuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        let last = try S3Responses.listObjectsV2(
            Self.ok("<ListBucketResult><Name>src</Name><IsTruncated>false</IsTruncated></ListBucketResult>"),
            bucket: "src")
        #expect(last.objects.isEmpty && last.nextContinuationToken == nil)
    }

    @Test func bucketConfigurations() throws {
        #expect(
            try S3Responses.bucketVersioning(
                Self.ok(
                    "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status></VersioningConfiguration>"
                ))
                == .enabled)
        #expect(try S3Responses.bucketVersioning(Self.ok("<VersioningConfiguration/>")) == nil)
        let config = try #require(try S3Responses.bucketReplication(Self.ok(ResponseFixtures.replication)))
        #expect(config.role == "arn:aws:iam::123456789012:role/replication")
        #expect(config.rules.count == 3)
        #expect(
            config.rules[0].filter?.and?.tags == [S3Tag(key: "a", value: "1"), S3Tag(key: "b", value: "2")])
        #expect(
            config.rules[0].destination
                == ReplicationDestination(
                    bucket: "arn:aws:s3:::dst", storageClass: "STANDARD_IA", account: "210987654321"))
        #expect(config.rules[0].deleteMarkerReplication == false && config.rules[0].priority == 2)
        #expect(config.rules[1].filter?.prefix == "old/" && config.rules[1].status == .disabled)
        #expect(config.rules[2].filter?.tag == S3Tag(key: "t", value: "v"))
        let none = HTTPResponseParts(
            status: 404,
            body: "<Error><Code>ReplicationConfigurationNotFoundError</Code><Message>none</Message></Error>")
        #expect(try S3Responses.bucketReplication(none) == nil)
        #expect(
            try S3Responses.objectLockEnabled(
                Self.ok(
                    "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>"
                )))
        let noLock = HTTPResponseParts(
            status: 404,
            body: "<Error><Code>ObjectLockConfigurationNotFoundError</Code><Message>none</Message></Error>")
        #expect(try S3Responses.objectLockEnabled(noLock) == false)
        let missingBucket = HTTPResponseParts(
            status: 404,
            body: "<Error><Code>NoSuchBucket</Code><Message>gone</Message><RequestId>R1</RequestId></Error>")
        #expect(throws: EngineError(code: "NoSuchBucket", message: "gone", requestId: "R1", httpStatus: 404))
        {
            try S3Responses.objectLockEnabled(missingBucket)
        }
    }

    @Test func stsAnswers() throws {
        let role = try STSResponses.assumeRole(Self.ok(ResponseFixtures.assumeRole))
        #expect(role.credentials.accessKeyId == "ASIAIOSFODNN7EXAMPLE")
        #expect(role.credentials.expiration == AWSTimestamp.parseISO8601("2019-11-09T13:34:41Z"))
        #expect(role.account == "123456789012")
        #expect(!role.credentials.description.contains(role.credentials.secretAccessKey))
        #expect(!role.credentials.description.contains(role.credentials.sessionToken))
        let web = try STSResponses.assumeRoleWithWebIdentity(
            Self.ok(ResponseFixtures.assumeRoleWithWebIdentity))
        #expect(web.account == "210987654321")
        #expect(web.credentials.expiration.timeIntervalSince1970 == 1_414_191_623.5)
        let me = try STSResponses.getCallerIdentity(Self.ok(ResponseFixtures.getCallerIdentity))
        #expect(
            me
                == CallerIdentity(
                    account: "123456789012", arn: "arn:aws:iam::123456789012:user/Alice",
                    userId: "AIDACKCEVSQ6C2EXAMPLE"))
    }

    @Test(arguments: [
        (
            HTTPResponseParts(
                status: 404,
                body:
                    "<?xml version=\"1.0\"?><ErrorResponse><Error><Code>NoSuchJob</Code><Message>The specified job does not exist</Message></Error><RequestId>R2</RequestId><HostId>H</HostId></ErrorResponse>"
            ),
            EngineError(
                code: "NoSuchJob", message: "The specified job does not exist", requestId: "R2",
                httpStatus: 404)
        ),
        (
            HTTPResponseParts(
                status: 400, headers: [HTTPField("x-amz-request-id", "HDR")],
                body: "<Error><Code>JobStatusException</Code><Message>no</Message></Error>"),
            EngineError(code: "JobStatusException", message: "no", requestId: "HDR", httpStatus: 400)
        ),
        (
            HTTPResponseParts(
                status: 403,
                body:
                    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error><RequestId>R3</RequestId></ErrorResponse>"
            ),
            EngineError(code: "AccessDenied", message: "not allowed", requestId: "R3", httpStatus: 403)
        ),
        (
            HTTPResponseParts(status: 404, headers: [HTTPField("X-Amz-Request-Id", "R4")]),
            EngineError(code: "404", message: "Not Found", requestId: "R4", httpStatus: 404)
        ),
        (
            HTTPResponseParts(status: 502, body: "<html>bad gateway</html"),
            EngineError(code: "502", message: "Bad Gateway: <html>bad gateway</html", httpStatus: 502)
        ),
    ])
    func errorsBecomeEngineErrors(_ response: HTTPResponseParts, _ expected: EngineError) {
        #expect(AWSErrors.engineError(response) == expected)
    }

    @Test func noSuchJobIsRecognised() {
        let error = AWSErrors.engineError(
            HTTPResponseParts(
                status: 404, body: "<Error><Code>NotFoundException</Code><Message>x</Message></Error>"))
        #expect(error.isNoSuchJob)
    }
}
