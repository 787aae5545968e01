import BopsAWSModel
import BopsSigV4
import FoundationEssentials

/// Checks AWS Signature Version 4 `Authorization` headers against known credentials, answering
/// with AWS's error codes: `InvalidAccessKeyId` (403) for an unknown key, `SignatureDoesNotMatch`
/// (403) for a wrong signature, `AuthorizationHeaderMalformed` (400) for an unreadable header,
/// `RequestTimeTooSkewed` (403) beyond 15 minutes, `AccessDenied` (403) without any signature.
///
/// The region and service are taken from the credential scope the client sent, so a client
/// configured for any region is accepted as long as its signature is right.
struct SignatureVerifier: Sendable {
    let secrets: [String: String]
    static let maxSkew: TimeInterval = 15 * 60

    struct Authorization {
        var accessKeyId: String
        var date: String
        var region: String
        var service: String
        var signedHeaders: [String]
        var signature: String
    }

    /// The access key id a request is signed with (the `Authorization` header's credential, or
    /// a presigned URL's `X-Amz-Credential`), whether or not its signature is checked.
    static func accessKeyId(of request: IncomingRequest) -> String? {
        if let header = request.header("authorization"), let auth = parse(header) { return auth.accessKeyId }
        if let credential = request.queryValue("X-Amz-Credential") {
            return credential.split(separator: "/").first.map(String.init)
        }
        return nil
    }

    static func parse(_ header: String) -> Authorization? {
        let prefix = SigV4Signer.algorithm + " "
        guard header.hasPrefix(prefix) else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst(prefix.count).split(separator: ",") {
            let pair = part.trimmingWhitespace().split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            fields[String(pair[0])] = String(pair[1])
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
            let signature = fields["Signature"]
        else { return nil }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request" else { return nil }
        return Authorization(
            accessKeyId: scope[0], date: scope[1], region: scope[2], service: scope[3],
            signedHeaders: signed.split(separator: ";").map { String($0) }, signature: signature)
    }

    /// `yyyyMMdd'T'HHmmss'Z'` (the `X-Amz-Date` form) as a date, `nil` when malformed.
    static func parseAmzDate(_ text: String) -> Date? {
        let c = Array(text.utf8)
        guard c.count == 16, c[8] == UInt8(ascii: "T"), c[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: c[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(
            from: DateComponents(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    func verify(_ request: IncomingRequest, now: Date) throws(APIError) {
        guard let header = request.header("authorization") else {
            if request.hasQuery("X-Amz-Signature") {
                throw APIError(403, "AccessDenied", "Presigned URLs are not supported by the emulator")
            }
            throw APIError(
                403, "AccessDenied", "Access Denied: the request is not signed (no Authorization header)")
        }
        guard let auth = Self.parse(header) else {
            throw APIError(
                400, "AuthorizationHeaderMalformed",
                "The authorization header is malformed; expected AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/"
                    + "SERVICE/aws4_request, SignedHeaders=..., Signature=...")
        }
        guard let secret = secrets[auth.accessKeyId] else {
            throw APIError(
                403, "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records.",
                extra: [("AWSAccessKeyId", auth.accessKeyId)])
        }
        // S3 dates a request by `X-Amz-Date`, or by `Date` when there is none (botocore signs that
        // way when the caller sets `Date`).
        let datedByHeader = request.header("x-amz-date") == nil
        let amzDate = request.header("x-amz-date") ?? request.header("date") ?? ""
        guard let date = datedByHeader ? AWSTimestamp.parseHTTPDate(amzDate) : Self.parseAmzDate(amzDate)
        else {
            throw APIError(
                403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header")
        }
        if abs(date.timeIntervalSince(now)) > Self.maxSkew {
            throw APIError(
                403, "RequestTimeTooSkewed",
                "The difference between the request time and the current time is too large.",
                extra: [("RequestTime", amzDate)])
        }
        let signedNames = Set(auth.signedHeaders)
        guard signedNames.contains("host") else {
            throw APIError(
                400, "AuthorizationHeaderMalformed",
                "The host header must be signed (SignedHeaders has no host)")
        }
        let headers = request.headers.filter { signedNames.contains($0.name) }
        let payload: PayloadHash =
            request.header("x-amz-content-sha256").map { .precomputed($0) } ?? .bytes(request.body)
        let options = SigV4Signer.Options(
            doubleEncodePath: false, normalizePath: false,
            addContentSHA256Header: signedNames.contains("x-amz-content-sha256"),
            unsignedHeaders: datedByHeader ? ["x-amz-date"] : [])
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: auth.accessKeyId, secretAccessKey: secret),
            region: auth.region, service: auth.service, options: options)
        let expected: SigV4Signature
        do {
            expected = try signer.sign(
                SigV4Request(
                    method: request.method, path: request.rawPath, query: request.query, headers: headers,
                    payload: payload),
                at: date
            ).details
        } catch {
            throw APIError(400, "AuthorizationHeaderMalformed", "The request cannot be verified: \(error)")
        }
        guard Self.constantTimeEqual(expected.signature, auth.signature),
            expected.signedHeaders == auth.signedHeaders.joined(separator: ";")
        else {
            throw APIError(
                403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key "
                    + "and signing method.",
                extra: [
                    ("AWSAccessKeyId", auth.accessKeyId), ("StringToSign", expected.stringToSign),
                    ("CanonicalRequest", expected.canonicalRequest),
                ])
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// Checks `x-amz-content-sha256` against the body when it holds a hash (S3's
    /// `XAmzContentSHA256Mismatch`, 400). `UNSIGNED-PAYLOAD` and other literals are accepted.
    static func checkPayloadHash(_ request: IncomingRequest) throws(APIError) {
        guard let claimed = request.header("x-amz-content-sha256"), claimed.count == 64,
            claimed.allSatisfy(\.isHexDigit)
        else { return }
        let actual = PayloadHash.bytes(request.body).value
        guard actual == claimed.lowercased() else {
            throw APIError(
                400, "XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed.",
                extra: [("ClientComputedContentSHA256", claimed), ("S3ComputedContentSHA256", actual)])
        }
    }
}
