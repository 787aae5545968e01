import BopsLocalEngine
import BopsPrimitives
import BopsProject
import FoundationEssentials

extension LambdaFunctions {
    /// The engine's handler table from a `lambda:` section; handlers run in the section's folder,
    /// made absolute so a job run from any folder finds them.
    init(_ settings: LambdaSettings) {
        let folder = settings.workingDirectory
        let absolute =
            folder.hasPrefix("/")
            ? folder : PathText.join(FileManager.default.currentDirectoryPath, folder)
        let directory = PathText.standardized(absolute)
        self.init(
            handlers: settings.functions.mapValues {
                LambdaHandler(command: $0.command, timeout: $0.timeout, workingDirectory: directory)
            },
            attempts: settings.attempts ?? LambdaFunctions.defaultAttempts)
    }
}
