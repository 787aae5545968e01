import BopsTestSupport
import Foundation
import Testing

/// Runs the built `bops` executable in a throwaway project folder, removed with the last copy.
struct CLIHarness {
    let folder: TempFolder
    var root: String { folder.path }

    /// The `bops` binary next to the test bundle (SwiftPM builds both into the same folder).
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("bops").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let bin = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/bops").path
        return bin
    }()

    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    init() throws {
        folder = try TempFolder(prefix: "bops-cli")
        try folder.folder("specs/manifests")
    }

    func write(_ relative: String, _ text: String) throws {
        try folder.write(relative, text)
    }

    func read(_ relative: String) -> String? { folder.read(relative) }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts `bops` with arguments; `NO_COLOR` set so output is plain.
    func start(
        _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]
    ) throws
        -> (Process, Pipe, Pipe)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        var env = ProcessInfo.processInfo.environment
        env.merge(extra) { _, new in new }
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        return (process, out, err)
    }

    @discardableResult
    func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let (process, out, err) = try start(arguments, stdin: stdin, environment: environment)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A project with source objects in `src` and a copy spec over a CSV manifest of `count` keys.
    static func copyProject(count: Int = 5, names: [String] = ["copy-logs"]) throws -> CLIHarness {
        let h = try CLIHarness()
        var csv = ""
        for i in 0..<count {
            try h.write("data/logs/file-\(i).log", "line \(i)\n")
            csv += "src,logs/file-\(i).log\n"
        }
        try h.write("specs/manifests/m.csv", csv)
        for name in names {
            try h.write("specs/\(name).yaml", spec(name: name))
        }
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
        )
        let seeded = try h.run(["local", "seed", "src", "data"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        try h.run(["local", "mb", "dst"])
        try h.run(["local", "mb", "reports"])
        return h
    }

    static func spec(
        name: String, confirm: Bool = false, priority: Int = 10, storageClass: String = "STANDARD_IA"
    ) -> String {
        """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: \(name)
        spec:
          roleArn: arn:aws:iam::111122223333:role/batch
          priority: \(priority)
          confirmationRequired: true
          confirm: \(confirm)
          manifest:
            csv: { file: manifests/m.csv, fields: [Bucket, Key] }
          operation:
            copy:
              destination: arn:aws:s3:::dst
              storageClass: \(storageClass)
          report: { bucket: "arn:aws:s3:::reports", prefix: bops, scope: all }
          tags: { team: data }

        """
    }
}
