/// Renders signing results without secrets.
///
/// Invariant: the `description`, `debugDescription` and reflected mirror of `SignedRequest`,
/// `PresignedRequest` and `SigV4Signature` never contain the session token, the `Authorization`
/// value or the signature; each is replaced by `<redacted>`.
enum Redaction {
    static let placeholder = "<redacted>"

    private static let secretHeaders: Set<String> = ["authorization", "x-amz-security-token"]
    private static let secretQueryItems: Set<String> = ["x-amz-security-token", "x-amz-signature"]

    static func headers(_ headers: [(name: String, value: String)]) -> [String] {
        headers.map { "\($0.name): \(secretHeaders.contains($0.name.lowercased()) ? placeholder : $0.value)" }
    }

    static func query(_ items: [(name: String, value: String)]) -> [String] {
        items.map { "\($0.name)=\(secretQueryItems.contains($0.name.lowercased()) ? placeholder : $0.value)" }
    }

    /// The canonical request with the `x-amz-security-token` header value and the
    /// `X-Amz-Security-Token` query value replaced.
    static func canonicalRequest(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > 2 {
            lines[2] = lines[2].split(separator: "&", omittingEmptySubsequences: false).map { item in
                item.lowercased().hasPrefix("x-amz-security-token=")
                    ? "X-Amz-Security-Token=\(placeholder)" : String(item)
            }.joined(separator: "&")
        }
        for index in lines.indices.dropFirst(3) where lines[index].hasPrefix("x-amz-security-token:") {
            lines[index] = "x-amz-security-token:\(placeholder)"
        }
        return lines.joined(separator: "\n")
    }
}

extension SigV4Signature: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `canonicalRequest` with the session token replaced, safe for debug logs.
    public var redactedCanonicalRequest: String { Redaction.canonicalRequest(canonicalRequest) }

    public var description: String {
        "SigV4Signature(scope: \(credentialScope), signedHeaders: \(signedHeaders), canonicalRequest:\n"
            + redactedCanonicalRequest + "\nstringToSign:\n" + stringToSign + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "canonicalRequest": redactedCanonicalRequest, "stringToSign": stringToSign,
                "signature": Redaction.placeholder, "signedHeaders": signedHeaders,
                "credentialScope": credentialScope,
            ],
            displayStyle: .struct)
    }
}

extension SignedRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "SignedRequest(headers: \(Redaction.headers(headers)))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "headers": Redaction.headers(headers), "authorization": Redaction.placeholder,
                "details": details,
            ],
            displayStyle: .struct)
    }
}

extension PresignedRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "PresignedRequest(query: \(Redaction.query(query)))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["query": Redaction.query(query), "details": details], displayStyle: .struct)
    }
}
