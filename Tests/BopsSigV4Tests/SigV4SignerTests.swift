import Foundation
import Testing

@testable import BopsSigV4

private let credentials = AWSCredentials(
    accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
private let may24 = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

@Suite("SigV4 signer")
struct SigV4SignerTests {
    // The worked examples of the S3 documentation ("Signature Calculations for the Authorization
    // Header" and "Query Parameters").
    @Test("S3 documentation example: GET object with headers")
    func s3DocumentationGetObject() throws {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3", options: .s3)
        let request = SigV4Request(
            method: "GET", path: "/test.txt",
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")])
        let signed = try signer.sign(request, at: may24)
        #expect(
            signed.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test("S3 documentation example: presigned GET")
    func s3DocumentationPresign() throws {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3", options: .s3)
        let request = SigV4Request(
            method: "GET", path: "/test.txt", headers: [("Host", "examplebucket.s3.amazonaws.com")],
            payload: .unsigned)
        let presigned = try signer.presign(request, at: may24, expires: 86_400)
        #expect(
            presigned.details.signature == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        #expect(
            presigned.encodedQuery.hasPrefix(
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F"))
    }

    @Test("S3 rules: path neither normalised nor re-encoded, payload hash sent and signed")
    func s3Rules() throws {
        let s3 = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "s3", options: .s3)
        let request = SigV4Request(
            method: "PUT", path: "/a//b/./c%20d%2Be~f",
            headers: [("host", "bucket.s3.eu-west-1.amazonaws.com")],
            payload: .bytes(Array("hello".utf8)))
        let signed = try s3.sign(request, at: may24)
        let lines = signed.details.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "/a//b/./c%20d%2Be~f")
        let hash = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        #expect(lines.last.map(String.init) == hash)
        #expect(signed.headers.contains { $0.name == "X-Amz-Content-SHA256" && $0.value == hash })
        #expect(signed.details.signedHeaders == "host;x-amz-content-sha256;x-amz-date")

        let standard = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "sts")
        let other = try standard.sign(request, at: may24)
        let otherLines = other.details.canonicalRequest.split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(otherLines[1] == "/a/b/c%2520d%252Be~f")
        #expect(!other.headers.contains { $0.name.lowercased() == "x-amz-content-sha256" })
    }

    @Test("session token: signed as x-amz-security-token, or sent unsigned when asked")
    func sessionToken() throws {
        let temporary = AWSCredentials(
            accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "tok en")
        let request = SigV4Request(method: "GET", path: "/", headers: [("Host", "sts.amazonaws.com")])
        let signed = try SigV4Signer(credentials: temporary, region: "us-east-1", service: "sts")
            .sign(request, at: may24)
        #expect(signed.details.signedHeaders == "host;x-amz-date;x-amz-security-token")
        #expect(signed.details.canonicalRequest.contains("\nx-amz-security-token:tok en\n"))
        #expect(signed.headers.contains { $0.name == "X-Amz-Security-Token" && $0.value == "tok en" })

        var options = SigV4Signer.Options.standard
        options.signSessionToken = false
        let unsigned = try SigV4Signer(
            credentials: temporary, region: "us-east-1", service: "sts", options: options
        )
        .sign(request, at: may24)
        #expect(unsigned.details.signedHeaders == "host;x-amz-date")
        #expect(unsigned.headers.contains { $0.name == "X-Amz-Security-Token" && $0.value == "tok en" })
    }

    @Test("stale signing headers are replaced, unsigned headers are sent but not signed")
    func headerHandling() throws {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3", options: .s3)
        let request = SigV4Request(
            method: "get", path: "",
            headers: [
                ("Host", "h.example"), ("Authorization", "old"), ("X-Amz-Date", "19990101T000000Z"),
                ("User-Agent", "bops/1"), ("X-Amz-Meta-A", "  two   words "), ("x-amz-meta-a", "b"),
            ])
        let signed = try signer.sign(request, at: may24)
        let names = signed.headers.map { $0.name.lowercased() }
        #expect(names.filter { $0 == "authorization" }.count == 1)
        #expect(names.filter { $0 == "x-amz-date" }.count == 1)
        #expect(signed.headers.contains { $0.name == "X-Amz-Date" && $0.value == "20130524T000000Z" })
        #expect(names.contains("user-agent"))
        #expect(signed.details.signedHeaders == "host;x-amz-content-sha256;x-amz-date;x-amz-meta-a")
        #expect(signed.details.canonicalRequest.hasPrefix("GET\n/\n\n"))
        #expect(signed.details.canonicalRequest.contains("\nx-amz-meta-a:two words,b\n"))
    }

    @Test("canonical query: encoded, sorted by encoded name then value")
    func canonicalQuery() {
        let query = Canonical.query([
            ("prefix", "a b"), ("list-type", "2"), ("k", "b"), ("k", "a"), ("ሴ", "+/~"), ("B", ""),
        ])
        // Byte order: "%" (0x25) sorts before letters.
        #expect(query == "%E1%88%B4=%2B%2F~&B=&k=a&k=b&list-type=2&prefix=a%20b")
    }

    @Test("the cached signing key follows the date")
    func signingKeyCache() throws {
        let request = SigV4Request(method: "GET", path: "/", headers: [("host", "h")])
        let shared = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3", options: .s3)
        for date in [may24, may24.addingTimeInterval(86_400), may24] {
            let fresh = SigV4Signer(
                credentials: credentials, region: "us-east-1", service: "s3", options: .s3)
            #expect(
                try shared.sign(request, at: date).authorization
                    == fresh.sign(request, at: date).authorization)
        }
    }

    @Test(
        "bad requests give a clear error",
        arguments: [
            (SigV4Request(method: "GET", path: "/", headers: []), "headers"),
            (SigV4Request(method: "GET", path: "/", headers: [("host", "  ")]), "headers"),
            (SigV4Request(method: "G T", path: "/", headers: [("host", "h")]), "method"),
            (SigV4Request(method: "GET", path: "x", headers: [("host", "h")]), "path"),
            (SigV4Request(method: "GET", path: "/a?b=c", headers: [("host", "h")]), "path"),
            (
                SigV4Request(method: "GET", path: "/", headers: [("host", "h"), ("bad name", "v")]),
                "headers[1]"
            ),
        ])
    func rejects(_ request: SigV4Request, field: String) {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        #expect(throws: SigV4Error.self) { try signer.sign(request, at: may24) }
        do {
            _ = try signer.sign(request, at: may24)
        } catch {
            #expect(error.field == field)
            #expect(!error.description.contains(credentials.secretAccessKey))
            #expect(error.description.contains("hint:"))
        }
    }

    @Test("presign rejects bad expiry, a presigned query and an empty region")
    func presignRejects() {
        let request = SigV4Request(method: "GET", path: "/", headers: [("host", "h")])
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3", options: .s3)
        for expires in [0, -5, 604_801] {
            #expect(throws: SigV4Error.self) { try signer.presign(request, at: may24, expires: expires) }
        }
        var presigned = request
        presigned.query = [("X-Amz-Signature", "abc")]
        #expect(throws: SigV4Error.self) { try signer.presign(presigned, at: may24, expires: 60) }
        let noRegion = SigV4Signer(credentials: credentials, region: "", service: "s3")
        #expect(throws: SigV4Error.self) { try noRegion.sign(request, at: may24) }
    }
}

