import BopsDiagnostics
import Testing

@testable import BopsProject

@Suite("state backend in bops.yaml")
struct StateBackendConfigTests {
    func parse(_ text: String) -> (ProjectConfig, Diagnostics) {
        ProjectConfig.parse(Array(text.utf8), file: "bops.yaml", root: ".")
    }

    @Test func theLocalFileIsTheDefault() {
        let (config, diagnostics) = parse("apiVersion: bops/v1\nkind: Project\n")
        #expect(diagnostics.isEmpty)
        #expect(config.state == .local)
        #expect(config.statePath == ".bops/state.json")
    }

    @Test func anS3BackendWithEveryKey() {
        let (config, diagnostics) = parse(
            """
            state:
              backend: s3
              bucket: team-state
              key: bops/prod/state.json
              region: eu-west-1
              kmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/k
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .s3(let location) = config.state else {
            Issue.record("not s3: \(config.state)")
            return
        }
        #expect(location.bucket == "team-state" && location.key == "bops/prod/state.json")
        #expect(location.region == "eu-west-1")
        #expect(location.kmsKeyId == "arn:aws:kms:eu-west-1:111122223333:key/k")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        var summary: String
        var line: Int
        var testDescription: String { summary }
    }

    @Test(arguments: [
        Bad(
            text: "state:\n  backend: s3\n  key: k\n", summary: "the s3 state backend needs a bucket", line: 2
        ),
        Bad(
            text: "state:\n  backend: s3\n  bucket: b-1\n", summary: "the s3 state backend needs a key",
            line: 2),
        Bad(
            text: "state:\n  backend: s3\n  bucket: Team_State\n  key: k\n",
            summary: "'Team_State' is not an S3 bucket name", line: 3),
        Bad(
            text: "state:\n  backend: s3\n  bucket: b-1\n  key: dir/\n",
            summary: "'dir/' is not a key for the state object", line: 4),
        Bad(text: "state:\n  backend: gcs\n", summary: "unknown state backend 'gcs'", line: 2),
        Bad(
            text: "state:\n  path: s.json\n  bucket: b-1\n", summary: "unknown key 'bucket' in state", line: 3
        ),
    ])
    func aBadStateSectionIsAnErrorAtItsKey(_ bad: Bad) {
        let (_, diagnostics) = parse(bad.text)
        let found = diagnostics.first { $0.summary == bad.summary }
        #expect(found != nil, "\(diagnostics)")
        #expect(found?.range?.start.line == bad.line, "\(String(describing: found?.range))")
    }
}
