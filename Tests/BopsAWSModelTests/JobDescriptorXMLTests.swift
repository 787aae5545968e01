import BopsAWSModel
import BopsJobs
import Foundation
import Testing

@Suite struct JobDescriptorXMLTests {
    @Test func jobDescriptorRoundTrips() throws {
        let job = JobDescriptor(
            jobId: "abc-123", confirmationRequired: true, description: "d <&>", status: .suspended,
            manifest: JobManifest(
                spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
                location: JobManifestLocation(objectArn: "arn:aws:s3:::m/k.csv", eTag: "\"e\"")),
            operation: .s3PutObjectCopy(
                S3CopyObjectOperation(
                    targetResource: "arn:aws:s3:::dst",
                    newObjectMetadata: S3ObjectMetadata(userMetadata: ["a": "1", "b": "2"]),
                    newObjectTagging: [S3Tag(key: "k", value: "v")])),
            priority: 7, report: JobReport(enabled: false),
            creationTime: Date(timeIntervalSince1970: 1_700_000_000.25),
            roleArn: "arn:aws:iam::123456789012:role/r")
        let body = S3ControlResponses.describeJobBody(job)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains("<Fields><member>Bucket</member><member>Key</member></Fields>"))
        #expect(text.contains("<UserMetadata><entry><key>a</key><value>1</value></entry>"))
        #expect(text.contains("<CreationTime>2023-11-14T22:13:20.250Z</CreationTime>"))
        #expect(text.contains("<S3PutObjectCopy>"))
        let back = try S3ControlResponses.describeJob(HTTPResponseParts(status: 200, body: body))
        #expect(back == job)
    }
}
