public import BopsJobs
public import BopsPlan
import BopsSpec

/// Fills in what a plan made with `--refresh=false` left for the apply (``ManifestETagLookup``):
/// it reads each manifest's ETag and derives the digest, client token and `bops:digest` tag
/// from it exactly as a refreshed plan would, so the next plan sees the same definition.
///
/// Reads only; nothing is recorded here. The reconciler records the resolved token before it
/// calls CreateJob, as for any creation.
public enum KnownAfterApply {
    /// A manifest that is not there (or not readable) when the apply looks.
    public struct LookupFailed: Error, Sendable, CustomStringConvertible {
        public var spec: String
        public var manifest: String
        public var detail: String
        public var description: String { "\(spec): manifest \(manifest): \(detail)" }
    }

    /// `plan` with every lookup resolved through `objects`; a plan without lookups is returned as it is.
    public static func resolve(_ plan: Plan, objects: any ObjectStore) async throws -> Plan {
        var plan = plan
        for index in plan.actions.indices {
            guard let lookup = plan.actions[index].knownAfterApply else { continue }
            let name = plan.actions[index].name
            let head: ObjectInfo?
            do {
                head = try await objects.headObject(
                    bucket: lookup.bucket, key: lookup.key, versionId: lookup.versionId)
            } catch {
                throw LookupFailed(spec: name, manifest: lookup.uri, detail: "\(error)")
            }
            guard let head else {
                throw LookupFailed(
                    spec: name, manifest: lookup.uri,
                    detail: "does not exist\(lookup.versionId.map { " (version \($0))" } ?? "")")
            }
            plan.actions[index] = resolved(plan.actions[index], eTag: Preflight.unquote(head.eTag))
        }
        return plan
    }

    /// The action with the manifest's `eTag` in its request and everything derived from it.
    static func resolved(_ action: PlannedAction, eTag: String) -> PlannedAction {
        var a = action
        a.knownAfterApply = nil
        guard var request = a.request, let canonical = a.canonical, let generation = a.generation else {
            return a
        }
        let digest = JobSpec.configurationDigest(canonical: canonical, manifestSHA256: "etag:" + eTag)
        let placeholderToken = JobIdentity.clientToken(
            name: a.name, digest: ManifestETagLookup.placeholderDigest, generation: generation)
        // A token taken over from an interrupted apply's record stays: it names that job.
        if request.clientRequestToken == placeholderToken {
            request.clientRequestToken = JobIdentity.clientToken(
                name: a.name, digest: digest, generation: generation)
        }
        let user = a.userTags ?? JobIdentity.userTags(of: request)
        request.tags = JobIdentity.tags(name: a.name, digest: digest, user: user)
            .sorted { $0.key < $1.key }.map { S3Tag(key: $0.key, value: $0.value) }
        request.manifest?.location.eTag = eTag
        a.request = request
        a.digest = digest
        return a
    }
}
