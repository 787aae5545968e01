import BopsAWSModel
import BopsEmulator
import BopsLocalEngine
import Foundation
import Testing

/// GetObject and HeadObject over HTTP: ranges, part numbers, conditional reads and overrides, as
/// S3 answers them.
@Suite("emulator object reads", .tags(.process))
struct ObjectReadTests {
    static func unsigned(_ c: inout EmulatorServer.Configuration) { c.verifySignatures = false }

    /// A `Range` header, and what S3 answers for it on the 10-byte object `0123456789`.
    struct RangeCase: Sendable, CustomTestStringConvertible {
        var range: String
        var status: Int
        var body: String
        var contentRange: String?
        var testDescription: String { "Range: \(range) -> \(status)" }
    }

    static let rangeCases: [RangeCase] = [
        RangeCase(range: "bytes=0-3", status: 206, body: "0123", contentRange: "bytes 0-3/10"),
        RangeCase(range: "bytes=7-", status: 206, body: "789", contentRange: "bytes 7-9/10"),
        RangeCase(range: "bytes=-3", status: 206, body: "789", contentRange: "bytes 7-9/10"),
        RangeCase(range: "bytes=-30", status: 206, body: "0123456789", contentRange: "bytes 0-9/10"),
        RangeCase(range: "bytes=5-100", status: 206, body: "56789", contentRange: "bytes 5-9/10"),
        RangeCase(range: "bytes=9-9", status: 206, body: "9", contentRange: "bytes 9-9/10"),
        // Several ranges, or a value S3 cannot read: the whole object, 200.
        RangeCase(range: "bytes=0-1,4-5", status: 200, body: "0123456789"),
        RangeCase(range: "bytes=abc", status: 200, body: "0123456789"),
        RangeCase(range: "lines=1-2", status: 200, body: "0123456789"),
        RangeCase(range: "bytes=10-", status: 416, body: ""),
        RangeCase(range: "bytes=-0", status: 416, body: ""),
    ]

