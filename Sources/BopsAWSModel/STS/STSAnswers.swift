import BopsSigV4

/// STS's answers as the emulator writes them, and which requests are STS's: the same query
/// protocol as IAM (`POST /`, a form body), told apart by the form's `Version` (`2011-06-15`).
extension STSResponses {
    public static let namespace = "https://sts.amazonaws.com/doc/2011-06-15/"

    /// `GetCallerIdentityResponse` with its result and request id, members in STS's order.
    public static func getCallerIdentityBody(_ identity: CallerIdentity, requestId: String) -> [UInt8] {
        XMLWriter.document(
            XMLElementNode(
                "GetCallerIdentityResponse", attributes: [XMLAttribute("xmlns", namespace)],
                children: [
                    XMLElementNode(
                        "GetCallerIdentityResult",
                        children: [
                            XMLElementNode("Arn", text: identity.arn),
                            XMLElementNode("UserId", text: identity.userId),
                            XMLElementNode("Account", text: identity.account),
                        ]),
                    XMLElementNode(
                        "ResponseMetadata", children: [XMLElementNode("RequestId", text: requestId)]),
                ]))
    }
}

extension STSRequests {
    /// Whether `request` is STS's GetCallerIdentity: `POST /` whose form (body or query) says
    /// `Action=GetCallerIdentity` and `Version=2011-06-15`.
    public static func isGetCallerIdentity(_ request: HTTPRequestParts) -> Bool {
        guard request.method == "POST", request.path == "/" else { return false }
        var values = (try? QueryFormReader(body: request.body))?.values ?? [:]
        for item in request.query where values[item.name] == nil { values[item.name] = item.value ?? "" }
        return values["Action"] == "GetCallerIdentity" && values["Version"] == version
    }
}
