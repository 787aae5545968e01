import BopsDiagnostics
import Foundation
import Testing

@testable import BopsProject

/// `bops.yaml`'s `lambda:` section and the emulator's mapping file: handlers read, errors at their
/// line and column with a hint.
@Suite(.tags(.process)) struct LambdaSettingsTests {
    static let arn = "arn:aws:lambda:us-east-1:111122223333:function:resize"

    @Test func projectFileMapsFunctionsToCommandsRunFromTheProject() {
        let yaml = """
            apiVersion: bops/v1
            kind: Project
            lambda:
              functions:
                "\(Self.arn)":
                  command: [python3, handlers/resize.py]
                  timeout: 30s
                "arn:aws:lambda:us-east-1:111122223333:function:other":
                  command: [./run]
              attempts: 5
            """
        let (config, diagnostics) = ProjectConfig.parse(Array(yaml.utf8), file: "p/bops.yaml", root: "p")
        #expect(diagnostics.isEmpty)
        #expect(
            config.lambda.functions[Self.arn]
                == .init(command: ["python3", "handlers/resize.py"], timeout: .seconds(30)))
        #expect(
            config.lambda.functions.values.map(\.timeout).contains(.seconds(3)), "Lambda's default timeout")
        #expect(config.lambda.attempts == 5 && config.lambda.workingDirectory == "p")
    }

    @Test func errorsPointAtTheirKeys() {
        let yaml = """
            lambda:
              functions:
                "arn:aws:s3:::bucket":
                  command: [x]
                "\(Self.arn)":
                  command: "python3 resize.py"
                  timeout: 20m
                  memory: 128
              attempts: 0
            """
        let (_, diagnostics) = ProjectConfig.parse(Array(yaml.utf8), file: "bops.yaml", root: ".")
        let found = diagnostics.sorted.map { "\($0.range?.start.description ?? "?") \($0.summary)" }
        #expect(
            found == [
                "3:5 'arn:aws:s3:::bucket' is not a Lambda function ARN",
                "6:16 command must be a non-empty list of strings, found string",
                "7:16 timeout must be a duration from 1ms to 15m, found '20m'",
                "8:7 unknown key 'memory' in lambda.functions",
                "9:13 attempts must be a whole number from 1 to 10",
            ])
        #expect(diagnostics.allSatisfy { $0.hint != nil })
        #expect(diagnostics.items.contains { $0.hint?.contains("never runs it through a shell") == true })
    }

    @Test func mappingFileIsTheSectionOrAWholeProjectFile() {
        let section = "functions: { \"\(Self.arn)\": { command: [python3, h.py], timeout: 500ms } }\n"
        let (a, da) = LambdaSettings.parseFile(Array(section.utf8), file: "/tmp/x/fns.yaml")
        #expect(
            da.isEmpty && a.functions[Self.arn]?.timeout == .milliseconds(500)
                && a.workingDirectory == "/tmp/x")
        let project = "apiVersion: bops/v1\nlambda:\n  " + section
        let (b, db) = LambdaSettings.parseFile(Array(project.utf8), file: "/tmp/y/bops.yaml")
        #expect(db.isEmpty && b.functions[Self.arn]?.command == ["python3", "h.py"])
        let (_, dc) = LambdaSettings.parseFile(Array("functions: [a]\n".utf8), file: "f.yaml")
        #expect(dc.items.first?.range?.start.description == "1:12")
    }
}
