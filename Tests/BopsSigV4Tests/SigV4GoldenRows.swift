import BopsTestSupport
import Foundation

/// The rows of `scripts/botocore/sigv4_golden.py`, run once through ``BotocoreOracle``: requests as
/// botocore had them just before signing and the headers it added while signing.
enum SigV4GoldenRows {
    struct Output: Decodable {
        let botocore: String
        let rows: [Row]
    }

    struct Row: Decodable {
        struct Credentials: Decodable {
            let accessKeyId: String
            let secretAccessKey: String
            let sessionToken: String?
        }
        let name: String
        let signer: String
        let signingName: String
        let signingRegion: String
        let method: String
        let url: String
        let headers: [[String]]
        let bodyBase64: String
        let addedHeaders: [[String]]
        let authorization: String
        let canonicalRequest: String
        let credentials: Credentials
        let time: String
    }

    /// The script's run, or `nil` when botocore is not available.
    static let run: BotocoreOracle.Run? = {
        guard BotocoreOracle.available else { return nil }
        return try? BotocoreOracle.run([BotocoreOracle.script("sigv4_golden.py").path])
    }()

    static let output: Output? = {
        guard let run, run.status == 0 else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(Output.self, from: run.stdout)
    }()

    static var rowNames: [String] { output?.rows.map(\.name) ?? [] }

    static func row(named name: String) -> Row? { output?.rows.first { $0.name == name } }
}
