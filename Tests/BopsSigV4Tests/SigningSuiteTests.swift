import BopsSigV4
import Foundation
import Testing

@Suite(
    "aws-signing-test-suite v4",
    .enabled(if: SigningSuite.directory != nil, Comment(rawValue: SigningSuite.missingMessage)))
struct SigningSuiteTests {
    @Test("every case folder is covered")
    func everyCaseIsLoaded() throws {
        #expect(!SigningSuite.caseNames.isEmpty, "no case folders in \(SigningSuite.directory?.path ?? "-")")
        for name in SigningSuite.caseNames {
            _ = try SigningCase(name: name, in: try #require(SigningSuite.directory))
        }
    }

    @Test("header signing", arguments: SigningSuite.caseNames)
    func headerSigning(_ name: String) throws {
        let testCase = try SigningCase(name: name, in: try #require(SigningSuite.directory))
        let signed = try testCase.signer.sign(testCase.sigV4Request, at: testCase.date)
        #expect(signed.details.canonicalRequest == (try testCase.expected("header-canonical-request.txt")))
        #expect(signed.details.stringToSign == (try testCase.expected("header-string-to-sign.txt")))
        #expect(signed.details.signature == (try testCase.expected("header-signature.txt")))

        let expected = try RawHTTPRequest(parsing: try testCase.expected("header-signed-request.txt"))
        var actual = testCase.request
        actual.headers = signed.headers.map { .init(name: $0.name, value: $0.value) }
        #expect(Self.lowercasingNames(actual) == Self.lowercasingNames(expected))
    }

    @Test("query signing", arguments: SigningSuite.queryCaseNames)
    func querySigning(_ name: String) throws {
        let testCase = try SigningCase(name: name, in: try #require(SigningSuite.directory))
        let expires = try #require(testCase.context.expirationInSeconds)
        let presigned = try testCase.signer.presign(
            testCase.sigV4Request, at: testCase.date, expires: expires)
        #expect(presigned.details.canonicalRequest == (try testCase.expected("query-canonical-request.txt")))
        #expect(presigned.details.stringToSign == (try testCase.expected("query-string-to-sign.txt")))
        #expect(presigned.details.signature == (try testCase.expected("query-signature.txt")))

        let expected = try RawHTTPRequest(parsing: try testCase.expected("query-signed-request.txt"))
        var actual = testCase.request
        actual.query = presigned.query.map { .init(name: $0.name, value: $0.value) }
        #expect(Self.lowercasingNames(actual) == Self.lowercasingNames(expected))
        // The encoded form parses back to the same items.
        #expect(RawHTTPRequest.parseQuery(presigned.encodedQuery) == actual.query)
    }

    /// Header names are case-insensitive; everything else is compared exactly.
    private static func lowercasingNames(_ request: RawHTTPRequest) -> RawHTTPRequest {
        var copy = request
        copy.headers = request.headers.map { .init(name: $0.name.lowercased(), value: $0.value) }
        return copy
    }
}