@Suite("SigV4 results hide secrets")
struct SigV4RedactionTests {
    private static let temporary = AWSCredentials(
        accessKeyId: "ASIAEXAMPLEKEYID", secretAccessKey: "secret/KEY+value",
        sessionToken: "TOKEN/with+chars==")

    private static func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return ["\(value)", String(reflecting: value), dumped]
    }

    @Test("signed headers, presigned query and details render without token or signature")
    func redacted() throws {
        let signer = SigV4Signer(
            credentials: Self.temporary, region: "us-east-1", service: "s3", options: .s3)
        let request = SigV4Request(method: "GET", path: "/k", headers: [("host", "b.s3.amazonaws.com")])
        let signed = try signer.sign(request, at: Date(timeIntervalSince1970: 0))
        let presigned = try signer.presign(request, at: Date(timeIntervalSince1970: 0), expires: 60)
        let secrets = [
            "secret/KEY+value", "TOKEN/with+chars==", "TOKEN%2Fwith%2Bchars%3D%3D", signed.details.signature,
            presigned.details.signature,
        ]
        // The raw canonical request does hold the token: the redacted form must not.
        #expect(signed.details.canonicalRequest.contains("TOKEN/with+chars=="))
        #expect(presigned.details.canonicalRequest.contains("TOKEN%2Fwith%2Bchars%3D%3D"))
        let texts =
            Self.renderings(signed) + Self.renderings(presigned) + Self.renderings(signer)
            + [signed.details.redactedCanonicalRequest, presigned.details.redactedCanonicalRequest]
        for text in texts {
            for secret in secrets {
                #expect(!text.contains(secret), "secret visible in: \(text.prefix(200))")
            }
        }
        #expect(signed.details.redactedCanonicalRequest.contains("x-amz-security-token:<redacted>"))
        #expect(presigned.details.redactedCanonicalRequest.contains("X-Amz-Security-Token=<redacted>"))
    }
}
