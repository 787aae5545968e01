import BopsSigV4
import BopsTestSupport
import Foundation
import Testing

@testable import BopsAWS

@Suite(.tags(.process)) struct CredentialChainTests {
    @Test func environmentVariables() async throws {
        let found = try await ChainFixture([
            "AWS_ACCESS_KEY_ID": "AKIAENVKEY", "AWS_SECRET_ACCESS_KEY": "env-secret",
            "AWS_SESSION_TOKEN": "env-token",
        ]).resolve()
        #expect(
            found.credentials
                == AWSCredentials(
                    accessKeyId: "AKIAENVKEY", secretAccessKey: "env-secret", sessionToken: "env-token"))
        #expect(found.source == "environment variables (AWS_ACCESS_KEY_ID)")
        #expect(!"\(found)".contains("env-secret"))
        #expect(!"\(found)".contains("env-token"))
    }

    @Test func halfAPairOfEnvironmentKeysIsAnError() async throws {
        await #expect {
            _ = try await ChainFixture(["AWS_ACCESS_KEY_ID": "AKIAENVKEY"]).resolve()
        } throws: { error in
            "\(error)".contains("AWS_SECRET_ACCESS_KEY")
        }
    }

    @Test func environmentWinsOverTheCredentialsFile() async throws {
        let dir = try TempFolder(prefix: "bops-aws")
        try dir.write(
            "credentials", "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n")
        let found = try await ChainFixture(
            ["AWS_ACCESS_KEY_ID": "AKIAENVKEY", "AWS_SECRET_ACCESS_KEY": "env-secret"], dir: dir
        ).resolve()
        #expect(found.credentials.accessKeyId == "AKIAENVKEY")
    }

    @Test func defaultProfileOfTheCredentialsFile() async throws {
        let dir = try TempFolder(prefix: "bops-aws")
        let file = try dir.write(
            "credentials", "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n")
        let found = try await ChainFixture([:], dir: dir).resolve()
        #expect(found.credentials == AWSCredentials(accessKeyId: "AKIAFILE", secretAccessKey: "file-secret"))
        #expect(found.source == "profile 'default' in \(file)")
    }

    @Test func namedProfileOfTheConfigFile() async throws {
        let dir = try TempFolder(prefix: "bops-aws")
        let file = try dir.write(
            "config",
            "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n"
                + "[profile ci]\naws_access_key_id = AKIACI\naws_secret_access_key = ci-secret\naws_session_token = ci-token\n"
        )
        let found = try await ChainFixture(["AWS_PROFILE": "ci"], dir: dir).resolve()
        #expect(found.credentials.accessKeyId == "AKIACI")
        #expect(found.credentials.sessionToken == "ci-token")
        #expect(found.source == "profile 'ci' in \(file)")
    }

    @Test func aNamedProfileThatDoesNotExistIsAnError() async throws {
        await #expect {
            _ = try await ChainFixture(["AWS_PROFILE": "nope"]).resolve()
        } throws: { error in
            "\(error)".contains("profile 'nope'") && "\(error)".contains("neither")
        }
    }

    @Test func roleWithoutSourceAndSourceProfileCyclesAreErrors() async throws {
        let dir = try TempFolder(prefix: "bops-aws")
        try dir.write(
            "config",
            """
            [profile lonely]
            role_arn = arn:aws:iam::111122223333:role/r
            [profile a]
            role_arn = arn:aws:iam::111122223333:role/a
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::111122223333:role/b
            source_profile = a
            """)
        await #expect {
            _ = try await ChainFixture(["AWS_PROFILE": "lonely"], dir: dir).resolve()
        } throws: { "\($0)".contains("role_arn needs source_profile or credential_source") }
        await #expect {
            _ = try await ChainFixture(["AWS_PROFILE": "a"], dir: dir).resolve()
        } throws: { "\($0)".contains("source_profile cycle: a -> b -> a") }
    }

    @Test func credentialProcessRunsARealScript() async throws {
        let dir = try TempFolder(prefix: "bops-aws")
        let script = try dir.write(
            "creds.sh",
            """
            #!/bin/sh
            echo "called with $1" >&2
            cat <<JSON
            {"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "proc-secret",
             "SessionToken": "proc-token", "Expiration": "2099-01-02T03:04:05Z"}
            JSON
            """, executable: true)
        try dir.write("config", "[profile tool]\ncredential_process = \(script) --flag\n")
        let found = try await ChainFixture(["AWS_PROFILE": "tool"], dir: dir).resolve()
        #expect(
            found.credentials
                == AWSCredentials(
                    accessKeyId: "AKIAPROC", secretAccessKey: "proc-secret", sessionToken: "proc-token"))
        #expect(found.expiration == Date(timeIntervalSince1970: 4_071_006_245))
        #expect(found.source == "credential_process of profile 'tool'")
    }

    @Test func credentialProcessFailureShowsStatusAndStandardErrorNeverOutput() async throws {
        let dir = try TempFolder(prefix: "bops-aws")
        let script = try dir.write(
            "fail.sh",
            "#!/bin/sh\necho '{\"SecretAccessKey\": \"leaked-secret\"}'\necho 'sso session expired' >&2\nexit 7\n",
            executable: true)
        try dir.write("config", "[profile tool]\ncredential_process = \(script)\n")
        await #expect {
            _ = try await ChainFixture(["AWS_PROFILE": "tool"], dir: dir).resolve()
        } throws: { error in
            let text = "\(error)"
            return text.contains("status 7") && text.contains("sso session expired")
                && !text.contains("leaked-secret")
        }
    }

    @Test func credentialProcessWithWrongVersion() async throws {
        let dir = try TempFolder(prefix: "bops-aws")
        let script = try dir.write(
            "v2.sh",
            "#!/bin/sh\necho '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}'\n",
            executable: true)
        try dir.write("config", "[default]\ncredential_process = \(script)\n")
        await #expect {
            _ = try await ChainFixture([:], dir: dir).resolve()
        } throws: { "\($0)".contains("Version must be 1") }
    }

    @Test func containerCredentialsFromALocalEndpointWithATokenFile() async throws {
        let server = try LocalHTTPServer { request in
            guard request.path == "/creds/role", request.header("Authorization") == "container-auth-token"
            else {
                return .text(401, "no")
            }
            return .text(
                200,
                #"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"c-secret","Token":"c-token","Expiration":"2099-01-01T00:00:00Z"}"#
            )
        }
        defer { server.stop() }
        let dir = try TempFolder(prefix: "bops-aws")
        let tokenFile = try dir.write("token", "container-auth-token\n")
        let found = try await ChainFixture(
            [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/creds/role",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored-when-file-set",
            ], dir: dir
        ).resolve()
        #expect(
            found.credentials
                == AWSCredentials(
                    accessKeyId: "ASIACONTAINER", secretAccessKey: "c-secret", sessionToken: "c-token"))
        #expect(found.source == "container credentials endpoint \(server.url)/creds/role")
        #expect(server.requests.count == 1)
    }

    @Test func containerFullURIOverPlainHTTPToAnotherHostIsRefused() async throws {
        await #expect {
            _ = try await ChainFixture([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://metadata.example.test/creds"
            ]).resolve()
        } throws: { "\($0)".contains("plain http") || "\($0)".contains("uses http") }
    }

    @Test func instanceMetadataV2TokenThenRoleThenCredentials() async throws {
        let server = try LocalHTTPServer { request in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"):
                guard request.header("x-aws-ec2-metadata-token-ttl-seconds") == "21600" else {
                    return .text(400, "")
                }
                return .text(200, "imds-session-token")
            case ("GET", _) where request.header("x-aws-ec2-metadata-token") != "imds-session-token":
                return .text(401, "")
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return .text(200, "web-role\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/web-role"):
                return .text(
                    200,
                    #"{"Code":"Success","AccessKeyId":"ASIAIMDS","SecretAccessKey":"i-secret","Token":"i-token","Expiration":"2099-01-01T00:00:00Z"}"#
                )
            default:
                return .text(404, "")
            }
        }
        defer { server.stop() }
        let found = try await ChainFixture([
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url,
        ]).resolve()
        #expect(found.credentials.accessKeyId == "ASIAIMDS")
        #expect(found.credentials.sessionToken == "i-token")
        #expect(found.source == "instance metadata \(server.url) (role 'web-role')")
        #expect(server.requests.map(\.method) == ["PUT", "GET", "GET"])
    }

    @Test func nothingConfiguredSaysWhatWasTried() async throws {
        await #expect {
            _ = try await ChainFixture([:]).resolve()
        } throws: { error in
            "\(error)".contains("no credentials found") && "\(error)".contains("environment")
        }
    }

    final class CountingSource: CredentialSource, @unchecked Sendable {
        let name = "counting"
        let lifetime: TimeInterval
        let now: Date
        var loads = 0
        init(lifetime: TimeInterval, now: Date) {
            self.lifetime = lifetime
            self.now = now
        }
        func load() async throws -> ResolvedCredentials? {
            loads += 1
            return ResolvedCredentials(
                credentials: AWSCredentials(accessKeyId: "AKIA\(loads)", secretAccessKey: "s"),
                expiration: now.addingTimeInterval(lifetime), source: "counting")
        }
    }

    @Test(arguments: [(240.0, 3), (600.0, 1)])
    func cachedUntilFiveMinutesBeforeExpiry(lifetime: TimeInterval, loads: Int) async throws {
        let now = Date()
        let source = CountingSource(lifetime: lifetime, now: now)
        let chain = CredentialChain(sources: [source], clock: { now })
        for _ in 0..<3 { _ = try await chain.credentials() }
        #expect(source.loads == loads)
    }
}
