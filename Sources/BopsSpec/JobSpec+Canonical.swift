import BopsEncoding
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
    public var canonicalConfiguration: [UInt8] { canonicalValue(defaultsLeftOut: true).bytes }

    /// The planner's "did the job definition change" key: lowercase hex SHA-256 of
    /// `canonicalConfiguration`, a newline, and `manifest:` followed by `manifestSHA256` (the hex
    /// SHA-256 of a local CSV manifest's bytes) or `manifest:none`.
    ///
    /// Equal for specs that differ only in priority, tags, confirm, rerun or metadata; different
    /// when any other field or the manifest content changes. Resolve project defaults first
    /// (`resolved(account:region:)`) so that a changed default counts as a change.
    ///
    /// A schema default written out (`storageClass: STANDARD`) gives the same digest as leaving
    /// the key out: the canonical form leaves such values out (`Operation.withDefaultsLeftOut`).
    public func configurationDigest(manifestSHA256: String?) -> String {
        Self.digest(canonicalConfiguration, manifestSHA256: manifestSHA256)
    }

    /// The digests the same definition had before written-out defaults were left out of the
    /// canonical form: empty when the spec writes none. A job recorded with one of them is the
    /// job of this definition (it is not replaced because a release normalised its digest).
    public func earlierConfigurationDigests(manifestSHA256: String?) -> [String] {
        let written = canonicalValue(defaultsLeftOut: false).bytes
        guard written != canonicalConfiguration else { return [] }
        return [Self.digest(written, manifestSHA256: manifestSHA256)]
    }

    /// ``configurationDigest(manifestSHA256:)`` of a definition kept as its canonical text (a plan's
    /// or a record's `canonical`): the same digest the spec gives.
    public static func configurationDigest(canonical: String, manifestSHA256: String?) -> String {
        digest(Array(canonical.utf8), manifestSHA256: manifestSHA256)
    }

    static func digest(_ canonical: [UInt8], manifestSHA256: String?) -> String {
        var bytes = canonical
        bytes.append(0x0A)
        bytes += Array("manifest:\(manifestSHA256?.lowercased() ?? "none")".utf8)
        return Hex.encode(SHA256.hash(data: bytes))
    }

    func canonicalValue(defaultsLeftOut: Bool) -> CanonicalJSON {
        .members([
            ("apiVersion", .string(Self.apiVersion)),
            ("account", .string(account)),
            ("region", .string(region)),
            ("description", .string(description)),
            ("roleArn", .string(roleArn)),
            ("confirmationRequired", .bool(confirmationRequired)),
            ("manifest", manifest.canonicalValue),
            (
                "split",
                splitMaxObjects == nil && splitMaxFiles == nil
                    ? nil
                    : .members([
                        ("maxObjects", splitMaxObjects.map { .string(String($0)) }),
                        ("maxFiles", splitMaxFiles.map { .string(String($0)) }),
                    ])
            ),
            ("operation", (defaultsLeftOut ? operation.withDefaultsLeftOut : operation).canonicalValue),
            ("report", report.canonicalValue),
        ])
    }
}
