import BopsEncoding
import Foundation
import Testing

@testable import BopsSigV4

@Suite("SigV4 parts")
struct SigV4PartsTests {
    @Test("URI encoding keeps unreserved characters and uppercases the rest")
    func encoding() {
        let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        #expect(URIEncoding.encode(unreserved) == unreserved)
        #expect(URIEncoding.encode("a b+c/d=é*") == "a%20b%2Bc%2Fd%3D%C3%A9%2A")
        #expect(URIEncoding.encode("a b/c", keepSlash: true) == "a%20b/c")
        #expect(URIEncoding.encode("\u{1F600}") == "%F0%9F%98%80")
    }

    @Test("URI decoding inverts encoding and keeps malformed escapes")
    func decoding() {
        for text in ["a b+c/d=é*", "ሴ", "%", "100%", ""] {
            #expect(URIEncoding.decode(URIEncoding.encode(text)) == text)
        }
        #expect(URIEncoding.decode("%zz%4") == "%zz%4")
        #expect(URIEncoding.decode("a+b%2b") == "a+b+")
    }

    @Test(
        "path normalisation",
        arguments: [
            ("", "/"), ("/", "/"), ("//", "/"), ("/./", "/"), ("/example/..", "/"), ("/a/b/../..", "/"),
            ("/./example", "/example"), ("//example//", "/example/"), ("/a/../../b", "/b"),
            ("/a/b/", "/a/b/"),
        ])
    func normalisation(_ input: String, _ expected: String) {
        #expect(PathNormalization.normalize(input) == expected)
    }

    @Test(
        "timestamps are UTC and truncate fractions",
        arguments: [
            (0.0, "19700101T000000Z"),
            (1_440_938_160.0, "20150830T123600Z"),
            (1_709_251_199.9, "20240229T235959Z"),
            (951_868_800.0, "20000301T000000Z"),
            (-1.0, "19691231T235959Z"),
            (4_102_444_800.0, "21000101T000000Z"),
        ])
    func timestamp(_ seconds: Double, _ expected: String) {
        let time = SigV4Timestamp(Date(timeIntervalSince1970: seconds))
        #expect(time.amzDate == expected)
        #expect(time.dateStamp == String(expected.prefix(8)))
    }

    @Test("header values are trimmed and inner whitespace collapsed")
    func trimAll() {
        #expect(Canonical.trimAll("  a   b \t c\n   d  ") == "a b c d")
        #expect(Canonical.trimAll("\"a   b   c\"") == "\"a b c\"")
        #expect(Canonical.trimAll("   ") == "")
    }

    @Test("credentials never show the secret or the token")
    func credentialsRedacted() {
        let credentials = AWSCredentials(
            accessKeyId: "ASIAQWERTYUIOP", secretAccessKey: "s3cr3t-KEY-value", sessionToken: "t0ken-VALUE")
        var dumped = ""
        dump(credentials, to: &dumped)
        let renderings = [
            credentials.description, credentials.debugDescription, String(reflecting: credentials),
            "\(credentials)", dumped, String(describing: [credentials]),
        ]
        for text in renderings {
            #expect(!text.contains("s3cr3t-KEY-value"), "secret in \(text)")
            #expect(!text.contains("t0ken-VALUE"), "token in \(text)")
            #expect(!text.contains("ASIAQWERTYUIOP"), "full key id in \(text)")
        }
        #expect(credentials.description.contains("ASIA****"))
        #expect(AWSCredentials(accessKeyId: "AK", secretAccessKey: "x").maskedAccessKeyId == "**")
    }

    @Test("payload hash values")
    func payloadHash() {
        #expect(PayloadHash.bytes([]).value == PayloadHash.emptySHA256)
        #expect(PayloadHash.unsigned.value == "UNSIGNED-PAYLOAD")
        #expect(PayloadHash.precomputed("abc").value == "abc")
        #expect(
            PayloadHash.bytes(Array("abc".utf8)).value
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
