import Foundation

/// A real tool a test compares bops against (gzip, md5sum, python3).
public enum Tool {
    /// Runs `tool` (a path) with `arguments`, `input` on its standard input, and returns its
    /// standard output.
    public static func output(_ tool: String, _ arguments: [String], input: [UInt8]? = nil) throws -> [UInt8]
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        let inPipe = Pipe()
        if input != nil { process.standardInput = inPipe }
        try process.run()
        if let input {
            let handle = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                handle.write(Data(input))
                try? handle.close()
            }
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
