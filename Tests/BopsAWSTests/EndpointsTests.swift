import BopsAWSModel
import BopsTestSupport
import Testing

@testable import BopsAWS

@Suite struct EndpointsTests {
    @Test func awsHosts() throws {
        let endpoints = try AWSEndpoints(environment: AWSEnvironment())
        let control = endpoints.s3Control(accountId: "111122223333", region: "eu-west-1")
        #expect(control.scheme == "https")
        #expect(control.host == "111122223333.s3-control.eu-west-1.amazonaws.com")
        let s3 = endpoints.s3(bucket: "my-bucket", region: "us-east-2")
        #expect(s3.host == "my-bucket.s3.us-east-2.amazonaws.com")
        #expect(s3.addressing == .virtualHosted)
        let dotted = endpoints.s3(bucket: "my.bucket", region: "us-east-2")
        #expect(dotted.host == "s3.us-east-2.amazonaws.com")
        #expect(dotted.addressing == .path)
        #expect(endpoints.sts(region: "ap-south-1").host == "sts.ap-south-1.amazonaws.com")
    }

    static let controlCases: [(String, String)] = [
        ("http://127.0.0.1:5000", "127.0.0.1:5000"),
        ("http://localhost:4566", "localhost:4566"),
        ("https://s3-control.example.test", "111122223333.s3-control.example.test"),
        ("http://[::1]:9000", "[::1]:9000"),
    ]

    @Test(arguments: controlCases)
    func customS3ControlEndpointsArePrefixedOnlyForNames(url: String, host: String) throws {
        let endpoints = try AWSEndpoints(environment: AWSEnvironment(["AWS_ENDPOINT_URL_S3_CONTROL": url]))
        #expect(endpoints.s3Control(accountId: "111122223333", region: "us-east-1").host == host)
    }

    @Test func serviceVariableWinsOverTheGeneralOne() throws {
        let env = AWSEnvironment([
            "AWS_ENDPOINT_URL": "http://127.0.0.1:1000", "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:2000",
        ])
        let endpoints = try AWSEndpoints(environment: env)
        let s3 = endpoints.s3(bucket: "b", region: "us-east-1")
        #expect(s3.scheme == "http")
        #expect(s3.host == "127.0.0.1:2000")
        #expect(s3.addressing == .path)
        #expect(endpoints.sts(region: "us-east-1").host == "127.0.0.1:1000")
        #expect(endpoints.s3Control(accountId: "111122223333", region: "us-east-1").host == "127.0.0.1:1000")
    }

    @Test func badEndpointNamesTheVariable() {
        #expect {
            _ = try AWSEndpoints(environment: AWSEnvironment(["AWS_ENDPOINT_URL_STS": "ftp://x"]))
        } throws: { error in
            "\(error)".contains("AWS_ENDPOINT_URL_STS")
        }
    }

    static let noProxy: [(String, String, Bool)] = [
        ("*", "anything.example.com", true),
        ("example.com", "example.com", true),
        ("example.com", "s3.example.com", true),
        ("example.com", "badexample.com", false),
        (".amazonaws.com", "s3.us-east-1.amazonaws.com", true),
        ("127.0.0.1", "127.0.0.1:5000", true),
        ("localhost:8080", "localhost", true),
        ("internal.test, .corp", "a.corp", true),
        ("internal.test", "sts.amazonaws.com", false),
    ]

    @Test(arguments: noProxy)
    func noProxyMatching(list: String, host: String, bypass: Bool) throws {
        let settings = try ProxySettings(
            environment: AWSEnvironment(["HTTPS_PROXY": "http://proxy.test:3128", "NO_PROXY": list]))
        #expect(settings.bypasses(host) == bypass)
        #expect((settings.proxy(scheme: "https", host: host) == nil) == bypass)
    }

    @Test func proxyVariables() throws {
        let settings = try ProxySettings(
            environment: AWSEnvironment([
                "https_proxy": "http://user:pw@proxy.test:3128", "HTTP_PROXY": "proxy2.test",
            ]))
        #expect(settings.https == ProxyServer(host: "proxy.test", port: 3128, userInfo: "user:pw"))
        #expect(settings.http == ProxyServer(host: "proxy2.test", port: 80))
        #expect(settings.proxy(scheme: "http", host: "x")?.host == "proxy2.test")
        #expect(throws: AWSConfigurationError.self) {
            _ = try ProxySettings(environment: AWSEnvironment(["HTTPS_PROXY": "http://host:notaport"]))
        }
    }

    @Test func region() {
        let profile = SharedConfig(profileName: "p", configProfiles: ["p": ["region": "eu-north-1"]])
        #expect(
            RegionResolver.resolve(
                environment: AWSEnvironment(["AWS_REGION": "a", "AWS_DEFAULT_REGION": "b"]), profile: profile,
                configured: "c") == ("a", "AWS_REGION"))
        #expect(
            RegionResolver.resolve(
                environment: AWSEnvironment(["AWS_DEFAULT_REGION": "b"]), profile: profile, configured: "c"
            )
            .region == "b")
        #expect(
            RegionResolver.resolve(environment: AWSEnvironment(), profile: profile, configured: "c").region
                == "eu-north-1")
        #expect(
            RegionResolver.resolve(environment: AWSEnvironment(), profile: nil, configured: "c").region == "c"
        )
        #expect(
            RegionResolver.resolve(environment: AWSEnvironment(), profile: nil, configured: nil).region
                == "us-east-1")
    }

    @Test func caBundleThatIsNotPEMIsAClearError() throws {
        let dir = try TempFolder(prefix: "bops-aws")
        let path = try dir.write("bad.pem", "not a certificate")
        #expect {
            _ = try AsyncHTTPTransport(options: TransportOptions(caBundlePath: path))
        } throws: { error in
            "\(error)".contains("AWS_CA_BUNDLE") && "\(error)".contains(path)
        }
    }
}
