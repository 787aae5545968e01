import Testing

@testable import BopsAWS

/// The principal IAM simulates for the caller STS names: an assumed-role session as its role.
struct CallerPrincipalTests {
    @Test(arguments: [
        (
            "arn:aws:sts::111122223333:assumed-role/ci-deploy/gh-1234",
            "arn:aws:iam::111122223333:role/ci-deploy"
        ),
        ("arn:aws-cn:sts::111122223333:assumed-role/ops/s", "arn:aws-cn:iam::111122223333:role/ops"),
        ("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/alice"),
        ("arn:aws:iam::111122223333:role/ci", "arn:aws:iam::111122223333:role/ci"),
        ("arn:aws:sts::111122223333:federated-user/bob", "arn:aws:sts::111122223333:federated-user/bob"),
    ])
    func anAssumedRoleSessionIsSimulatedAsItsRole(caller: String, simulated: String) {
        #expect(AWSEngine.simulatedPrincipal(caller) == simulated)
    }
}
