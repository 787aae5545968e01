import BopsDiagnostics
import BopsJobs
import BopsYAML

/// Cross-field rules the schema cannot express, run on a decoded spec. Each finding points at the
/// field to change. Rules never trap; they only append diagnostics to the context.
enum SemanticRules {
    static func check(_ spec: JobSpec, _ c: inout RuleContext) {
        manifest(spec, &c)
        if case .copy(let copy) = spec.operation { copyOperation(copy, &c) }
        report(spec.report, &c)
        jobTags(spec.tags, &c)
        if spec.confirm && !spec.confirmationRequired {
            c.report(
                .warning, "confirm has no effect when confirmationRequired is false", at: "/spec/confirm",
                atKey: true,
                hint:
                    "the job runs as soon as it is prepared; "
                    + "remove confirm, or set confirmationRequired: true"
            )
        }
    }

    // MARK: manifest

    private static func manifest(_ spec: JobSpec, _ c: inout RuleContext) {
        switch spec.manifest {
        case .csv(let csv):
            let at = "/spec/manifest/csv"
            var seen: Set<JobManifestFieldName> = []
            for (i, field) in csv.fields.enumerated() where field != .ignore {
                if !seen.insert(field).inserted {
                    c.error(
                        "the manifest column \(field.rawValue) is listed more than once",
                        at: "\(at)/fields/\(i)",
                        hint: "list \(field.rawValue) once; use Ignore for columns to skip")
                }
            }
            if spec.operation == .replicate && !csv.fields.contains(.versionId) {
                let hasFields = SourceLocation.locate(at + "/fields", in: c.root).value != nil
                c.error(
                    "Replicate with a CSV manifest needs a VersionId column",
                    at: hasFields ? at + "/fields" : at, atKey: !hasFields,
                    hint:
                        "write fields: [Bucket, Key, VersionId] and give every row a version id "
                        + "(null for a null version)"
                )
            }
            if case .file(let path) = csv.source, let problem = PathCheck.problem(path, specFile: c.file) {
                c.report(
                    .warning, "the manifest file \(path) \(problem)", at: at + "/file",
                    hint:
                        "keep manifests inside the project, next to the specs "
                        + "(for example manifests/\(PathCheck.lastComponent(path)))"
                )
            }
        case .replicationConfiguration(let generator):
            guard let f = generator.filter else { return }
            let at = "/spec/manifest/replicationConfiguration/filter"
            if let after = f.createdAfter, let before = f.createdBefore, after >= before {
                c.error(
                    "createdBefore (\(before)) must be later than createdAfter (\(after))",
                    at: at + "/createdBefore",
                    hint: "no object can match; swap the two dates or widen the range")
            }
            if let greater = f.objectSizeGreaterThanBytes, let less = f.objectSizeLessThanBytes,
                greater >= less
            {
                c.error(
                    "objectSizeLessThanBytes (\(less)) must be greater than "
                        + "objectSizeGreaterThanBytes (\(greater))",
                    at: at + "/objectSizeLessThanBytes",
                    hint: "no object can match; swap the two sizes or widen the range")
            }
        case .inventory:
            break
        }
    }

    // MARK: copy

    private static func copyOperation(_ copy: JobSpec.CopyOperation, _ c: inout RuleContext) {
        let at = "/spec/operation/copy"
        if let enc = copy.encryption, enc.type == .sseS3 {
            for key in ["kmsKeyArn", "bucketKeyEnabled"]
            where (key == "kmsKeyArn" ? enc.kmsKeyArn != nil : enc.bucketKeyEnabled != nil) {
                c.error(
                    "\(key) applies only to encryption type SSE-KMS", at: "\(at)/encryption/\(key)",
                    atKey: true,
                    hint: "set type: SSE-KMS, or remove \(key)")
            }
        }
        objectTags(copy.tags, at: at + "/tags", &c)
        metadata(copy.metadata, at: at + "/metadata", &c)
        if case .grants(let grants) = copy.acl {
            for (i, grant) in grants.enumerated() {
                let gAt = "\(at)/acl/grants/\(i)/grantee"
                let expected = grant.grantee.type.specKey
                for key in ["id", "email", "uri"] where key != expected {
                    if SourceLocation.locate("\(gAt)/\(key)", in: c.root).value != nil {
                        c.error(
                            "a grantee of type \(grant.grantee.type.specWord) "
                                + "is named by \(expected), not \(key)",
                            at: "\(gAt)/\(key)", atKey: true,
                            hint: "write \(expected): ..., or set type to \(typeName(forKey: key))")
                    }
                }
            }
        }
        if let retention = copy.objectLock?.retention, retention.retainUntil <= c.now {
            c.error(
                "the retention date \(retention.retainUntil) is not in the future",
                at: at + "/objectLock/retention/retainUntil",
                hint: "S3 refuses retention dates in the past; choose a date after \(c.now)")
        }
        if let since = copy.modifiedSince, let until = copy.unmodifiedSince, since >= until {
            c.error(
                "unmodifiedSince (\(until)) must be later than modifiedSince (\(since))",
                at: at + "/unmodifiedSince",
                hint: "no object can match; swap the two dates or remove one")
        }
    }

    private static func typeName(forKey key: String) -> String {
        S3GranteeTypeIdentifier.allCases.first { $0.specKey == key }?.specWord ?? key
    }

