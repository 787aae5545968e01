import BopsJobs
import BopsTestSupport
import Foundation
import Testing

@testable import BopsAWS

/// STS-backed credential sources and the default account, against moto's STS.
@Suite(.enabled(if: Moto.available, Moto.skipMessage), .tags(.process))
struct STSOverMotoTests {
    @Test func sourceProfileAssumeRole() async throws {
        let url = try Moto.url()
        let dir = try TempFolder(prefix: "bops-aws")
        let credentials = try dir.write(
            "credentials", "[base]\naws_access_key_id = AKIABASEKEY\naws_secret_access_key = base-secret\n")
        try dir.write(
            "config",
            """
            [profile deploy]
            role_arn = arn:aws:iam::123456789012:role/deployer
            source_profile = base
            role_session_name = bops-test
            region = eu-central-1
            """)
        let fixture = try ChainFixture(["AWS_PROFILE": "deploy", "AWS_ENDPOINT_URL_STS": url], dir: dir)
        let found = try await fixture.resolve()
        #expect(found.credentials.accessKeyId.hasPrefix("ASIA"))
        #expect(found.credentials.sessionToken?.isEmpty == false)
        #expect(found.expiration != nil)
        #expect(
            found.source
                == "assume role arn:aws:iam::123456789012:role/deployer via profile 'deploy' (profile 'base' in \(credentials))"
        )
    }

    @Test func webIdentityFromTheEnvironment() async throws {
        let url = try Moto.url()
        let dir = try TempFolder(prefix: "bops-aws")
        let tokenFile = try dir.write("token", "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl\n")
        let found = try await ChainFixture(
            [
                "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/gha",
                "AWS_ROLE_SESSION_NAME": "gha-run", "AWS_ENDPOINT_URL_STS": url,
            ], dir: dir
        ).resolve()
        #expect(found.credentials.accessKeyId.hasPrefix("ASIA"))
        #expect(
            found.source == "web identity token file \(tokenFile) for role arn:aws:iam::123456789012:role/gha"
        )
    }

    @Test func defaultAccountFromGetCallerIdentityAndPlaceholderSubstitution() async throws {
        let url = try Moto.url()
        let engine = try AWSEngine(
            AWSEngineConfiguration(
                region: "us-east-1", placeholderAccount: "000000000000",
                environment: AWSEnvironment([
                    "AWS_ENDPOINT_URL_STS": url, "AWS_ACCESS_KEY_ID": "AKIAMOTOTEST",
                    "AWS_SECRET_ACCESS_KEY": "s",
                    "AWS_CONFIG_FILE": "/nonexistent/c", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/s",
                ])))
        defer { Task { try? await engine.shutdown() } }
        let account = try await engine.defaultAccount()
        #expect(account.count == 12 && account.allSatisfy(\.isNumber))
        #expect(try await engine.account("000000000000") == account)
        #expect(try await engine.account("999988887777") == "999988887777")
        #expect(try await engine.credentialSource() == "environment variables (AWS_ACCESS_KEY_ID)")
    }

    @Test func configuredAccountNeedsNoCall() async throws {
        let engine = try AWSEngine(
            AWSEngineConfiguration(
                region: "us-east-1", account: "111122223333",
                environment: AWSEnvironment([
                    "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9", "AWS_CONFIG_FILE": "/nonexistent/c",
                    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/s", "AWS_EC2_METADATA_DISABLED": "true",
                ])))
        defer { Task { try? await engine.shutdown() } }
        #expect(try await engine.defaultAccount() == "111122223333")
    }
}
