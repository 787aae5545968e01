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
