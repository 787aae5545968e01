public import BopsDiagnostics
public import BopsJobs
public import BopsPrimitives
import FoundationEssentials

/// Plan-time checks over any ``ObjectStore``, each failure an error at the key it is about: the
/// manifest exists and its ETag matches the pinned one; a Replicate source bucket has versioning
/// enabled and a replication configuration whose destinations exist with versioning; a Copy
/// destination with Object Lock options has Object Lock enabled; the report bucket exists without an
/// Object Lock default retention. `Preflight+BucketSettings.swift` checks bucket policies, Block
/// Public Access and lifecycle rules against what the job does.
///
/// Never throws: a check that cannot run is itself a diagnostic (a warning that it was not made
/// when the engine answers 403). Reads only.
/// With a `memo`, each distinct read (an object's HEAD, a bucket's versioning, ...) is asked once
/// for all the checks that share the memo (one run), its answer or error given to each.
public struct Preflight: Sendable {
    public let objects: any ObjectStore
    /// Words the hints in the engine's terms.
    public let advice: any EngineAdvice
    public let memo: OnceMap<Read>?
    /// Reads the KMS keys jobs use (``Preflight/kmsKeys(_:spec:region:)``); `nil` checks none.
    public let keys: (any KeyChecking)?
    /// Where the checks record what they observed (``CheckRecord``); `nil` records nothing.
    public var recorder: CheckRecorder?

    /// This preflight recording into `recorder` (one spec's, for `bops plan --explain`).
    public func recording(_ recorder: CheckRecorder?) -> Preflight {
        var copy = self
        copy.recorder = recorder
        return copy
    }

    /// Records one check that observed `observed` and found `found` (its verdict from both).
    func note(
        _ check: CheckRecord.Check, _ subject: String, _ observed: [CheckRecord.Observation],
        _ found: Diagnostics
    ) {
        recorder?.record(CheckRecord(check, subject: subject, observed: observed, found: found))
    }

    /// Records a check with a verdict of its own: skipped by name, not applicable, not checked.
    func note(_ check: CheckRecord.Check, _ subject: String, verdict: CheckRecord.Verdict) {
        recorder?.record(CheckRecord(check, subject: subject, verdict: verdict))
    }

    /// Records a check the spec skips by name, with its reason.
    func noteSkipped(_ check: CheckRecord.Check, _ subject: String, reason: String) {
        note(check, subject, verdict: .acknowledged(reason))
    }

    /// One read of the object store, as the key of a memo.
    public enum Read: Hashable, Sendable {
        case head(bucket: String, key: String, versionId: String?)
        case versioning(String)
        case replication(String)
        case objectLock(String)
        case exists(String)
        case policy(String)
        case publicAccessBlock(String)
        case lifecycle(String)
        case inventory(bucket: String, id: String)
        case inventories(String)
        case encryption(String)
        case ownership(bucket: String, account: String)
        case key(String)
        case keyPolicy(String)
    }

    public init(
        objects: any ObjectStore, advice: any EngineAdvice = GenericAdvice(), memo: OnceMap<Read>? = nil,
        keys: (any KeyChecking)? = nil
    ) {
        self.objects = objects
        self.advice = advice
        self.memo = memo
        self.keys = keys
    }

    /// The answer of `read` through the memo, when there is one.
    func read<Value: Sendable>(
        _ read: Read, _ call: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        guard let memo else { return try await call() }
        return try await memo.value(for: read, call)
    }

    /// Every check `input` asks for, in the order manifest, replication source, Object Lock
    /// destination, report bucket.
    public func check(_ input: PreflightInput) async -> Diagnostics {
        var found = Diagnostics()
        if let manifest = input.manifest { found.append(contentsOf: await self.manifest(manifest).found) }
        if let source = input.replicationSource {
            let destinations = !input.skipped.contains(.replicationDestination)
            found.append(contentsOf: await replicationSource(source, destinations: destinations))
            if !destinations {
                noteSkipped(
                    .replicationDestination, "s3://\(source.name)",
                    reason: input.reasons[PlanCheck.replicationDestination.rawValue] ?? "")
            }
        }
        if let inventory = input.inventory {
            if input.skipped.contains(.inventoryVersions) {
                noteSkipped(
                    .inventoryVersions, "s3://\(inventory.sourceBucket)",
                    reason: input.reasons[PlanCheck.inventoryVersions.rawValue] ?? "")
            } else {
                found.append(contentsOf: await inventoryVersions(inventory))
            }
        }
        if let destination = input.objectLockDestination {
            found.append(contentsOf: await objectLockDestination(destination))
        }
        if let report = input.reportBucket {
            let retention = !input.skipped.contains(.reportRetention)
            found.append(contentsOf: await reportBucket(report, retention: retention))
            if !retention {
                noteSkipped(
                    .reportRetention, "s3://\(report.name)",
                    reason: input.reasons[PlanCheck.reportRetention.rawValue] ?? "")
            }
        }
        return found
    }

