public import BopsCost
public import BopsDiagnostics
import BopsJobs
public import BopsPlan
public import BopsSpec

/// The risks of one spec's job (``Risk``), each at the key it comes from: what cannot be undone,
/// what makes objects public, what costs more than needed, what hits a limit. A public ACL is an
/// error unless `spec.acknowledge` names `publicAcl`; every other risk is shown in the plan, with
/// the spec's reason when acknowledged. Pure: reads the spec, the job's size and the prices.
public struct RiskReview: Sendable {
    public let prices: PriceTable
    /// A generated manifest over a bucket of at least this many objects is flagged as costly.
    public static let largeBucket: Int64 = 10_000_000

    public init(prices: PriceTable) { self.prices = prices }

    public func review(
        _ loaded: LoadedSpec, job: DesiredJob, sourceBuckets: [String], region: String
    ) -> (risks: [Risk], diagnostics: Diagnostics) {
        var found = Found(loaded: loaded)
        let spec = loaded.spec
        let size = job.size
        switch spec.operation {
        case .copy(let c):
            copy(c, spec: spec, size: size, sourceBuckets: sourceBuckets, region: region, &found)
        case .tag:
            found.add(
                .tagsReplaced, "replaces every object's tag set: tags the objects have now are lost",
                ["/spec/operation/tag"])
        case .deleteTags:
            found.add(
                .deleteTags, "deletes every object's tags; only another job can put them back",
                ["/spec/operation/deleteTags"])
        case .legalHold(let h) where h.status == .on:
            found.add(
                .legalHold,
                "puts a legal hold on every object: it stays until another job (or a call per object) removes it",
                ["/spec/operation/legalHold/status", "/spec/operation/legalHold"])
        case .retention(let r) where r.mode == .compliance:
            found.add(
                .complianceRetention,
                "COMPLIANCE retention\(r.retainUntil.map { " until \($0)" } ?? ""): nobody, not even the root user, can shorten or remove it",
                ["/spec/operation/retention/mode", "/spec/operation/retention"])
        case .restore(let r): restore(r, size: size, &found)
        default: break
        }
        if let what = job.definition.operation.publicACL {
            found.add(
                .publicAcl, "makes objects public: \(what)",
                ["/spec/operation/acl", "/spec/operation/copy/acl", "/spec/operation"],
                errorUnlessAcknowledged: true)
        }
        if job.definition.manifestGenerator != nil, let all = size?.sourceBucketObjects, let n = all.value,
            n >= Self.largeBucket
        {
            found.add(
                .largeGeneratedManifest,
                "S3's manifest generator is charged by every object of the source bucket: \(all.exactness == .atLeast ? "at least " : "")\(n.formatted) objects",
                [
                    "/spec/manifest/generate/sourceBucket",
                    "/spec/manifest/replicationConfiguration/sourceBucket", "/spec/manifest",
                ])
        }
        return (found.risks, found.diagnostics)
    }

    func copy(
        _ c: JobSpec.CopyOperation, spec: JobSpec, size: JobSize?, sourceBuckets: [String], region: String,
        _ found: inout Found
    ) {
        if c.tags.mode == .replace || c.tags.mode == .remove {
            found.add(
                .tagsReplaced,
                "the copies get \(c.tags.mode == .remove ? "no tags" : "only the tags of set"): the objects' tags are not kept",
                ["/spec/operation/copy/tags/mode", "/spec/operation/copy/tags"])
        }
        if c.metadata.mode == .replace {
            found.add(
                .metadataReplaced,
                "the copies get only the metadata of the spec: the objects' own metadata is not kept",
                ["/spec/operation/copy/metadata/mode", "/spec/operation/copy/metadata"])
        }
        if c.objectLock?.retention?.mode == .compliance {
            found.add(
                .complianceRetention, "the copies get COMPLIANCE retention: nobody can shorten or remove it",
                ["/spec/operation/copy/objectLock/retention/mode", "/spec/operation/copy/objectLock"])
        }
        if c.objectLock?.legalHold == .on {
            found.add(
                .legalHold, "the copies get a legal hold: it stays until another job removes it",
                ["/spec/operation/copy/objectLock/legalHold", "/spec/operation/copy/objectLock"])
        }
        if let target = S3ARN.bucket(c.destination), sourceBuckets.contains(target),
            (c.keyPrefix ?? "").isEmpty
        {
            found.add(
                .inPlaceCopy,
                "copies each object onto itself in \(target): a new version of every object, or the data replaced on an unversioned bucket",
                ["/spec/operation/copy/destination"])
        }
        if let target = c.storageClass, let prices = prices.regions[region]?.storageClasses[target.rawValue],
            prices.minimumDays >= 90
        {
            var text =
                "\(target.rawValue) charges at least \(prices.minimumDays) days of storage: deleting or moving the copies earlier is charged"
            if let bytes = size?.bytes.value, let perGB = prices.storagePerGBMonth.amount {
                let committed = Double(bytes) / 1_073_741_824 * perGB * Double(prices.minimumDays) / 30
                text += " (\(bytes.formattedBytes): at least \(Money.text(committed)) of storage committed)"
            }
            found.add(.minimumStorage, text, ["/spec/operation/copy/storageClass"])
        }
        if let over = size?.oversize, let n = over.objects.value, n > 0, c.oversize != nil {
            let what =
                over.excluded
                ? "left out of the manifest" : "in the manifest: their tasks fail with 400 InvalidRequest"
            found.add(
                .oversizeObjects,
                "\(over.objects.exactness == .exact ? "" : "about ")\(n) object\(n == 1 ? "" : "s") over Copy's 5 GiB limit \(what)"
                    + (over.firstKeys.isEmpty
                        ? "" : " (" + over.firstKeys.prefix(5).joined(separator: ", ") + ")"),
                ["/spec/operation/copy/oversize"])
        }
    }

    func restore(_ r: JobSpec.RestoreOperation, size: JobSize?, _ found: inout Found) {
        guard (r.tier ?? .standard) == .standard else { return }
        let archived = (size?.byClass ?? []).filter { [.glacier, .deepArchive].contains($0.storageClass) }
        guard !archived.isEmpty || size?.byClass.isEmpty != false else { return }
        found.add(
            .standardRestore,
            "STANDARD-tier restore: BULK is free from GLACIER and about a quarter of the price from DEEP_ARCHIVE, in 5 to 48 hours",
            ["/spec/operation/restore/tier", "/spec/operation/restore"])
    }

    /// Risks as they are found, at their keys; acknowledged ones carry the spec's reason.
    struct Found {
        let loaded: LoadedSpec
        var risks: [Risk] = []
        var diagnostics = Diagnostics()

        mutating func add(
            _ id: Risk.ID, _ summary: String, _ pointers: [String], errorUnlessAcknowledged: Bool = false
        ) {
            let pointer = pointers.first { loaded.place(of: $0) != nil } ?? pointers.last ?? "/spec"
            let range = loaded.place(of: pointer)
            let reason = loaded.spec.acknowledged[id.rawValue]
            if errorUnlessAcknowledged && reason == nil {
                diagnostics.append(
                    .error(
                        summary, at: range,
                        hint: "if this is intended, say why in spec.acknowledge: { \(id.rawValue): \"...\" }",
                        pointer: pointer))
                return
            }
            risks.append(
                Risk(
                    id, summary, file: loaded.file, line: range?.start.line, column: range?.start.column,
                    pointer: pointer, acknowledged: reason))
        }
    }
}
