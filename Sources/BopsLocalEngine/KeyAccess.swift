import BopsIAM
import BopsJobs

/// What KMS answers a job's role that uses a key, as ``KeyPolicyEvaluation`` decides it: the key
/// must exist (`NotFoundException`), be enabled (`DisabledException`) and its key policy, with the
/// role's identity policies, must allow the action (`AccessDeniedException`). KMS answers 400 to
/// each; S3 passes the code and message on to the task.
extension JobAccess {
    /// The refusal of `action` (`kms:GenerateDataKey`, `kms:Decrypt`) on `key` (a key ARN), `nil`
    /// when KMS allows it. `aws/s3` and other AWS managed keys (`alias/aws/...`) are always allowed.
    func keyRefusal(_ action: String, _ key: String) throws -> TaskResult? {
        guard key.hasPrefix("arn:"), key.contains(":key/") else { return nil }
        let found: LocalKey
        do {
            found = try engine.keyForUse(key)
        } catch let e as EngineError {
            return TaskResult(succeeded: false, httpStatus: 400, errorCode: e.code, message: e.message)
        }
        guard found.enabled else {
            return TaskResult(
                succeeded: false, httpStatus: 400, errorCode: "DisabledException",
                message: "\(found.arn) is disabled."
            )
        }
        let policy = NamedPolicy(
            name: "key policy of \(found.keyId)",
            document: try PolicyParser.parse(found.policy, file: "key policy", kind: .key).document)
        let outcome = KeyPolicyEvaluation.evaluate(
            AccessRequest(action: action, resource: found.arn, principal: principal), keyPolicy: policy,
            keyAccount: found.accountId, identity: identity)
        guard outcome.decision != .allowed else { return nil }
        return TaskResult(
            succeeded: false, httpStatus: 400, errorCode: "AccessDeniedException",
            message: KeyPolicyEvaluation.deniedMessage(
                outcome, principal: session, action: action, key: found.arn))
    }
}
