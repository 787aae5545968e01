extension LambdaInvokeOperation {
    /// Whether `arn` matches the 2018-08-20 Lambda model's `FunctionArnString` pattern, anchored: a
    /// function name, optionally with the `arn:aws:lambda:REGION:ACCOUNT:function:` prefix and a
    /// version or alias. The length limit (1 to 1,024 characters) is the caller's to check.
    public static func isFunctionARN(_ arn: String) -> Bool {
        arn.wholeMatch(of: functionARNPattern) != nil
    }

    // Built on each use: `Regex` is not `Sendable`, and the check runs once per spec or job.
    private static var functionARNPattern: Regex<AnyRegexOutput> {
        try! Regex(
            "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-[0-9]{1}:)?([0-9]{12}:)?"
                + "(function:)?([a-zA-Z0-9_-]+)(:(\\$LATEST|[a-zA-Z0-9_-]+))?")
    }
}