    private static func objectTags(_ tags: JobSpec.ObjectTagging, at: String, _ c: inout RuleContext) {
        if tags.mode != .replace && !tags.set.isEmpty {
            c.error(
                "tags.set needs tags mode replace (mode is \(tags.mode.rawValue))", at: at + "/set",
                atKey: true,
                hint: "add mode: replace to give the copies exactly these tags, or remove set")
        }
        if tags.mode == .replace && SourceLocation.locate(at + "/set", in: c.root).value == nil {
            c.error(
                "tags mode replace needs the tags to set", at: at + "/mode",
                hint: "add set: { key: value }, or use mode: remove to copy without tags")
        }
        tagCharacters(tags.set, at: at + "/set", reservedPrefixes: ["aws:"], &c)
    }

    private static let metadataKeys = [
        "cacheControl", "contentDisposition", "contentEncoding", "contentLanguage", "contentType", "expires",
        "user",
    ]

    /// S3 limits user-defined metadata to 2 KB: the UTF-8 bytes of all names and values.
    static let maxUserMetadataBytes = 2048

    private static func metadata(_ m: JobSpec.ObjectMetadata, at: String, _ c: inout RuleContext) {
        if m.mode == .copy {
            for key in metadataKeys where SourceLocation.locate("\(at)/\(key)", in: c.root).value != nil {
                c.error(
                    "\(key) needs metadata mode replace", at: "\(at)/\(key)", atKey: true,
                    hint:
                        "add mode: replace (the copies then get exactly the metadata listed here), "
                        + "or remove \(key)"
                )
            }
        }
        let size = m.user.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        if size > maxUserMetadataBytes {
            c.error(
                "user metadata is \(size) bytes, more than the S3 limit of \(maxUserMetadataBytes)",
                at: at + "/user",
                atKey: true, hint: "shorten or drop some entries; names and values count together")
        }
    }

    // MARK: report and tags

    private static func report(_ report: JobSpec.Report, _ c: inout RuleContext) {
        guard report.scope == .disabled else { return }
        for key in ["bucket", "prefix", "expectedBucketOwner"]
        where SourceLocation.locate("/spec/report/\(key)", in: c.root).value != nil {
            c.error(
                "a disabled report takes no \(key)", at: "/spec/report/\(key)", atKey: true,
                hint: "remove \(key), or set scope: all or scope: failed to write a report")
        }
    }

    private static func jobTags(_ tags: [String: String], _ c: inout RuleContext) {
        tagCharacters(tags, at: "/spec/tags", reservedPrefixes: ["aws:", JobSpec.reservedTagPrefix], &c)
    }

    /// Keys and values may hold letters, separators, digits and `_ . : / = + - @` (botocore
    /// `TagKeyString`/`TagValueString`); some key prefixes are reserved.
    private static func tagCharacters(
        _ tags: [String: String], at: String, reservedPrefixes: [String], _ c: inout RuleContext
    ) {
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            let keyAt = NodeDecoder.pointer(at, key)
            if let prefix = reservedPrefixes.first(where: { key.lowercased().hasPrefix($0) }) {
                c.error(
                    "the tag key \(key) uses the reserved prefix \(prefix)", at: keyAt, atKey: true,
                    hint: "choose a key that does not start with \(prefix)")
            } else if let bad = badTagCharacter(key) {
                c.error(
                    "the tag key \(key) contains \(describe(bad)), which tags do not allow", at: keyAt,
                    atKey: true,
                    hint: "use letters, digits, spaces and _ . : / = + - @")
            }
            if let bad = badTagCharacter(value) {
                c.error(
                    "the value of tag \(key) contains \(describe(bad)), which tags do not allow", at: keyAt,
                    hint: "use letters, digits, spaces and _ . : / = + - @")
            }
        }
    }

    static func badTagCharacter(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { s in
            switch s.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .spaceSeparator, .lineSeparator, .paragraphSeparator, .decimalNumber, .letterNumber,
                .otherNumber:
                return false
            default:
                return !"_.:/=+-@".unicodeScalars.contains(s)
            }
        }
    }

    private static func describe(_ s: Unicode.Scalar) -> String {
        s.properties.generalCategory == .control
            ? "the control character U+\(String(s.value, radix: 16, uppercase: true))" : "'\(s)'"
    }
}

/// Lexical checks of a manifest path written in a spec, relative to the spec file.
enum PathCheck {
    /// Why `path` (relative to `specFile`) leaves the project, or nil when it stays inside. The project
    /// is the directory spec paths are given relative to; absolute spec paths only refuse absolute
    /// manifest paths.
    static func problem(_ path: String, specFile: String) -> String? {
        if path.hasPrefix("/") { return "is an absolute path" }
        if specFile.hasPrefix("/") { return nil }
        if resolve(path, specFile: specFile).hasPrefix("../") || resolve(path, specFile: specFile) == ".." {
            return "is outside the project"
        }
        return nil
    }

    /// `path` joined to the directory of `specFile`, with `.` and `..` steps removed lexically.
    static func resolve(_ path: String, specFile: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        let parts = specFile.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        let dir = parts.joined(separator: "/")
        return normalize(dir.isEmpty ? path : dir + "/" + path)
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var out: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                if let last = out.last, last != ".." {
                    out.removeLast()
                } else if !absolute {
                    out.append(part)
                }
            default: out.append(part)
            }
        }
        let joined = out.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
