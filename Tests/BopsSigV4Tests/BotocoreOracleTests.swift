import BopsSigV4
import BopsTestSupport
import Foundation
import Testing

@Suite(
    "botocore golden signatures",
    .enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)),
    .tags(.process))
struct BotocoreOracleTests {
    @Test("the golden script runs and yields every row")
    func scriptRuns() throws {
        let run = try #require(SigV4GoldenRows.run)
        #expect(run.status == 0, "sigv4_golden.py failed: \(run.stderr)")
        let output = try #require(SigV4GoldenRows.output, "unreadable JSON from sigv4_golden.py")
        // 7 calls, each without and with a session token.
        #expect(output.rows.count == 14)
    }

    @Test("Authorization equals botocore's", arguments: SigV4GoldenRows.rowNames)
    func authorizationMatches(_ name: String) throws {
        let row = try #require(SigV4GoldenRows.row(named: name))
        #expect(row.signer == "S3SigV4Auth")
        let target = try #require(Target(url: row.url), "cannot split URL \(row.url)")
        let body = try #require(Data(base64Encoded: row.bodyBase64))
        let added = Dictionary(
            uniqueKeysWithValues: row.addedHeaders.compactMap {
                $0.count == 2 ? ($0[0].lowercased(), $0[1]) : nil
            })
        let payload: PayloadHash =
            added["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD" ? .unsigned : .bytes(Array(body))
        let request = SigV4Request(
            method: row.method,
            path: target.path,
            query: target.query,
            headers: row.headers.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil } + [
                ("host", target.host)
            ],
            payload: payload)
        let signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyId: row.credentials.accessKeyId, secretAccessKey: row.credentials.secretAccessKey,
                sessionToken: row.credentials.sessionToken),
            region: row.signingRegion, service: row.signingName, options: .s3)
        let date = try #require(ISO8601DateFormatter().date(from: row.time))

        let signed = try signer.sign(request, at: date)

        #expect(signed.details.canonicalRequest == row.canonicalRequest)
        #expect(signed.authorization == row.authorization)
        let signerHeaders: Set = [
            "authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
        ]
        let ours = Dictionary(
            uniqueKeysWithValues: signed.headers.map { ($0.name.lowercased(), $0.value) }
                .filter { signerHeaders.contains($0.0) })
        #expect(ours == added)
    }
}

/// Host, wire path and decoded query of an absolute URL, split the way botocore reads it.
private struct Target {
    let host: String
    let path: String
    let query: [(name: String, value: String)]

    init?(url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound]
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var host = String(rest[..<authorityEnd]).lowercased()
        let defaultPort = scheme == "https" ? ":443" : ":80"
        if host.hasSuffix(defaultPort) { host.removeLast(defaultPort.count) }
        self.host = host
        let target = rest[authorityEnd...]
        let queryStart = target.firstIndex(of: "?")
        path = String(target[..<(queryStart ?? target.endIndex)])
        if let queryStart {
            query = RawHTTPRequest.parseQuery(String(target[target.index(after: queryStart)...]))
                .map { ($0.name, $0.value) }
        } else {
            query = []
        }
    }
}
