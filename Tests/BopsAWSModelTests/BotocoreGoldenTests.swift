import BopsAWSModel
import BopsTestSupport
import Foundation
import Testing

/// Our builders against botocore's serialisers (scripts/botocore/serialize.py) for the same
/// parameters: method, encoded path, query (decoded pairs and encoded text), significant headers,
/// and the body both byte for byte and as an element tree.
@Suite(
    .enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)),
    .tags(.process))
struct BotocoreGoldenTests {
    /// Headers botocore adds that belong to the transport and signer, not to the request's content.
    static let transportHeaders: Set<String> = [
        "user-agent", "x-amz-date", "x-amz-content-sha256", "authorization", "amz-sdk-invocation-id",
        "amz-sdk-request", "content-length", "expect", "transfer-encoding", "host", "x-amz-security-token",
    ]

    @Test(arguments: GoldenCases.all)
    func sameRequestAsBotocore(_ golden: GoldenCase) throws {
        let all = try GoldenCases.golden.get()
        let sent = try #require(all[golden.name]).get()
        let ours = golden.ours
        #expect(ours.method == sent.method)
        #expect(ours.path == sent.path)
        let ourPairs = ours.query.map { [$0.name, $0.value ?? ""] }.sorted {
            $0.lexicographicallyPrecedes($1)
        }
        let theirPairs = sent.pairs.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(ourPairs == theirPairs)
        let ourQuery = ours.queryString.split(separator: "&").map(String.init).sorted()
        let theirQuery = sent.query.split(separator: "&").map(String.init).sorted()
        #expect(ourQuery == theirQuery)
        let theirHeaders = sent.headers.filter { !Self.transportHeaders.contains($0.key) }
        let ourHeaders = Dictionary(
            ours.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(ourHeaders == theirHeaders)
        let sameBytes = ours.body == sent.body
        #expect(
            sameBytes,
            "body differs:\nours:     \(String(decoding: ours.body, as: UTF8.self))\nbotocore: \(String(decoding: sent.body, as: UTF8.self))"
        )
        if golden.service != "sts" && !ours.body.isEmpty && golden.operation != "PutObject" {
            let ourTree = try XMLReader.parse(ours.body)
            let theirTree = try XMLReader.parse(sent.body)
            let sameTree = ourTree == theirTree
            #expect(sameTree, "element trees differ")
        }
    }

    @Test func everyCaseWasSerialisedByBotocore() throws {
        let all = try GoldenCases.golden.get()
        #expect(all.count == GoldenCases.all.count)
        for (name, result) in all {
            if case .failure(let error) = result {
                Issue.record("\(name): botocore refused the case: \(error)")
            }
        }
    }
}
