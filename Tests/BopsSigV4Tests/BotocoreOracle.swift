import Foundation

/// Runs `scripts/botocore/sigv4_golden.py` once and decodes its rows: requests as botocore
/// had them just before signing and the headers it added while signing.
enum BotocoreOracle {
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

    struct Run {
        let status: Int32
        let stdout: Data
        let stderr: String
    }

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/botocore/sigv4_golden.py")

    /// The script's run, or `nil` when python3 cannot be started.
    static let run: Run? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return nil }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self)
        )
    }()

    /// False when python3 is missing (env exits 127) or botocore is not installed (exit 3).
    static var isAvailable: Bool {
        guard let run else { return false }
        return run.status != 127 && run.status != 3
    }

    static let unavailableMessage =
        "python3 or botocore not available (pip install botocore): botocore golden signatures not checked"

    static let output: Output? = {
        guard let run, run.status == 0 else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(Output.self, from: run.stdout)
    }()

    static var rowNames: [String] { output?.rows.map(\.name) ?? [] }

    static func row(named name: String) -> Row? { output?.rows.first { $0.name == name } }
}
