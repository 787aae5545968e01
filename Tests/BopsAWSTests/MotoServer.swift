import Foundation
import Testing

/// moto's server for the tests that need real S3 and STS answers: started once per test process
/// on 127.0.0.1 with a free port (python/moto_server.py), stopped when the process ends.
enum Moto {
    /// Whether `python3 -c 'import moto.server'` works; tests that need moto are skipped otherwise.
    static let available: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import moto.server"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static let skipMessage: Comment =
        "moto is not installed: pip install 'moto[server]' to run the S3 and STS tests"

    /// The running server's base URL; starts it on first use.
    static func url() throws -> String {
        try shared.get()
    }

    private static let shared = Result { () throws -> String in try start() }

    private static func start() throws -> String {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("python/moto_server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        keepAlive = (process, input)
        let line = output.fileHandleForReading.readLine()
        guard let line, line.hasPrefix("ready "), let port = Int(line.dropFirst(6)) else {
            throw MotoError(message: "moto did not start: \(line ?? "no output")")
        }
        return "http://127.0.0.1:\(port)"
    }

    /// Holds the process and the write end of its standard input for the life of the tests.
    nonisolated(unsafe) private static var keepAlive: (Process, Pipe)?
}

struct MotoError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension FileHandle {
    /// Reads bytes up to a newline (or the end).
    func readLine() -> String? {
        var bytes: [UInt8] = []
        while true {
            guard let data = try? read(upToCount: 1), let byte = data.first else { break }
            if byte == 0x0A { break }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
