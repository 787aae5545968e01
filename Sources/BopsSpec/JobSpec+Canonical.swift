import Crypto

extension JobSpec {
    /// The job definition as canonical JSON (UTF-8): sorted keys, no whitespace, schema defaults
    /// filled in, timestamps in UTC.
    ///
    /// It holds everything that fixes the job AWS creates, and nothing that can change on a live
    /// job or that only steers bops: `priority`, `tags`, `confirm`, `rerun` and `metadata` (name,
    /// labels) are left out. A CSV manifest `file` is left out too (its path does not matter, its
    /// content does: pass the content hash to `configurationDigest(manifestSHA256:)`).
    /// Two specs have equal bytes exactly when they describe the same job definition.
    public var canonicalConfiguration: [UInt8] { canonicalValue.bytes }

    /// The planner's "did the job definition change" key: lowercase hex SHA-256 of
    /// `canonicalConfiguration`, a newline, and `manifest:` followed by `manifestSHA256` (the hex
    /// SHA-256 of a local CSV manifest's bytes) or `manifest:none`.
    ///
    /// Equal for specs that differ only in priority, tags, confirm, rerun or metadata; different
    /// when any other field or the manifest content changes. Resolve project defaults first
    /// (`resolved(account:region:)`) so that a changed default counts as a change.
    public func configurationDigest(manifestSHA256: String?) -> String {
        var bytes = canonicalConfiguration
        bytes.append(0x0A)
        bytes += Array("manifest:\(manifestSHA256?.lowercased() ?? "none")".utf8)
        return SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    var canonicalValue: CanonicalJSON {
        .members([
            ("apiVersion", .string(Self.apiVersion)),
            ("account", .string(account)),
            ("region", .string(region)),
            ("description", .string(description)),
            ("roleArn", .string(roleArn)),
            ("confirmationRequired", .bool(confirmationRequired)),
            ("manifest", manifest.canonicalValue),
            ("operation", operation.canonicalValue),
            ("report", report.canonicalValue),
        ])
    }
}

extension JobSpec.S3ObjectLocation {
    var canonicalValue: CanonicalJSON {
        .members([
            ("bucket", .string(bucket)), ("key", .string(key)), ("etag", .string(etag)),
            ("versionId", .string(versionId)),
        ])
    }
}

extension JobSpec.Manifest {
    var canonicalValue: CanonicalJSON {
        switch self {
        case .csv(let csv):
            let source: CanonicalJSON
            switch csv.source {
            case .file: source = .object(["file": .object([:])])
            case .location(let location): source = .object(["location": location.canonicalValue])
            }
            return .object([
                "csv": .object([
                    "format": .string(JobSpec.CSVManifest.format),
                    "fields": .array(csv.fields.map { .string($0.rawValue) }),
                    "source": source,
                ])
            ])
        case .inventory(let inventory):
            return .object([
                "inventory": .object([
                    "format": .string(JobSpec.InventoryManifest.format),
                    "location": inventory.location.canonicalValue,
                ])
            ])
        case .replicationConfiguration(let g):
            return .object([
                "replicationConfiguration": .members([
                    ("sourceBucket", .string(g.sourceBucket)),
                    ("expectedBucketOwner", .string(g.expectedBucketOwner)),
                    ("filter", g.filter.map(\.canonicalValue)),
                    ("manifestOutput", g.manifestOutput.map(\.canonicalValue)),
                ])
            ])
        }
    }
}

extension JobSpec.ManifestFilter {
    var canonicalValue: CanonicalJSON {
        .members([
            ("eligibleForReplication", .bool(eligibleForReplication)),
            ("createdAfter", .time(createdAfter)),
            ("createdBefore", .time(createdBefore)),
            ("objectReplicationStatuses", .strings(objectReplicationStatuses.map(\.rawValue))),
            ("matchAnyPrefix", .strings(matchAnyPrefix)),
            ("matchAnySuffix", .strings(matchAnySuffix)),
            ("matchAnySubstring", .strings(matchAnySubstring)),
            ("objectSizeGreaterThanBytes", .int(objectSizeGreaterThanBytes)),
            ("objectSizeLessThanBytes", .int(objectSizeLessThanBytes)),
            ("matchAnyStorageClass", .strings(matchAnyStorageClass.map(\.rawValue))),
        ])
    }
}

extension JobSpec.ManifestOutput {
    var canonicalValue: CanonicalJSON {
        let enc: CanonicalJSON? =
            switch encryption {
            case nil: nil
            case .sseS3: .object(["sseS3": .object([:])])
            case .sseKMS(let key): .object(["kmsKeyId": .string(key)])
            }
        return .members([
            ("bucket", .string(bucket)), ("prefix", .string(prefix)),
            ("expectedBucketOwner", .string(expectedBucketOwner)), ("encryption", enc),
            ("format", .string(format)),
        ])
    }
}

extension JobSpec.Operation {
    var canonicalValue: CanonicalJSON {
        switch self {
        case .replicate: return .object(["replicate": .object([:])])
        case .copy(let c): return .object(["copy": c.canonicalValue])
        }
    }
}

extension JobSpec.CopyOperation {
    var canonicalValue: CanonicalJSON {
        .members([
            ("destination", .string(destination)),
            ("keyPrefix", .string(keyPrefix)),
            ("storageClass", .string(storageClass?.rawValue)),
            (
                "encryption",
                encryption.map {
                    .members([
                        ("type", .string($0.type.rawValue)), ("kmsKeyArn", .string($0.kmsKeyArn)),
                        ("bucketKeyEnabled", .bool($0.bucketKeyEnabled)),
                    ])
                }
            ),
            ("tags", .object(["mode": .string(tags.mode.rawValue), "set": .map(tags.set)])),
            (
                "metadata",
                .members([
                    ("mode", .string(metadata.mode.rawValue)),
                    ("cacheControl", .string(metadata.cacheControl)),
                    ("contentDisposition", .string(metadata.contentDisposition)),
                    ("contentEncoding", .string(metadata.contentEncoding)),
                    ("contentLanguage", .string(metadata.contentLanguage)),
                    ("contentType", .string(metadata.contentType)), ("expires", .time(metadata.expires)),
                    ("user", .map(metadata.user)),
                ])
            ),
            ("acl", acl.map(\.canonicalValue)),
            (
                "objectLock",
                objectLock.map { lock in
                    .members([
                        ("legalHold", .string(lock.legalHold?.rawValue)),
                        (
                            "retention",
                            lock.retention.map {
                                .object([
                                    "mode": .string($0.mode.rawValue),
                                    "retainUntil": .string($0.retainUntil.description),
                                ])
                            }
                        ),
                    ])
                }
            ),
            ("checksumAlgorithm", .string(checksumAlgorithm?.rawValue)),
            ("modifiedSince", .time(modifiedSince)),
            ("unmodifiedSince", .time(unmodifiedSince)),
            ("redirectLocation", .string(redirectLocation)),
            ("requesterPays", .bool(requesterPays)),
        ])
    }
}

extension JobSpec.AccessControl {
    var canonicalValue: CanonicalJSON {
        switch self {
        case .canned(let acl): return .object(["canned": .string(acl.rawValue)])
        case .grants(let grants):
            return .object([
                "grants": .array(
                    grants.map { g in
                        .object([
                            "grantee": .members([
                                ("type", .string(g.grantee.type.rawValue)),
                                (g.grantee.type.specKey, .string(g.grantee.identifier)),
                                ("displayName", .string(g.grantee.displayName)),
                            ]),
                            "permission": .string(g.permission.rawValue),
                        ])
                    })
            ])
        }
    }
}

extension JobSpec.Report {
    var canonicalValue: CanonicalJSON {
        .members([
            ("scope", .string(scope.rawValue)), ("bucket", .string(bucket)), ("prefix", .string(prefix)),
            ("expectedBucketOwner", .string(expectedBucketOwner)),
            ("format", scope == .disabled ? nil : .string(Self.format)),
        ])
    }
}
