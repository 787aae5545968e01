import BopsJobs
import Foundation
import Testing

@testable import BopsEmulator

@Suite struct XMLTests {
    @Test func parsesEntitiesCDATAAndNamespaces() throws {
        let text =
            "<?xml version=\"1.0\"?><a:R xmlns:a=\"u\"><K>x &amp; &lt;y&gt; &#65;&#x42;</K><C><![CDATA[<z>]]></C><E/></a:R>"
        let root = try XMLReader.parse(Array(text.utf8))
        #expect(root.name == "R")
        #expect(root.value("K") == "x & <y> AB")
        #expect(root.value("C") == "<z>")
        #expect(root.child("E") != nil)
    }

    @Test(arguments: ["", "<a>", "<a></b>", "<a x=1/>", "<a>&bogus;</a>", "<a/><b/>", "<!DOCTYPE a><a/>"])
    func rejectsMalformed(_ text: String) {
        #expect(throws: XMLParseError.self) { try XMLReader.parse(Array(text.utf8)) }
    }

    @Test func rejectsDeepNesting() {
        let text = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect(throws: XMLParseError.self) { try XMLReader.parse(Array(text.utf8)) }
    }

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
        let element = try XMLEncoding.encode(job, as: "Job")
        var text = ""
        element.render(into: &text)
        #expect(text.contains("<Fields><member>Bucket</member><member>Key</member></Fields>"))
        #expect(text.contains("<UserMetadata><entry><key>a</key><value>1</value></entry>"))
        #expect(text.contains("<CreationTime>2023-11-14T22:13:20.250Z</CreationTime>"))
        #expect(text.contains("<S3PutObjectCopy>"))
        let back = try XMLDecoding.decode(JobDescriptor.self, from: try XMLReader.parse(Array(text.utf8)))
        #expect(back == job)
    }
}
