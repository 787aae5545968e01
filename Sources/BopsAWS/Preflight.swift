import BopsDiagnostics
import BopsJobs
import Foundation

/// What plan-time checks need from a spec, without the spec: the objects and buckets to look at,
/// each with the source range and JSON pointer its diagnostics should point at.
public struct PreflightInput: Sendable, Hashable {
    /// A place in a spec file.
    public struct Place: Sendable, Hashable {
        public var range: SourceRange?
        public var pointer: String?

        public init(range: SourceRange? = nil, pointer: String? = nil) {
            self.range = range
            self.pointer = pointer
        }
    }

    /// The manifest object; `eTag` is the pinned ETag (quotes optional), `nil` to only check it exists.
    public struct Manifest: Sendable, Hashable {
        public var bucket: String
        public var key: String
        public var versionId: String?
        public var eTag: String?
        public var place: Place

        public init(
            bucket: String, key: String, versionId: String? = nil, eTag: String? = nil, place: Place = Place()
        ) {
            self.bucket = bucket
            self.key = key
            self.versionId = versionId
            self.eTag = eTag
            self.place = place
        }
    }

    public struct Bucket: Sendable, Hashable {
        public var name: String
        public var place: Place

        public init(_ name: String, place: Place = Place()) {
            self.name = name
            self.place = place
        }
    }

    public var manifest: Manifest?
    /// The source bucket of a Replicate job.
    public var replicationSource: Bucket?
    /// The destination bucket of a Copy job that sets Object Lock options.
    public var objectLockDestination: Bucket?
    public var reportBucket: Bucket?

    public init(
        manifest: Manifest? = nil, replicationSource: Bucket? = nil, objectLockDestination: Bucket? = nil,
        reportBucket: Bucket? = nil
    ) {
        self.manifest = manifest
        self.replicationSource = replicationSource
        self.objectLockDestination = objectLockDestination
        self.reportBucket = reportBucket
    }
}

extension AWSEngine {
    /// Plan-time checks against the account, each failure an error on the spec's line:
    /// the manifest exists and its ETag matches the pinned one; a Replicate source bucket has
    /// versioning enabled and a replication configuration; a Copy destination with Object Lock
    /// options has Object Lock enabled; the report bucket exists. Never throws: a check that cannot
    /// run (network, permissions) is itself a diagnostic.
    public func preflight(_ input: PreflightInput) async -> Diagnostics {
        await Self.preflight(input, objects: self)
    }

    /// The same checks over any ``ObjectStore`` (the local engine too). The report-bucket check is
    /// HeadBucket on an ``AWSEngine``, GetBucketVersioning (`NoSuchBucket` when missing) elsewhere.
    public static func preflight(_ input: PreflightInput, objects: any ObjectStore) async -> Diagnostics {
        var found = Diagnostics()
        func error(_ summary: String, _ place: PreflightInput.Place, hint: String?, subject: String) {
            found.append(
                Diagnostic(
                    .error, summary, range: place.range, hint: hint, pointer: place.pointer, subject: subject)
            )
        }
        func failed(_ what: String, _ error: any Error, _ place: PreflightInput.Place, subject: String) {
            let engineError = error as? EngineError
            let denied =
                engineError.map { $0.code == EngineError.accessDenied || $0.httpStatus == 403 } ?? false
            found.append(
                Diagnostic(
                    .error, "cannot check \(what): \(error)", range: place.range,
                    hint: denied
                        ? "the credentials in use need read access to \(subject) (s3:GetObject, s3:GetBucket*)"
                        : "check the network, credentials and region", pointer: place.pointer,
                    subject: subject))
        }

        if let manifest = input.manifest {
            let subject = "s3://\(manifest.bucket)/\(manifest.key)"
            do {
                if let head = try await objects.headObject(
                    bucket: manifest.bucket, key: manifest.key, versionId: manifest.versionId)
                {
                    let actual = unquote(head.eTag)
                    if let pinned = manifest.eTag.map(unquote), pinned != actual {
                        error(
                            "manifest \(subject) has ETag \(actual), the spec pins \(pinned)", manifest.place,
                            hint: "update the etag to \(actual), or remove it to use the current object",
                            subject: subject)
                    }
                } else {
                    error(
                        "manifest \(subject)\(manifest.versionId.map { " version \($0)" } ?? "") does not exist",
                        manifest.place, hint: "upload the manifest first, or fix the bucket and key",
                        subject: subject)
                }
            } catch let e as EngineError where e.code == EngineError.noSuchBucket {
                error(
                    "manifest bucket \(manifest.bucket) does not exist", manifest.place,
                    hint: "create the bucket and upload the manifest, or fix the location", subject: subject)
            } catch let e {
                failed("manifest \(subject)", e, manifest.place, subject: subject)
            }
        }

        if let source = input.replicationSource {
            let subject = "s3://\(source.name)"
            do {
                let versioning = try await objects.bucketVersioning(bucket: source.name)
                if versioning != .enabled {
                    error(
                        "versioning is \(versioning?.rawValue.lowercased() ?? "not enabled") on replication source "
                            + "bucket \(source.name)", source.place,
                        hint: "enable versioning on \(source.name); S3 Batch Replication needs it",
                        subject: subject)
                }
                if try await objects.replicationConfiguration(bucket: source.name) == nil {
                    error(
                        "replication source bucket \(source.name) has no replication configuration",
                        source.place,
                        hint: "add a replication rule to \(source.name) before replicating existing objects",
                        subject: subject)
                }
            } catch let e as EngineError where e.code == EngineError.noSuchBucket {
                error(
                    "replication source bucket \(source.name) does not exist", source.place, hint: nil,
                    subject: subject)
            } catch let e {
                failed("replication source bucket \(source.name)", e, source.place, subject: subject)
            }
        }

        if let destination = input.objectLockDestination {
            let subject = "s3://\(destination.name)"
            do {
                if try await !objects.objectLockEnabled(bucket: destination.name) {
                    error(
                        "Object Lock is not enabled on destination bucket \(destination.name)",
                        destination.place,
                        hint: "enable Object Lock on \(destination.name), or remove the Object Lock options",
                        subject: subject)
                }
            } catch let e as EngineError where e.code == EngineError.noSuchBucket {
                error(
                    "destination bucket \(destination.name) does not exist", destination.place, hint: nil,
                    subject: subject)
            } catch let e {
                failed("destination bucket \(destination.name)", e, destination.place, subject: subject)
            }
        }

        if let report = input.reportBucket {
            let subject = "s3://\(report.name)"
            do {
                let exists: Bool
                if let engine = objects as? AWSEngine {
                    exists = try await engine.bucketExists(report.name)
                } else {
                    _ = try await objects.bucketVersioning(bucket: report.name)
                    exists = true
                }
                if !exists {
                    error(
                        "report bucket \(report.name) does not exist", report.place,
                        hint: "create the bucket or fix the report bucket", subject: subject)
                }
            } catch let e as EngineError where e.code == EngineError.noSuchBucket {
                error(
                    "report bucket \(report.name) does not exist", report.place,
                    hint: "create the bucket or fix the report bucket", subject: subject)
            } catch let e {
                failed("report bucket \(report.name)", e, report.place, subject: subject)
            }
        }
        return found
    }

    static func unquote(_ eTag: String) -> String {
        eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
}
