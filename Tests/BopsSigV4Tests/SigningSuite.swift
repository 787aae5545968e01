import BopsSigV4
import Foundation

/// The official SigV4 test suite (aws-c-auth's `aws-signing-test-suite/v4`), found next to the
/// repository at `../shared/conformance/...` or at `$BOPS_SIGV4_SUITE`.
enum SigningSuite {
    static let directory: URL? = {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["BOPS_SIGV4_SUITE"] {
            return fileManager.fileExists(atPath: override) ? URL(fileURLWithPath: override) : nil
        }
        let repositoryRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = repositoryRoot.deletingLastPathComponent()
            .appendingPathComponent(
                "shared/conformance/aws-signing-test-suite/tests/aws-signing-test-suite/v4")
        return fileManager.fileExists(atPath: candidate.path) ? candidate : nil
    }()

    static let missingMessage =
        "aws-signing-test-suite not found (expected ../shared/conformance/aws-signing-test-suite/"
        + "tests/aws-signing-test-suite/v4 next to the repository, or $BOPS_SIGV4_SUITE): vectors not run"

    /// Every case folder, sorted.
    static let caseNames: [String] = {
        guard let directory else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// Cases that have query-signing expectations.
    static let queryCaseNames: [String] = caseNames.filter { name in
        guard let directory else { return false }
        let file = directory.appendingPathComponent(name).appendingPathComponent("query-signature.txt")
        return FileManager.default.fileExists(atPath: file.path)
    }
}

/// One case folder: the request, its signing context and the expected files.
struct SigningCase {
    struct Context: Decodable {
        struct Credentials: Decodable {
            let accessKeyId: String
            let secretAccessKey: String
            let token: String?
        }
        let credentials: Credentials
        let expirationInSeconds: Int?
        let normalize: Bool
        let region: String
        let service: String
        let signBody: Bool
        let timestamp: String
        let omitSessionToken: Bool?
    }

    struct LoadError: Error, CustomStringConvertible {
        let file: String
        let reason: String
        var description: String { "\(file): \(reason)" }
    }

    let folder: URL
    let context: Context
    let request: RawHTTPRequest
    let date: Date

    init(name: String, in directory: URL) throws {
        folder = directory.appendingPathComponent(name)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        context = try decoder.decode(
            Context.self, from: Data(contentsOf: folder.appendingPathComponent("context.json")))
        let requestFile = folder.appendingPathComponent("request.txt")
        do {
            request = try RawHTTPRequest(parsing: String(contentsOf: requestFile, encoding: .utf8))
        } catch {
            throw LoadError(file: requestFile.path, reason: "\(error)")
        }
        guard let date = ISO8601DateFormatter().date(from: context.timestamp) else {
            throw LoadError(file: "context.json", reason: "bad timestamp '\(context.timestamp)'")
        }
        self.date = date
    }

    func expected(_ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    var signer: SigV4Signer {
        let credentials = AWSCredentials(
            accessKeyId: context.credentials.accessKeyId,
            secretAccessKey: context.credentials.secretAccessKey,
            sessionToken: context.credentials.token)
        let options = SigV4Signer.Options(
            doubleEncodePath: true,
            normalizePath: context.normalize,
            addContentSHA256Header: context.signBody,
            signSessionToken: !(context.omitSessionToken ?? false))
        return SigV4Signer(
            credentials: credentials, region: context.region, service: context.service, options: options)
    }

    var sigV4Request: SigV4Request {
        SigV4Request(
            method: request.method,
            path: request.path,
            query: request.query.map { ($0.name, $0.value) },
            headers: request.headers.map { ($0.name, $0.value) },
            payload: .bytes(request.body))
    }
}
