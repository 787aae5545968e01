import BopsDiagnostics
import BopsJobs
import BopsNode

/// Cross-field rules the schema cannot express, run on a decoded spec. Each finding points at the
/// field to change. Rules never trap; they only append diagnostics to the context.
enum SemanticRules {
    static func check(_ spec: JobSpec, _ c: inout RuleContext) {
        manifest(spec, &c)
        spec.operation.check(&c)
        report(spec.report, &c)
        jobTags(spec.tags, &c)
        JobSpec.Dependency.check(spec, &c)
        if spec.splitMaxObjects != nil {
            switch spec.manifest {
            case .csv: break
            case .inventory, .latestInventory, .replicationConfiguration, .fromReport:
                c.error(
                    "split.maxObjects takes a CSV manifest (manifest.csv: a file in the project or an object in S3)",
                    at: "/spec/split/maxObjects",
                    atKey: true,
                    hint:
                        "an inventory splits by maxFiles; a generated manifest cannot be split; or remove split"
                )
            }
        }
        if spec.splitMaxFiles != nil {
            switch spec.manifest {
            case .inventory, .latestInventory: break
            case .csv, .replicationConfiguration, .fromReport:
                c.error(
                    "split.maxFiles takes an inventory manifest (manifest.inventory)",
                    at: "/spec/split/maxFiles",
                    atKey: true, hint: "split a local CSV manifest by maxObjects, or remove split")
            }
        }
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
        // Whether a manifest file stays inside the project is the project's check
        // (`ManifestConfinement`, BopsProject): it follows symlinks and knows bops.yaml's allow-list.
        case .latestInventory: break
        case .fromReport(let report):
            if report.tasks == .succeeded, !report.errorCodes.isEmpty {
                c.error(
                    "errorCodes select failed tasks, but tasks is succeeded",
                    at: "/spec/manifest/fromReport/errorCodes", atKey: true,
                    hint: "write tasks: failed (or all), or remove errorCodes")
            }
            if report.spec == spec.name {
                c.error(
                    "\(spec.name) takes its manifest from its own report",
                    at: "/spec/manifest/fromReport/spec",
                    hint: "name the spec whose job's tasks this job retries")
            }
        case .replicationConfiguration(let generator):
            let key = JobSpec.Manifest.generatorSpelling(
                in: SourceLocation.locate("/spec/manifest", in: c.root).value)
            if key == JobSpec.Manifest.formerGeneratorKey {
                c.report(
                    .warning, "replicationConfiguration is the former name of generate",
                    at: "/spec/manifest/" + key, atKey: true,
                    hint:
                        "rename the key to generate: the job stays the same (same configuration digest), "
                        + "and the generator works with every operation")
            }
            guard let f = generator.filter else { return }
            let at = "/spec/manifest/\(key)/filter"
            for (i, match) in f.matchAnyObjectEncryption.enumerated() {
                let mAt = "\(at)/matchAnyObjectEncryption/\(i)"
                if match.kmsKeyArn != nil && !match.kind.takesKey {
                    c.error(
                        "kmsKeyArn applies only to type SSE-KMS or DSSE-KMS", at: mAt + "/kmsKeyArn",
                        atKey: true, hint: "remove kmsKeyArn, or set type: SSE-KMS")
                }
                if match.bucketKeyEnabled != nil && match.kind != .sseKMS {
                    c.error(
                        "bucketKeyEnabled applies only to type SSE-KMS", at: mAt + "/bucketKeyEnabled",
                        atKey: true, hint: "remove bucketKeyEnabled, or set type: SSE-KMS")
                }
            }
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

    // MARK: shared by the operations

    /// Each grantee of the grants of the ACL at `aclAt` is named by the key of its type.
    static func granteeKeys(_ grants: [JobSpec.Grant], at aclAt: String, _ c: inout RuleContext) {
        for (i, grant) in grants.enumerated() {
            let gAt = "\(aclAt)/grants/\(i)/grantee"
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

    private static func typeName(forKey key: String) -> String {
        S3GranteeTypeIdentifier.allCases.first { $0.specKey == key }?.specWord ?? key
    }

    static func objectTags(_ tags: JobSpec.ObjectTagging, at: String, _ c: inout RuleContext) {
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

    static func metadata(_ m: JobSpec.ObjectMetadata, at: String, _ c: inout RuleContext) {
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
    static func tagCharacters(
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

/// A manifest path written in a spec, resolved lexically against the spec file.
enum PathCheck {
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

}
