import BopsEmulator
import BopsJobs
import BopsLocalEngine
import BopsTestSupport
import Foundation
import Testing

@Suite(.tags(.process)) struct ServerTests {
    static let account = "123456789012"

    static func createJobBody(token: String, confirm: Bool, etag: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <CreateJobRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">
          <ConfirmationRequired>\(confirm)</ConfirmationRequired>
          <Operation><S3PutObjectCopy><TargetResource>arn:aws:s3:::dst</TargetResource></S3PutObjectCopy></Operation>
          <Report><Enabled>false</Enabled></Report>
          <ClientRequestToken>\(token)</ClientRequestToken>
          <Manifest>
            <Spec><Format>S3BatchOperations_CSV_20180820</Format><Fields><member>Bucket</member><member>Key</member></Fields></Spec>
            <Location><ObjectArn>arn:aws:s3:::src/manifest.csv</ObjectArn><ETag>\(etag)</ETag></Location>
          </Manifest>
          <Priority>5</Priority>
          <RoleArn>arn:aws:iam::123456789012:role/r</RoleArn>
        </CreateJobRequest>
        """
    }

    @Test func unsignedRequestsAreRefusedWhenVerifying() async throws {
        try await withEmulator { _, running in
            let control = await send(
                "GET", running.endpoint.url + "/v20180820/jobs", headers: ["x-amz-account-id": Self.account])
            #expect(control.status == 403)
            #expect(
                control.body.contains("<ErrorResponse><Error><Code>AccessDenied</Code>"), "\(control.body)")
            #expect(element("RequestId", in: control.body) == control.headers["x-amz-request-id"])
            let s3 = await send("GET", running.endpoint.url + "/")
            #expect(s3.status == 403)
            #expect(s3.body.contains("<Error><Code>AccessDenied</Code>"), "\(s3.body)")
        }
    }

    @Test func configurationErrorsAreClear() throws {
        let dir = try TempFolder(prefix: "bops-emulator-tests")
        #expect(throws: EngineError.self) {
            try EmulatorServer(configuration: .init(dataDir: dir.path, credentials: [:]))
        }
        #expect(throws: EngineError.self) {
            try EmulatorServer(configuration: .init(port: 70000, dataDir: dir.path, verifySignatures: false))
        }
    }

    @Test func hostWithAccountPrefixAndMalformedBodies() async throws {
        try await withEmulator({ $0.verifySignatures = false }) { _, running in
            let url = running.endpoint.url
            // The account comes from the Host label when the header is absent.
            let prefixed = await send(
                "GET", url + "/v20180820/jobs",
                headers: ["Host": "\(Self.account).127.0.0.1:\(running.endpoint.port)"])
            #expect(prefixed.status == 200, "\(prefixed.body)")
            #expect(prefixed.body.contains("<ListJobsResult"), "\(prefixed.body)")
            let missing = await send("GET", url + "/v20180820/jobs")
            #expect(missing.status == 400)
            #expect(missing.body.contains("x-amz-account-id"))
            let malformed = await send(
                "POST", url + "/v20180820/jobs", body: "<CreateJobRequest><Priority>",
                headers: ["x-amz-account-id": Self.account])
            #expect(malformed.status == 400)
            #expect(element("Code", in: malformed.body) == "MalformedXML")
            let incomplete = await send(
                "POST", url + "/v20180820/jobs",
                body: "<CreateJobRequest><Priority>1</Priority></CreateJobRequest>",
                headers: ["x-amz-account-id": Self.account])
            #expect(incomplete.status == 400)
            #expect(element("Code", in: incomplete.body) == "BadRequestException")
            #expect(incomplete.body.contains("missing element"), "\(incomplete.body)")
            let unknown = await send(
                "PATCH", url + "/v20180820/jobs/abcdef", headers: ["x-amz-account-id": Self.account])
            #expect(unknown.status == 501)
        }
    }

    @Test func virtualHostedBucketsAndPayloadHashes() async throws {
        try await withEmulator({ $0.verifySignatures = false }) { server, running in
            let url = running.endpoint.url
            #expect(await send("PUT", url + "/vhost").status == 200)
            let put = await send(
                "PUT", url + "/key.txt", body: "hello",
                headers: ["Host": "vhost.localhost:\(running.endpoint.port)", "Content-Type": "text/plain"])
            #expect(put.status == 200, "\(put.body)")
            #expect(put.headers["etag"] == "\"5d41402abc4b2a76b9719d911017c592\"")
            let get = await send("GET", url + "/vhost/key.txt")
            #expect(get.body == "hello")
            #expect(get.headers["content-type"] == "text/plain")
            let wrongHash = await send(
                "PUT", url + "/vhost/other", body: "hello",
                headers: ["x-amz-content-sha256": String(repeating: "0", count: 64)])
            #expect(wrongHash.status == 400)
            #expect(element("Code", in: wrongHash.body) == "XAmzContentSHA256Mismatch")
            let keys = try server.engine.store.listObjectVersions(bucket: "vhost").map(\.key)
            #expect(keys == ["key.txt"])
        }
    }

    @Test func jobsSurviveARestartAndFinish() async throws {
        let dir = try TempFolder(prefix: "bops-emulator-tests")
        var configuration = EmulatorServer.Configuration(
            dataDir: dir.path, verifySignatures: false, pace: .milliseconds(200), batchSize: 1,
            tick: .milliseconds(20))
        var server = try EmulatorServer(configuration: configuration)
        var running = try await server.start()
        var url = running.endpoint.url
        let headers = ["x-amz-account-id": Self.account]
        #expect(await send("PUT", url + "/src").status == 200)
        #expect(await send("PUT", url + "/dst").status == 200)
        var manifest = ""
        for i in 0..<6 {
            #expect(await send("PUT", url + "/src/k\(i)", body: "v\(i)").status == 200)
            manifest += "src,k\(i)\n"
        }
        let etag = await send("PUT", url + "/src/manifest.csv", body: manifest).headers["etag"] ?? ""
        let created = await send(
            "POST", url + "/v20180820/jobs",
            body: Self.createJobBody(token: "t1", confirm: false, etag: etag),
            headers: headers)
        let jobId = try #require(element("JobId", in: created.body), "\(created.body)")
        // Stop while the job runs (200 ms per task), then serve the same folder again.
        var status = ""
        for _ in 0..<100 where status != "Active" {
            try await Task.sleep(for: .milliseconds(20))
            status =
                element(
                    "Status", in: await send("GET", url + "/v20180820/jobs/" + jobId, headers: headers).body)
                ?? ""
        }
        #expect(status == "Active")
        await running.stop()

        configuration.pace = .zero
        server = try EmulatorServer(configuration: configuration)
        running = try await server.start()
        url = running.endpoint.url
        for _ in 0..<250 where status != "Complete" {
            try await Task.sleep(for: .milliseconds(20))
            status =
                element(
                    "Status", in: await send("GET", url + "/v20180820/jobs/" + jobId, headers: headers).body)
                ?? ""
        }
        let job = try await server.engine.describeJob(accountId: Self.account, jobId: jobId)
        await running.stop()
        #expect(job.status == .complete)
        #expect(job.progressSummary?.numberOfTasksSucceeded == 6)
        let copies = try server.engine.store.listObjectVersions(bucket: "dst").count
        #expect(copies == 6)
    }
}
