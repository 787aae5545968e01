public import BopsDiagnostics
import BopsIAM
public import BopsJobs
public import BopsSpec

/// The plan-time checks of the KMS keys a job uses (``KeyChecking``, each key read once per run
/// through the memo): the SSE-KMS key of a Copy, the key of `updateEncryption`, and the key a
/// generated manifest's encryption filter names as the sources' key (for the operations that read
/// the data: Copy, compute checksum). For each:
/// - the key exists (KMS's `NotFoundException` otherwise) and is enabled: an error at the key's
///   spec key;
/// - its key policy lets the job's role use it for what the job does (`kms:GenerateDataKey` and
///   `kms:Decrypt` to encrypt, `kms:Decrypt` to read), as ``KeyPolicyEvaluation`` decides: a
///   statement naming the role, or one naming its account (`arn:aws:iam::ACCOUNT:root`), which
///   delegates to the role's identity policies. The identity side is ``PermissionCheck``'s: a key
///   policy that delegates passes here, and the role check says whether the role's policy allows.
///
/// A key or key policy bops may not read (403 `AccessDeniedException`) is a warning that the check
/// was not made, never a pass. `spec.acknowledge.kmsKey` skips the checks.
extension Preflight {
    /// One key a job uses, the actions it needs of it and where the spec names it.
    struct KeyUse: Sendable, Hashable {
        var key: String
        var actions: [String]
        var pointers: [String]
        var what: String
    }

    /// The keys `request` uses, in the order destination, source.
    static func keyUses(_ request: CreateJobRequest, region: String) -> [KeyUse] {
        var uses: [KeyUse] = []
        let write = ["kms:GenerateDataKey", "kms:Decrypt"]
        switch request.operation {
        case .s3PutObjectCopy(let copy):
            if let key = copy.sseAwsKmsKeyId {
                uses.append(
                    KeyUse(
                        key: key, actions: write,
                        pointers: [
                            "/spec/operation/copy/encryption/kmsKeyArn", "/spec/operation/copy/encryption",
                        ],
                        what: "the SSE-KMS key of the copies"))
            }
        case .s3UpdateObjectEncryption(let update):
            if let key = update.objectEncryption?.sseKMS?.kmsKeyArn {
                uses.append(
                    KeyUse(
                        key: key, actions: write,
                        pointers: [
                            "/spec/operation/updateEncryption/kmsKeyArn", "/spec/operation/updateEncryption",
                        ],
                        what: "the key updateEncryption encrypts with"))
            }
        default: break
        }
        let reads: Bool
        switch request.operation {
        case .s3PutObjectCopy, .s3ComputeObjectChecksum: reads = true
        default: reads = false
        }
        if reads, let generator = request.manifestGenerator?.s3JobManifestGenerator,
            let key = generator.filter?.matchAnyObjectEncryption?.first?.ssekms?.kmsKeyArn
        {
            let filter = "/spec/manifest/\(JobSpec.Manifest.generatorKey)/filter"
            uses.append(
                KeyUse(
                    key: key, actions: ["kms:Decrypt"],
                    pointers: [
                        filter + "/matchAnyObjectEncryption/0/kmsKeyArn",
                        filter + "/matchAnyObjectEncryption",
                        filter,
                    ], what: "the key the source objects are encrypted with"))
        }
        return uses.map { use in
            var use = use
            use.key = JobPermissions.keyARN(use.key, account: request.accountId, region: region)
            return use
        }
    }

