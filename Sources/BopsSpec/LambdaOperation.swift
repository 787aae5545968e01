public import BopsJobs
import BopsNode

extension JobSpec {
    /// `operation.lambda`: LambdaInvoke (botocore `LambdaInvokeOperation`). The job invokes the
    /// function once for every object; each answer (`Succeeded`, `TemporaryFailure`,
    /// `PermanentFailure`) and its `resultString` go into the completion report.
    ///
    /// `invocationSchemaVersion` is `"1.0"` or `"2.0"` (the default `"1.0"` is sent explicitly, so
    /// omitting it and writing it give one configuration); `userArguments` (1 to 10 entries, keys up to
    /// 64 and values up to 1,024 characters, the schema's limits) only with `"2.0"` (a rule).
    public struct LambdaOperation: Sendable, Hashable, Codable {
        /// The schema version AWS uses when none is given.
        public static let defaultSchemaVersion = "1.0"
        /// The schema versions S3 Batch Operations sends events in.
        public static let schemaVersions = ["1.0", "2.0"]

        /// `FunctionArn`: the function's ARN, optionally qualified by a version or alias.
        public var function: String
        /// `InvocationSchemaVersion`: `"1.0"` or `"2.0"`.
        public var invocationSchemaVersion: String
        /// `UserArguments`; nil when the spec gives none.
        public var userArguments: [String: String]?

        public init(
            function: String, invocationSchemaVersion: String = Self.defaultSchemaVersion,
            userArguments: [String: String]? = nil
        ) {
            self.function = function
            self.invocationSchemaVersion = invocationSchemaVersion
            self.userArguments = userArguments
        }
    }
}

extension JobSpec.LambdaOperation {
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        guard let function = d.required(node, "function", at) else { return nil }
        let version = d.string(node, "invocationSchemaVersion", at) ?? Self.defaultSchemaVersion
        let arguments = node["userArguments"] == nil ? nil : d.stringMap(node, "userArguments", at)
        return Self(function: function, invocationSchemaVersion: version, userArguments: arguments)
    }

    /// User arguments reach the function only in schema 2.0 events: AWS refuses them with 1.0.
    func check(at: String, _ c: inout RuleContext) {
        if userArguments != nil && invocationSchemaVersion != "2.0" {
            c.error(
                "userArguments need invocationSchemaVersion \"2.0\"", at: at + "/userArguments", atKey: true,
                hint: "add invocationSchemaVersion: \"2.0\" (quoted) next to userArguments, or remove them")
        }
    }

    var canonicalValue: CanonicalJSON {
        .members([
            ("function", .string(function)), ("invocationSchemaVersion", .string(invocationSchemaVersion)),
            ("userArguments", userArguments.map(CanonicalJSON.map)),
        ])
    }

    /// The `LambdaInvokeOperation` CreateJob sends: the schema version always, user arguments when given.
    public var s3Operation: LambdaInvokeOperation {
        LambdaInvokeOperation(
            functionArn: function, invocationSchemaVersion: invocationSchemaVersion,
            userArguments: userArguments)
    }
}