    @Test(arguments: rangeCases)
    func rangedGet(_ c: RangeCase) async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            let url = running.endpoint.url + "/bkt/digits"
            #expect((await send("PUT", url, body: "0123456789")).status == 200)
            let got = await send("GET", url, headers: ["Range": c.range])
            #expect(got.status == c.status, "\(got.body)")
            if c.status == 416 {
                #expect(element("Code", in: got.body) == "InvalidRange")
                #expect(element("ActualObjectSize", in: got.body) == "10")
                #expect(element("RangeRequested", in: got.body) == c.range)
                #expect(got.headers["content-range"] == "bytes */10")
                return
            }
            #expect(got.body == c.body)
            #expect(got.headers["content-range"] == c.contentRange)
            #expect(got.headers["content-length"] == String(c.body.count))
            let head = await send("HEAD", url, headers: ["Range": c.range])
            #expect(head.status == c.status)
            #expect(head.headers["content-length"] == String(c.body.count))
        }
    }

    /// Conditional headers against the object's ETag and date, and S3's answer.
    struct ConditionCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// Header name -> value; `ETAG` is replaced by the object's ETag, `PAST` and `FUTURE` by
        /// dates an hour before and after the upload.
        var headers: [String: String]
        var status: Int
        var condition: String? = nil
        var testDescription: String { name }
    }

    static let conditionCases: [ConditionCase] = [
        ConditionCase(name: "If-Match holds", headers: ["If-Match": "ETAG"], status: 200),
        ConditionCase(name: "If-Match among several", headers: ["If-Match": "\"0000\", ETAG"], status: 200),
        ConditionCase(name: "If-Match *", headers: ["If-Match": "*"], status: 200),
        ConditionCase(
            name: "If-Match fails", headers: ["If-Match": "\"0000\""], status: 412, condition: "If-Match"),
        ConditionCase(name: "If-None-Match matches", headers: ["If-None-Match": "ETAG"], status: 304),
        ConditionCase(name: "If-None-Match differs", headers: ["If-None-Match": "\"0000\""], status: 200),
        ConditionCase(name: "If-Modified-Since before", headers: ["If-Modified-Since": "PAST"], status: 200),
        ConditionCase(name: "If-Modified-Since after", headers: ["If-Modified-Since": "FUTURE"], status: 304),
        ConditionCase(
            name: "If-Unmodified-Since after", headers: ["If-Unmodified-Since": "FUTURE"], status: 200),
        ConditionCase(
            name: "If-Unmodified-Since before", headers: ["If-Unmodified-Since": "PAST"], status: 412,
            condition: "If-Unmodified-Since"),
        // S3's precedence: If-Match holding overrides a failing If-Unmodified-Since ...
        ConditionCase(
            name: "If-Match holds, If-Unmodified-Since fails",
            headers: ["If-Match": "ETAG", "If-Unmodified-Since": "PAST"], status: 200),
        // ... and If-None-Match decides alone when present.
        ConditionCase(
            name: "If-None-Match matches, If-Modified-Since before",
            headers: ["If-None-Match": "ETAG", "If-Modified-Since": "PAST"], status: 304),
        ConditionCase(
            name: "If-None-Match differs, If-Modified-Since after",
            headers: ["If-None-Match": "\"0000\"", "If-Modified-Since": "FUTURE"], status: 200),
        ConditionCase(
            name: "If-Match fails, If-None-Match differs",
            headers: ["If-Match": "\"0000\"", "If-None-Match": "\"1111\""], status: 412, condition: "If-Match"
        ),
    ]

    @Test(arguments: conditionCases)
    func conditionalGetAndHead(_ c: ConditionCase) async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            let url = running.endpoint.url + "/bkt/k"
            let put = await send("PUT", url, body: "conditional")
            let eTag = try #require(put.headers["etag"])
            let now = Date()
            var headers: [String: String] = [:]
            for (name, value) in c.headers {
                headers[name] =
                    value
                    .replacingOccurrences(of: "ETAG", with: eTag)
                    .replacingOccurrences(of: "PAST", with: AWSTimestamp.httpDate(now - 3600))
                    .replacingOccurrences(of: "FUTURE", with: AWSTimestamp.httpDate(now + 3600))
            }
            for method in ["GET", "HEAD"] {
                let got = await send(method, url, headers: headers)
                #expect(got.status == c.status, "\(method): \(got.body)")
                if c.status == 200, method == "GET" { #expect(got.body == "conditional") }
                if c.status == 304 { #expect(got.headers["etag"] == eTag) }
                if let condition = c.condition, method == "GET" {
                    #expect(element("Code", in: got.body) == "PreconditionFailed")
                    #expect(element("Condition", in: got.body) == condition)
                }
            }
        }
    }

    @Test func responseOverridesReplaceHeaders() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            let url = running.endpoint.url + "/bkt/report.txt"
            _ = await send(
                "PUT", url, body: "x", headers: ["Content-Type": "text/plain", "Cache-Control": "max-age=1"])
            let got = await send(
                "GET",
                url + "?response-content-type=text%2Fcsv&response-cache-control=no-cache"
                    + "&response-content-disposition=attachment%3B%20filename%3Dr.csv&response-content-language=de"
                    + "&response-expires=Thu%2C%2001%20Jan%202037%2000%3A00%3A00%20GMT")
            #expect(got.status == 200)
            #expect(got.headers["content-type"] == "text/csv")
            #expect(got.headers["cache-control"] == "no-cache")
            #expect(got.headers["content-disposition"] == "attachment; filename=r.csv")
            #expect(got.headers["content-language"] == "de")
            #expect(got.headers["expires"] == "Thu, 01 Jan 2037 00:00:00 GMT")
            #expect(
                (await send("GET", url)).headers["content-type"] == "text/plain", "the object is unchanged")
        }
    }

    @Test func partNumberReadsOnePart() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            let store = server.engine.store
            try store.createBucket("bkt")
            var attributes = ObjectAttributes()
            attributes.partSize = 4
            _ = try store.putObject(
                bucket: "bkt", key: "parts", body: Array("0123456789".utf8), attributes: attributes)
            let url = running.endpoint.url + "/bkt/parts"
            let second = await send("GET", url + "?partNumber=2")
            #expect(second.status == 206)
            #expect(second.body == "4567")
            #expect(second.headers["content-range"] == "bytes 4-7/10")
            #expect(second.headers["x-amz-mp-parts-count"] == "3")
            let last = await send("HEAD", url + "?partNumber=3")
            #expect(last.status == 206)
            #expect(last.headers["content-length"] == "2")
            let beyond = await send("GET", url + "?partNumber=4")
            #expect(beyond.status == 416)
            #expect(element("Code", in: beyond.body) == "InvalidPartNumber")
            let zero = await send("GET", url + "?partNumber=0")
            #expect(zero.status == 400)
            #expect(element("Code", in: zero.body) == "InvalidArgument")
            let both = await send("GET", url + "?partNumber=1", headers: ["Range": "bytes=0-1"])
            #expect(both.status == 400)
            #expect(element("Code", in: both.body) == "InvalidRequest")
            _ = await send("PUT", running.endpoint.url + "/bkt/single", body: "whole")
            let single = await send("GET", running.endpoint.url + "/bkt/single?partNumber=1")
            #expect(single.status == 206)
            #expect(single.body == "whole")
            #expect(single.headers["x-amz-mp-parts-count"] == nil)
            #expect((await send("GET", running.endpoint.url + "/bkt/single?partNumber=2")).status == 416)
        }
    }
}
