import BopsEncoding
import BopsSigV4

/// The answers of IAM's query protocol, both ways: parsers into the IAM shapes (the aws engine's
/// side) and the bodies a server answers (the emulator's side, as IAM writes them:
/// `<XResponse xmlns=".."><XResult>..</XResult><ResponseMetadata><RequestId/></ResponseMetadata>`,
/// errors `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`).
///
/// Every parser throws the answer's `EngineError` when the status is not 2xx, and
/// ``AWSShapeError`` when a 2xx body does not have the model's shape.
public enum IAMResponses {
    public static let namespace = "https://iam.amazonaws.com/doc/2010-05-08/"

    // MARK: Parsers

    public static func getRole(_ response: HTTPResponseParts) throws -> IAMRole {
        try role(response, "GetRole")
    }

    public static func createRole(_ response: HTTPResponseParts) throws -> IAMRole {
        try role(response, "CreateRole")
    }

    public static func getRolePolicy(_ response: HTTPResponseParts) throws -> IAMRolePolicy {
        let result = try result(response, "GetRolePolicy")
        let document = try result.required("PolicyDocument")
        return IAMRolePolicy(
            roleName: try result.required("RoleName"), policyName: try result.required("PolicyName"),
            policyDocument: URIEncoding.decodeIfValid(document) ?? document)
    }

    public static func listRolePolicies(_ response: HTTPResponseParts) throws -> IAMPolicyNamesPage {
        let result = try result(response, "ListRolePolicies")
        guard let items = try result.list("PolicyNames") else { throw result.missing("PolicyNames") }
        var names: [String] = []
        for item in items { names.append(try item.textValue()) }
        let truncated = try result.bool("IsTruncated") ?? false
        return IAMPolicyNamesPage(
            policyNames: names, isTruncated: truncated, marker: truncated ? result.string("Marker") : nil)
    }

    public static func simulatePrincipalPolicy(_ response: HTTPResponseParts) throws -> IAMSimulationPage {
        let result = try result(response, "SimulatePrincipalPolicy")
        var results: [IAMEvaluationResult] = []
        for item in try result.list("EvaluationResults") ?? [] {
            results.append(try IAMEvaluationResult(xml: item))
        }
        let truncated = try result.bool("IsTruncated") ?? false
        return IAMSimulationPage(
            results: results, isTruncated: truncated, marker: truncated ? result.string("Marker") : nil)
    }

    /// DeleteRole, PutRolePolicy and DeleteRolePolicy answer no result: only the status matters.
    public static func emptyResult(_ response: HTTPResponseParts) throws {
        try AWSErrors.check(response)
    }

    static func role(_ response: HTTPResponseParts, _ operation: String) throws -> IAMRole {
        let result = try result(response, operation)
        guard let role = result.child("Role") else { throw result.missing("Role") }
        return try IAMRole(xml: role)
    }

    static func result(_ response: HTTPResponseParts, _ operation: String) throws -> ShapeReader {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: operation + "Response", operation: operation)
        guard let result = root.child(operation + "Result") else { throw root.missing(operation + "Result") }
        return result
    }

    // MARK: Bodies

    /// `<{action}Response>` with `<{action}Result>` holding `children` (no result element when
    /// `children` is `nil`, as for DeleteRole), then the request id.
    public static func body(
        _ action: String, result children: [XMLElementNode]?, requestId: String
    ) -> [UInt8] {
        var root = XMLElementNode(action + "Response", attributes: [XMLAttribute("xmlns", namespace)])
        if let children { root.append(XMLElementNode(action + "Result", children: children)) }
        root.append(
            XMLElementNode("ResponseMetadata", children: [XMLElementNode("RequestId", text: requestId)]))
        return XMLWriter.document(root)
    }

    public static func getRoleBody(_ role: IAMRole, requestId: String) -> [UInt8] {
        body("GetRole", result: [role.xml("Role", .request)], requestId: requestId)
    }

    public static func createRoleBody(_ role: IAMRole, requestId: String) -> [UInt8] {
        body("CreateRole", result: [role.xml("Role", .request)], requestId: requestId)
    }

    /// The answer of an action without a result (DeleteRole, PutRolePolicy, DeleteRolePolicy).
    public static func emptyBody(_ action: String, requestId: String) -> [UInt8] {
        body(action, result: nil, requestId: requestId)
    }

    public static func getRolePolicyBody(_ policy: IAMRolePolicy, requestId: String) -> [UInt8] {
        body(
            "GetRolePolicy",
            result: [
                XMLElementNode("RoleName", text: policy.roleName),
                XMLElementNode("PolicyName", text: policy.policyName),
                XMLElementNode("PolicyDocument", text: URIEncoding.encode(policy.policyDocument)),
            ], requestId: requestId)
    }

    public static func listRolePoliciesBody(_ page: IAMPolicyNamesPage, requestId: String) -> [UInt8] {
        var children = [
            XMLElementNode(
                "PolicyNames", children: page.policyNames.map { XMLElementNode("member", text: $0) }),
            XMLElementNode("IsTruncated", text: page.isTruncated ? "true" : "false"),
        ]
        if let marker = page.marker { children.append(XMLElementNode("Marker", text: marker)) }
        return body("ListRolePolicies", result: children, requestId: requestId)
    }

    public static func simulatePrincipalPolicyBody(_ page: IAMSimulationPage, requestId: String) -> [UInt8] {
        var children = [
            XMLElementNode("EvaluationResults", children: page.results.map { $0.xml("member", .request) }),
            XMLElementNode("IsTruncated", text: page.isTruncated ? "true" : "false"),
        ]
        if let marker = page.marker { children.append(XMLElementNode("Marker", text: marker)) }
        return body("SimulatePrincipalPolicy", result: children, requestId: requestId)
    }

    /// An error answer: `Type` is `Sender` for a 4xx status and `Receiver` for a 5xx one.
    public static func errorBody(status: Int, code: String, message: String, requestId: String) -> [UInt8] {
        XMLWriter.document(
            XMLElementNode(
                "ErrorResponse", attributes: [XMLAttribute("xmlns", namespace)],
                children: [
                    XMLElementNode(
                        "Error",
                        children: [
                            XMLElementNode("Type", text: status >= 500 ? "Receiver" : "Sender"),
                            XMLElementNode("Code", text: code), XMLElementNode("Message", text: message),
                        ]),
                    XMLElementNode("RequestId", text: requestId),
                ]))
    }
}
