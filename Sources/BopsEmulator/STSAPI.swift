import BopsAWSModel
import FoundationEssentials

/// STS's GetCallerIdentity, so a client learns who it is signed as: the account of its access
/// key (``EmulatorServer/Configuration/accounts``) and the user `emulator` in it. The emulator
/// lets every signed caller create jobs and pass any role, so IAM's SimulatePrincipalPolicy
/// simulates that user as allowed for everything (``IAMAPI/simulate(_:)``).
enum STSAPI {
    /// The ARN of the caller signed for `account`.
    static func callerArn(account: String) -> String { "arn:aws:iam::\(account):user/emulator" }

    static func getCallerIdentity(_ request: IncomingRequest, requestId: String) -> Answer {
        let identity = CallerIdentity(
            account: request.account, arn: callerArn(account: request.account),
            userId: SignatureVerifier.accessKeyId(of: request) ?? "emulator")
        var answer = Answer.xml(
            STSResponses.getCallerIdentityBody(identity, requestId: requestId), status: 200)
        answer.headers.append(("x-amzn-RequestId", requestId))
        return answer
    }
}