    /// The manifest object: its ETag without quotes when it exists and matches the pinned one
    /// (`nil` and an error otherwise).
    public func manifest(_ manifest: PreflightInput.Manifest) async -> (eTag: String?, found: Diagnostics) {
        var seen: [CheckRecord.Observation] = []
        let checked = await checkManifest(manifest, seen: &seen)
        note(.manifest, manifest.uri, seen, checked.found)
        return checked
    }

    private func checkManifest(
        _ manifest: PreflightInput.Manifest, seen: inout [CheckRecord.Observation]
    ) async -> (eTag: String?, found: Diagnostics) {
        var found = Diagnostics()
        let subject = manifest.uri
        do {
            let objects = objects
            guard
                let head = try await read(
                    .head(bucket: manifest.bucket, key: manifest.key, versionId: manifest.versionId),
                    {
                        try await objects.headObject(
                            bucket: manifest.bucket, key: manifest.key, versionId: manifest.versionId)
                    })
            else {
                seen.append(.missing(subject))
                found.append(
                    error(
                        "manifest \(subject)\(manifest.versionId.map { " version \($0)" } ?? "") does not exist",
                        manifest.place, subject: subject,
                        hint: "upload it first, or fix the location; a job with a missing manifest fails"))
                return (nil, found)
            }
            let actual = Self.unquote(head.eTag)
            seen.append(
                .object(
                    uri: subject, eTag: actual,
                    encryption: head.serverSideEncryption.map { sse in
                        sse.algorithm + (sse.kmsKeyId.map { " \($0)" } ?? "")
                    }))
            if let pinned = manifest.eTag.map(Self.unquote), pinned != actual {
                found.append(
                    error(
                        "manifest \(subject) has ETag \(actual), the spec pins \(pinned)",
                        manifest.eTagPlace ?? manifest.place, subject: subject,
                        hint: "the object changed since the spec was written: set etag to \(actual), "
                            + "or restore the object"))
                return (nil, found)
            }
            if manifest.csv, let sse = head.serverSideEncryption, sse.isKMS || sse.isDualLayerKMS {
                found.append(
                    error(
                        "manifest \(subject) is stored with SSE-KMS"
                            + (sse.kmsKeyId.map { " (key \($0))" } ?? "")
                            + ": Batch Operations cannot read a CSV manifest encrypted with a KMS key",
                        manifest.place, subject: subject,
                        hint: "upload the manifest again with SSE-S3 (--sse AES256) instead of SSE-KMS"))
                return (nil, found)
            }
            return (actual, found)
        } catch let e as EngineError where e.code == EngineError.noSuchBucket {
            seen.append(.missing("s3://\(manifest.bucket)"))
            found.append(
                error(
                    "manifest bucket \(manifest.bucket) does not exist", manifest.place, subject: subject,
                    hint: "\(advice.createBucket(manifest.bucket, features: [])), put the manifest in it, "
                        + "or fix the location"))
        } catch let e {
            seen.append(.unread(what: "manifest \(subject)", error: "\(e)"))
            found.append(failed("manifest \(subject)", e, manifest.place, subject: subject))
        }
        return (nil, found)
    }

