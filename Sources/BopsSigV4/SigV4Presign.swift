public import FoundationEssentials

extension SigV4Signer {
    /// The longest validity SigV4 accepts for a presigned request: seven days.
    public static let maximumExpiry = 604_800

    /// Signs `request` in its query string (a presigned URL) valid for `expires` seconds.
    ///
    /// All of the request's headers (except the options' unsigned ones) are signed and must be
    /// sent with the URL; no `X-Amz-Date` header is added. The payload hash is used as given:
    /// pass `.unsigned` for S3 URLs handed to other clients.
    ///
    /// - Throws: `SigV4Error` for the cases `sign` rejects, when `expires` is outside
    ///   1...604800, or when the query already holds SigV4 authentication items.
    public func presign(
        _ request: SigV4Request, at date: Date, expires: Int
    ) throws(SigV4Error)
        -> PresignedRequest
    {
        try validate(request)
        guard (1...Self.maximumExpiry).contains(expires) else {
            throw SigV4Error(
                field: "expires", reason: "\(expires) seconds is outside 1...\(Self.maximumExpiry)",
                hint: "choose a validity between one second and seven days")
        }
        if let item = request.query.first(where: { Self.authQueryNames.contains($0.name.lowercased()) }) {
            throw SigV4Error(
                field: "query", reason: "already contains '\(item.name)'",
                hint: "presign the original request, not an already presigned one")
        }
        let time = SigV4Timestamp(date)
        let canonicalHeaders = Canonical.headers(request.headers, excluding: options.unsignedHeaders)
        var auth: [(name: String, value: String)] = [
            ("X-Amz-Algorithm", Self.algorithm),
            (
                "X-Amz-Credential",
                "\(credentials.accessKeyId)/\(time.dateStamp)/\(region)/\(service)/aws4_request"
            ),
            ("X-Amz-Date", time.amzDate),
            ("X-Amz-SignedHeaders", canonicalHeaders.signedNames),
            ("X-Amz-Expires", String(expires)),
        ]
        var signedQuery = request.query + auth
        if let token = credentials.sessionToken {
            auth.append(("X-Amz-Security-Token", token))
            if options.signSessionToken { signedQuery.append(("X-Amz-Security-Token", token)) }
        }
        let details = signature(
            method: request.method, path: request.path, query: Canonical.query(signedQuery),
            canonicalHeaders: canonicalHeaders, payloadHash: request.payload.value, time: time)
        auth.append(("X-Amz-Signature", details.signature))
        return PresignedRequest(query: request.query + auth, details: details)
    }

    private static let authQueryNames: Set<String> = [
        "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signedheaders", "x-amz-expires",
        "x-amz-security-token", "x-amz-signature",
    ]
}
