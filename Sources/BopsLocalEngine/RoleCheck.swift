public import BopsJobs

/// The local engine checks job roles against the roles declared with `bops local role put` (or the
/// emulator's CreateRole): the trust policy for S3 Batch Operations and the inline policies for each
/// needed permission. A role that is not declared allows everything (``RoleCheck/roleFound`` false,
/// every result allowed), so projects that declare no roles run as before.
extension LocalEngine: RoleChecking {
    /// Why an undeclared role's results are allowed.
    public static let undeclaredRoleAllows =
        "the role is not declared on the local engine: it allows everything"

    public func checkRole(_ roleArn: String, needs: [NeededPermission]) async throws -> RoleCheck {
        try roleCheck(roleArn, needs: needs)
    }

    /// ``checkRole(_:needs:)`` without suspension, for the job runner.
    public func roleCheck(_ roleArn: String, needs: [NeededPermission]) throws(RoleError) -> RoleCheck {
        guard let role = try lookUp(roleArn) else {
            return RoleCheck(
                roleFound: false, trustsBatchOperations: nil,
                results: needs.map {
                    PermissionResult(permission: $0, decision: .allowed, matchedBy: Self.undeclaredRoleAllows)
                })
        }
        let trusts = try trustsBatchOperations(role)
        var results: [PermissionResult] = []
        for need in needs {
            results += try simulate(role: role.arn, actions: [need.action], resources: [need.resource])
        }
        return RoleCheck(roleFound: true, trustsBatchOperations: trusts, results: results)
    }
}