    func replicationSource(_ source: PreflightInput.Bucket, destinations: Bool = true) async -> Diagnostics {
        var found = Diagnostics()
        var seen: [CheckRecord.Observation] = []
        let subject = "s3://\(source.name)"
        defer { note(.replicationSource, subject, seen, found) }
        do {
            let objects = objects
            let versioning = try await read(.versioning(source.name)) {
                try await objects.bucketVersioning(bucket: source.name)
            }
            seen.append(.versioning(bucket: source.name, status: versioning?.rawValue))
            if versioning != .enabled {
                found.append(
                    error(
                        "versioning is \(versioning?.rawValue.lowercased() ?? "not enabled") on replication source "
                            + "bucket \(source.name)", source.place, subject: subject,
                        hint: advice.enableVersioning(source.name)))
            }
            let replication = try await read(.replication(source.name)) {
                try await objects.replicationConfiguration(bucket: source.name)
            }
            seen.append(
                .replication(
                    bucket: source.name,
                    destinations: replication?.rules.filter { $0.status == .enabled }.map(
                        \.destination.bucket)))
            if let replication {
                if destinations {
                    found.append(contentsOf: await replicationDestinations(replication, source: source))
                }
            } else {
                found.append(
                    error(
                        "replication source bucket \(source.name) has no replication configuration",
                        source.place,
                        subject: subject, hint: advice.addReplication(source.name)))
            }
        } catch let e as EngineError where e.code == EngineError.noSuchBucket {
            seen.append(.missing(subject))
            found.append(
                error(
                    "replication source bucket \(source.name) does not exist", source.place, subject: subject,
                    hint:
                        "\(advice.createBucket(source.name, features: .versioning)), or fix the source bucket"
                ))
        } catch let e {
            seen.append(.unread(what: "replication source bucket \(source.name)", error: "\(e)"))
            found.append(
                failed("replication source bucket \(source.name)", e, source.place, subject: subject))
        }
        return found
    }

    /// Each enabled rule's destination bucket exists and has versioning enabled (S3 replicates into
    /// versioned buckets only); findings at the source's key.
    func replicationDestinations(
        _ replication: ReplicationConfiguration, source: PreflightInput.Bucket
    ) async -> Diagnostics {
        var found = Diagnostics()
        var seen = Set<String>()
        for rule in replication.rules where rule.status == .enabled {
            let arn = rule.destination.bucket
            let name = S3ARN.bucket(arn) ?? arn
            guard seen.insert(name).inserted else { continue }
            let ruleName = rule.id.map { "rule '\($0)'" } ?? "rule"
            let subject = "s3://\(name)"
            let before = found.count
            var seen: [CheckRecord.Observation] = []
            defer { note(.replicationDestination, subject, seen, Diagnostics(Array(found.items[before...]))) }
            do {
                let objects = objects
                let versioning = try await read(.versioning(name)) {
                    try await objects.bucketVersioning(bucket: name)
                }
                seen.append(.versioning(bucket: name, status: versioning?.rawValue))
                if versioning != .enabled {
                    found.append(
                        error(
                            "replication \(ruleName) of \(source.name) sends objects to \(name), whose versioning is "
                                + "\(versioning?.rawValue.lowercased() ?? "not enabled")", source.place,
                            subject: subject,
                            hint: advice.enableVersioning(name)))
                }
            } catch let e as EngineError where e.code == EngineError.noSuchBucket {
                seen.append(.missing(subject))
                found.append(
                    error(
                        "replication \(ruleName) of \(source.name) sends objects to \(name), which does not exist",
                        source.place, subject: subject,
                        hint:
                            "\(advice.createBucket(name, features: .versioning)), or fix the rule's destination"
                    ))
            } catch let e {
                seen.append(.unread(what: "replication destination bucket \(name)", error: "\(e)"))
                found.append(
                    failed("replication destination bucket \(name)", e, source.place, subject: subject))
            }
        }
        return found
    }

    func objectLockDestination(_ destination: PreflightInput.Bucket) async -> Diagnostics {
        var found = Diagnostics()
        var seen: [CheckRecord.Observation] = []
        let subject = "s3://\(destination.name)"
        defer { note(.objectLockDestination, subject, seen, found) }
        do {
            let objects = objects
            let lock = try await read(.objectLock(destination.name)) {
                try await objects.objectLockConfiguration(bucket: destination.name)
            }
            let enabled = lock != nil
            seen.append(
                .objectLock(
                    bucket: destination.name, enabled: enabled,
                    defaultRetention: lock?.defaultRetention?.description))
            if !enabled {
                found.append(
                    error(
                        "Object Lock is not enabled on destination bucket \(destination.name)",
                        destination.place,
                        subject: subject,
                        hint:
                            "\(advice.enableObjectLock(destination.name)), or remove the Object Lock options")
                )
            }
        } catch let e as EngineError where e.code == EngineError.noSuchBucket {
            seen.append(.missing(subject))
            found.append(
                error(
                    "destination bucket \(destination.name) does not exist", destination.place,
                    subject: subject,
                    hint:
                        "\(advice.createBucket(destination.name, features: .objectLock)), or fix the destination"
                ))
        } catch let e {
            seen.append(.unread(what: "destination bucket \(destination.name)", error: "\(e)"))
            found.append(
                failed("destination bucket \(destination.name)", e, destination.place, subject: subject))
        }
        return found
    }

