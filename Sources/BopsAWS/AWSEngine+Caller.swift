import BopsAWSModel
public import BopsJobs
import FoundationEssentials

extension AWSEngine: CallerChecking {
    /// Asks STS who the caller is (GetCallerIdentity with the engine's credentials) and IAM's
    /// SimulatePrincipalPolicy whether it may do `needs` (one call per resource, as for roles).
    ///
    /// An assumed-role session (`arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`) is simulated as
    /// its role (`arn:aws:iam::ACCOUNT:role/NAME`): IAM simulates roles and users, not sessions.
    /// A caller that may not simulate itself (403) gets a check whose ``CallerCheck/skipped``
    /// says so; other errors are thrown.
    public func checkCaller(needs: [NeededPermission]) async throws -> CallerCheck {
        let identity: CallerIdentity
        do {
            identity = try await sts.getCallerIdentity(
                credentials: try await credentials.credentials().credentials)
        } catch let error as EngineError where Self.isAccessDenied(error) {
            return CallerCheck(
                caller: nil, results: [],
                skipped: "the caller may not call sts:GetCallerIdentity (\(error.code): \(error.message))")
        }
        let caller = Self.simulatedPrincipal(identity.arn)
        do {
            return CallerCheck(caller: caller, results: try await simulate(iam, caller, needs, pageSize: nil))
        } catch let error as EngineError where Self.isAccessDenied(error) {
            return CallerCheck(
                caller: caller, results: [],
                skipped: "the caller may not call iam:SimulatePrincipalPolicy on \(caller) "
                    + "(\(error.code): \(error.message)); grant it to check the caller's permissions")
        }
    }

    /// The principal IAM simulates for a caller ARN: an assumed-role session as its role, any
    /// other ARN as it is.
    static func simulatedPrincipal(_ arn: String) -> String {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "sts", parts[5].hasPrefix("assumed-role/") else { return arn }
        let path = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        guard path.count >= 3, !path[1].isEmpty else { return arn }
        return "arn:\(parts[1]):iam::\(parts[4]):role/\(path[1])"
    }
}
