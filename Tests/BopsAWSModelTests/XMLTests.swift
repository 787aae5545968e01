import BopsEncoding
import BopsSigV4
import Testing

@testable import BopsAWSModel

@Suite struct XMLTests {
    @Test func writesLikeElementTree() {
        let element = XMLElementNode(
            "A", attributes: [XMLAttribute("xmlns", "u\"<&\n")],
            children: [
                XMLElementNode("B", text: "x&<>\"'"), XMLElementNode("C"), XMLElementNode("D", text: ""),
            ])
        #expect(
            XMLWriter.string(element)
                == "<A xmlns=\"u&quot;&lt;&amp;&#10;\"><B>x&amp;&lt;&gt;\"'</B><C /><D /></A>")
    }
}

@Suite struct XMLReaderTests {
    @Test func readsEntitiesCDATAAndComments() throws {
        let root = try XMLReader.parse(
            "\u{FEFF}<?xml version=\"1.0\"?><!-- c --><a x='1 &amp; 2'>\r\n  <b>&lt;&#65;&#x42;&quot;&apos;&gt;</b><c><![CDATA[<raw>&]]></c><?pi x?></a>"
        )
        #expect(root.attribute("x") == "1 & 2")
        #expect(root.childText("b") == "<AB\"'>")
        #expect(root.childText("c") == "<raw>&")
        #expect(root.text == "")
    }

    @Test func writerOutputReadsBack() throws {
        let tree = XMLElementNode(
            "R", attributes: [XMLAttribute("xmlns", "u")],
            children: [XMLElementNode("T", text: "a & b < c > \"d\" é\n"), XMLElementNode("E")])
        #expect(try XMLReader.parse(XMLWriter.bytes(tree)) == tree)
    }

    @Test(arguments: [
        ("", 1, "empty document"),
        ("<a><b></a>", 1, "does not match"),
        ("<a>", 1, "missing end tag"),
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", 1, "document type"),
        ("<a>&unknown;</a>", 1, "unknown entity"),
        ("<a></a><b/>", 1, "after the root"),
        ("<a\n  x=1/>", 2, "quoted value"),
    ])
    func malformedXMLIsReported(_ text: String, _ line: Int, _ fragment: String) {
        #expect {
            try XMLReader.parse(text)
        } throws: { error in
            guard let error = error as? XMLParseError else { return false }
            return error.line == line && error.message.contains(fragment)
        }
    }

    @Test func depthIsLimited() {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(throws: XMLParseError.self) { try XMLReader.parse(deep) }
    }
}

@Suite struct EncodingAndHostTests {
    @Test func keysKeepSlashesAndEncodeTheRest() {
        #expect(URIEncoding.encodeKey("a b/c+d~e_é") == "a%20b/c%2Bd~e_%C3%A9")
        #expect(URIEncoding.encode("a/b=c") == "a%2Fb%3Dc")
        #expect(URIEncoding.decodeIfValid("a+b%2Fc", plusIsSpace: true) == "a b/c")
        #expect(URIEncoding.decodeIfValid("%zz") == nil)
    }

    @Test func timestampsRoundTrip() {
        let date = AWSTimestamp.parseISO8601("2024-02-29T23:59:59.25Z")
        #expect(date.map(AWSTimestamp.iso8601) == "2024-02-29T23:59:59.250000Z")
        #expect(
            AWSTimestamp.parseISO8601("2024-01-01T01:00:00+01:00")
                == AWSTimestamp.parseISO8601("2024-01-01T00:00:00Z"))
        #expect(AWSTimestamp.parseISO8601("2024-13-01T00:00:00Z") == nil)
        let http = AWSTimestamp.parseHTTPDate("Wed, 21 Oct 2015 07:28:00 GMT")
        #expect(http.map(AWSTimestamp.httpDate) == "Wed, 21 Oct 2015 07:28:00 GMT")
    }

    @Test(
        arguments: [
            (nil, "us-east-1", "123456789012.s3-control.us-east-1.amazonaws.com"),
            (nil, "cn-north-1", "123456789012.s3-control.cn-north-1.amazonaws.com.cn"),
            ("http://127.0.0.1:4566", "us-east-1", "127.0.0.1:4566"),
            ("http://localhost:9000/", "us-east-1", "localhost:9000"),
            ("http://[::1]:9000", "us-east-1", "[::1]:9000"),
            ("https://s3-control.example.com", "us-east-1", "123456789012.s3-control.example.com"),
            (
                "https://123456789012.s3-control.example.com", "us-east-1",
                "123456789012.s3-control.example.com"
            ),
        ] as [(String?, String, String)])
    func s3ControlHost(_ endpoint: String?, _ region: String, _ expected: String) {
        #expect(
            S3ControlRequests.host(accountId: "123456789012", region: region, endpoint: endpoint) == expected)
    }

    @Test func s3Hosts() {
        #expect(
            S3Requests.host(bucket: "b", region: "eu-west-1", addressing: .virtualHosted)
                == "b.s3.eu-west-1.amazonaws.com")
        #expect(
            S3Requests.host(
                bucket: "b", region: "eu-west-1", endpoint: "http://127.0.0.1:5000", addressing: .path)
                == "127.0.0.1:5000")
        #expect(STSRequests.host(region: "us-west-2") == "sts.us-west-2.amazonaws.com")
    }
}
