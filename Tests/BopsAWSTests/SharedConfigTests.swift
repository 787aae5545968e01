import BopsTestSupport
import Testing

@testable import BopsAWS

@Suite struct SharedConfigTests {
    @Test func parsesSectionsCommentsAndSubSettings() throws {
        let text = """
            # comment
            [default]
            region = eu-west-1
            ; another comment
            [profile dev]
            role_arn=arn:aws:iam::111122223333:role/dev
            source_profile = base
            s3 =
              addressing_style = path
            output: json
            """
        let sections = try SharedConfig.parse(text, file: "config")
        #expect(sections["default"]?["region"] == "eu-west-1")
        #expect(sections["profile dev"]?["source_profile"] == "base")
        #expect(sections["profile dev"]?["s3.addressing_style"] == "path")
        #expect(sections["profile dev"]?["output"] == "json")
    }

    static let broken: [(String, String)] = [
        ("region = x", "config:1: setting outside any section"),
        ("[default]\njust words", "config:2: expected 'key = value'"),
        ("[default\nregion = x", "config:1: section header without closing ']'"),
    ]

    @Test(arguments: broken)
    func errorsNameFileAndLine(text: String, message: String) {
        #expect {
            _ = try SharedConfig.parse(text, file: "config")
        } throws: { error in
            (error as? AWSConfigurationError)?.message == message
        }
    }

    @Test func credentialsFileWinsAndProfileSelection() throws {
        let dir = try TempFolder(prefix: "bops-aws")
        let config = try dir.write(
            "config", "[profile dev]\nregion = us-west-2\naws_access_key_id = FROMCONFIG\n")
        let credentials = try dir.write("credentials", "[dev]\naws_access_key_id = FROMCREDS\n")
        let shared = try SharedConfig.load(
            environment: AWSEnvironment([
                "AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": credentials, "AWS_PROFILE": "dev",
            ]))
        #expect(shared.profileName == "dev")
        #expect(shared.profileWasNamed)
        #expect(shared.region == "us-west-2")
        #expect(shared.profile("dev")?["aws_access_key_id"] == "FROMCREDS")
        #expect(shared.profile("missing") == nil)
    }
}
