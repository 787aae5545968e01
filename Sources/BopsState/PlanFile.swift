public import BopsDiagnostics
import BopsPrimitives
import FoundationEssentials

/// A saved plan on disk (`bops plan -out FILE`): one JSON object whose `format_version` says which
/// shape the rest has.
///
/// The plan's type lives in BopsPlan; this file format lives here, next to the state it is bound to,
/// so that reading a plan file and checking its version is one library call for any payload.
/// Versions are `MAJOR.MINOR`: a file is read when its major version is the expected one, and refused
/// with ``PlanFileError/unsupportedFormat(path:found:expected:)`` otherwise (it would decode to the
/// wrong shape). Files are written atomically.
public enum PlanFile {
    public static func write<P: Encodable>(_ plan: P, to path: String) throws(PlanFileError) {
        let bytes: [UInt8]
        do { bytes = try StateJSON.encode(plan) } catch {
            throw .cannotWrite(path: path, detail: "cannot encode the plan")
        }
        do {
            try AtomicFile.write(bytes, to: path, createFolders: true)
        } catch {
            throw .cannotWrite(path: path, detail: error.description)
        }
    }

    /// Reads the plan in `path`, after checking that its `format_version` has the major version of
    /// `formatVersion`.
    public static func read<P: Decodable>(
        _ type: P.Type, from path: String, formatVersion: String
    )
        throws(PlanFileError) -> P
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path)
        }
        guard let object = try? JSONAny.parse(data), let top = object as? [String: Any]
        else {
            throw .notAPlan(path: path, detail: "not a JSON object")
        }
        guard let found = top["format_version"] as? String else {
            throw .notAPlan(path: path, detail: "no `format_version`")
        }
        guard major(found) == major(formatVersion) else {
            throw .unsupportedFormat(path: path, found: found, expected: formatVersion)
        }
        do {
            return try StateJSON.decode(type, from: [UInt8](data))
        } catch {
            throw .notAPlan(path: path, detail: StateJSON.problem(error))
        }
    }

    static func major(_ version: String) -> Int? {
        version.split(separator: ".", maxSplits: 1).first.flatMap { Int($0) }
    }
}

public enum PlanFileError: Error, Sendable, Hashable {
    case unreadable(path: String)
    case notAPlan(path: String, detail: String)
    /// The file was written in another format version (by an older or newer bops).
    case unsupportedFormat(path: String, found: String, expected: String)
    case cannotWrite(path: String, detail: String)

    public var diagnostic: Diagnostic {
        switch self {
        case .unreadable(let path):
            return Diagnostic(.error, "cannot read the plan file", hint: "check the path", subject: path)
        case .notAPlan(let path, let detail):
            return Diagnostic(
                .error, "not a bops plan file", detail: detail, hint: "make one with bops plan -out FILE",
                subject: path)
        case .unsupportedFormat(let path, let found, let expected):
            let older = (PlanFile.major(found) ?? 0) < (PlanFile.major(expected) ?? 0)
            return Diagnostic(
                .error, "plan file has format version \(found); this bops reads format version \(expected)",
                detail: older
                    ? "the plan was saved by an older bops, whose plan files have another shape"
                    : "the plan was saved by a newer bops",
                hint: "make a new plan with `bops plan -out \(path)` and apply that", subject: path)
        case .cannotWrite(let path, let detail):
            return Diagnostic(.error, "cannot save the plan: \(detail)", subject: path)
        }
    }
}