    func reportBucket(_ report: PreflightInput.Bucket, retention: Bool = true) async -> Diagnostics {
        let subject = "s3://\(report.name)"
        do {
            let presence = try await presence(report.name)
            if presence.exists {
                note(
                    .reportBucket, subject, [.bucket(name: report.name, region: presence.region)],
                    Diagnostics())
                return retention ? await reportRetention(report) : Diagnostics()
            }
        } catch let e as EngineError where e.code == EngineError.noSuchBucket {
        } catch let e {
            let found = Diagnostics([
                failed("report bucket \(report.name)", e, report.place, subject: subject)
            ])
            note(
                .reportBucket, subject, [.unread(what: "report bucket \(report.name)", error: "\(e)")], found)
            return found
        }
        let found = Diagnostics([
            error(
                "report bucket \(report.name) does not exist", report.place, subject: subject,
                hint: "\(advice.createBucket(report.name, features: [])), or fix the report bucket")
        ])
        note(.reportBucket, subject, [.missing(subject)], found)
        return found
    }

    /// Whether a bucket exists and, when the store can tell, its region: one read (HeadBucket on S3)
    /// for both. A refused read (403) means the bucket exists, as S3 answers 404 for a missing one.
    struct BucketPresence: Sendable {
        var exists: Bool
        var region: String?
    }

    func presence(_ bucket: String) async throws -> BucketPresence {
        let objects = objects
        return try await read(.exists(bucket)) {
            do {
                return BucketPresence(exists: true, region: try await objects.bucketRegion(bucket: bucket))
            } catch let e as EngineError where e.code == EngineError.noSuchBucket {
                return BucketPresence(exists: false, region: nil)
            } catch let e as EngineError where e.code == EngineError.accessDenied || e.httpStatus == 403 {
                return BucketPresence(exists: true, region: nil)
            }
        }
    }

    /// A report bucket with an Object Lock default retention never gets the completion report.
    func reportRetention(_ report: PreflightInput.Bucket) async -> Diagnostics {
        let subject = "s3://\(report.name)"
        var seen: [CheckRecord.Observation] = []
        var found = Diagnostics()
        defer { note(.reportRetention, subject, seen, found) }
        do {
            let objects = objects
            let lock = try await read(.objectLock(report.name)) {
                try await objects.objectLockConfiguration(bucket: report.name)
            }
            seen.append(
                .objectLock(
                    bucket: report.name, enabled: lock != nil,
                    defaultRetention: lock?.defaultRetention?.description))
            guard let retention = lock?.defaultRetention else { return Diagnostics() }
            found = Diagnostics([
                error(
                    "report bucket \(report.name) has an Object Lock default retention (\(retention.description)): "
                        + "Batch Operations cannot deliver the completion report there", report.place,
                    subject: subject,
                    hint:
                        "report to a bucket without a default retention, or \(advice.removeDefaultRetention(report.name))"
                )
            ])
            return found
        } catch let e as EngineError where e.code == EngineError.noSuchBucket {
            return Diagnostics()
        } catch let e {
            seen.append(.unread(what: "the Object Lock configuration of \(report.name)", error: "\(e)"))
            found = Diagnostics([
                failed(
                    "the Object Lock configuration of report bucket \(report.name)", e, report.place,
                    subject: subject)
            ])
            return found
        }
    }

    private func error(
        _ summary: String, _ place: PreflightInput.Place, subject: String, hint: String
    ) -> Diagnostic {
        Diagnostic(.error, summary, range: place.range, hint: hint, pointer: place.pointer, subject: subject)
    }

    /// A check that could not run: a warning that it was not made when the engine refused the read
    /// (403), an error otherwise (network, region).
    private func failed(
        _ what: String, _ error: any Error, _ place: PreflightInput.Place, subject: String
    ) -> Diagnostic {
        let engineError = error as? EngineError
        let denied = engineError.map { $0.code == EngineError.accessDenied || $0.httpStatus == 403 } ?? false
        if denied {
            return Diagnostic(
                .warning, "\(what) was not checked: \(error)", range: place.range,
                hint: "the credentials in use need read access to \(subject) (s3:GetObject, s3:GetBucket*)",
                pointer: place.pointer, subject: subject)
        }
        return Diagnostic(
            .error, "cannot check \(what): \(error)", range: place.range,
            hint: "check the network, credentials and region", pointer: place.pointer, subject: subject)
    }

    static func unquote(_ eTag: String) -> String {
        eTag.trimmingQuotes()
    }
}