    /// The findings for the keys of one spec's CreateJob request; `sources` are the buckets its
    /// manifest lists, whose default encryption keys a Copy or Replicate reads with.
    public func kmsKeys(
        _ request: CreateJobRequest, spec loaded: LoadedSpec, region: String, sources: [String] = []
    ) async -> Diagnostics {
        var uses = Self.keyUses(request, region: region)
        var found = Diagnostics()
        if keys != nil {
            for use in await sourceEncryptionKeys(
                request, loaded, region: region, sources: sources, found: &found)
            where !uses.contains(where: { $0.key == use.key }) {
                uses.append(use)
            }
        }
        if uses.isEmpty {
            note(.kmsKey, "spec \(loaded.spec.name)", verdict: .notApplicable("the job uses no KMS key"))
        }
        guard let keys else {
            for use in uses {
                recorder?.record(
                    CheckRecord(
                        .kmsKey, subject: use.key, verdict: .notApplicable("the engine cannot read KMS keys"))
                )
            }
            return found
        }
        let name = loaded.spec.name
        for use in uses {
            // Aliases (`alias/aws/s3`) and AWS managed keys are not checked.
            guard use.key.contains(":key/") else {
                note(
                    .kmsKey, use.key,
                    verdict: .notApplicable("an alias or AWS managed key: its key policy is AWS's"))
                continue
            }
            let before = found.count
            var seen: [CheckRecord.Observation] = []
            defer { note(.kmsKey, use.key, seen, Diagnostics(Array(found.items[before...]))) }
            let at = place(loaded, use.pointers + ["/spec/operation"])
            let description: KMSKeyDescription?
            do {
                description = try await read(.key(use.key)) { try await keys.describeKey(use.key) }
            } catch {
                seen.append(.unread(what: "KMS key \(use.key)", error: "\(error)"))
                found.append(
                    notChecked("KMS key \(use.key)", error, at, permission: "kms:DescribeKey on \(use.key)"))
                continue
            }
            seen.append(.key(arn: use.key, state: description?.keyState))
            guard let description else {
                found.append(
                    Diagnostic(
                        .error,
                        "spec \(name): \(use.what), \(use.key), does not exist (KMS NotFoundException)",
                        range: at.range, hint: "create the key, or fix the key ARN; every task would fail",
                        pointer: at.pointer, subject: use.key))
                continue
            }
            guard description.enabled else {
                found.append(
                    Diagnostic(
                        .error,
                        "spec \(name): \(use.what), \(use.key), is \(description.keyState.lowercased()) "
                            + "(KMS DisabledException): every task would fail",
                        range: at.range, hint: advice.enableKey(use.key), pointer: at.pointer,
                        subject: use.key))
                continue
            }
            guard !request.roleArn.isEmpty else { continue }
            let text: String
            do {
                text = try await read(.keyPolicy(use.key)) { try await keys.keyPolicy(use.key) }
            } catch {
                seen.append(.unread(what: "the key policy of \(use.key)", error: "\(error)"))
                found.append(
                    notChecked(
                        "the key policy of \(use.key)", error, at,
                        permission: "kms:GetKeyPolicy on \(use.key)"))
                continue
            }
            guard let document = try? PolicyParser.parse(text, file: "key policy", kind: .key).document else {
                seen.append(.unread(what: "the key policy of \(use.key)", error: "it does not parse"))
                found.append(
                    Diagnostic(
                        .warning, "the key policy of \(use.key) was not checked: it does not parse",
                        range: at.range, hint: advice.putKeyPolicy(use.key), pointer: at.pointer,
                        subject: use.key))
                continue
            }
            let policy = NamedPolicy(name: "key policy of \(description.keyId)", document: document)
            let principal = RequestPrincipal.role(request.roleArn)
            var refused: [(action: String, outcome: KeyPolicyEvaluation.Outcome)] = []
            for action in use.actions {
                let outcome = KeyPolicyEvaluation.evaluate(
                    AccessRequest(
                        action: action, resource: description.arn, principal: principal,
                        context: ["aws:PrincipalArn": [request.roleArn]]),
                    keyPolicy: policy, keyAccount: description.account, identity: .allowed)
                seen.append(
                    .keyPolicy(
                        arn: use.key, role: request.roleArn, actions: [action], decision: outcome.decision))
                if outcome.decision != .allowed { refused.append((action, outcome)) }
            }
            guard let first = refused.first else { continue }
            let actions = refused.map(\.action)
            let why =
                first.outcome.decision == .explicitDeny
                ? "explicit deny by \(first.outcome.matchedBy ?? "a statement")"
                : "no statement allows the role or delegates to its account's IAM policies"
            found.append(
                Diagnostic(
                    .error,
                    "spec \(name): the key policy of \(use.key) does not let role "
                        + "\(PermissionCheck.roleName(request.roleArn)) \(actions.joined(separator: ", ")) (\(why)): "
                        + "every task would fail with AccessDeniedException",
                    range: at.range,
                    hint: (first.outcome.decision == .explicitDeny
                        ? "remove or narrow the denying statement, "
                        : "add to the key policy: \(Self.keyStatement(role: request.roleArn, actions: actions)), ")
                        + advice.putKeyPolicy(use.key),
                    pointer: at.pointer, subject: use.key))
        }
        return found
    }

    /// The key policy statement that lets `role` do `actions` with the key.
    static func keyStatement(role: String, actions: [String]) -> String {
        let list = actions.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"Sid": "AllowBatchOperationsRole", "Effect": "Allow", "Principal": {"AWS": "\#(role)"}, "#
            + #""Action": [\#(list)], "Resource": "*"}"#
    }
}
