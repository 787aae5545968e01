import BopsEncoding
import BopsPrimitives

/// One change in a state journal: the record of one spec name, or its removal (`record` is `nil`).
public struct JournalEntry: Codable, Sendable, Hashable {
    public var name: String
    public var record: JobRecord?

    public init(name: String, record: JobRecord?) {
        self.name = name
        self.record = record
    }
}

/// The document a journal applies over: its lineage, its serial and a digest of its bytes as
/// stored (`nil` serial and digest: no document is stored yet).
///
/// A journal applies only over the document it names. One whose base is not the stored document
/// (left behind by a crash after its fold was written, or by a state replaced since) is ignored by
/// every load and removed by the next writer under the lock.
public struct JournalBase: Codable, Sendable, Hashable {
    public var lineage: String
    public var serial: Int
    public var digest: String

    public init(lineage: String, serial: Int, digest: String) {
        self.lineage = lineage
        self.serial = serial
        self.digest = digest
    }

    /// The digest of a base where no document is stored.
    public static let noDocument = "none"

    /// The base of `bytes`, the document of `state` as stored.
    static func of(_ state: State, bytes: [UInt8]) -> JournalBase {
        JournalBase(lineage: state.lineage, serial: state.serial, digest: digest(bytes))
    }

    /// The base of a store that holds no document: a state not saved yet.
    static func empty(_ state: State) -> JournalBase {
        JournalBase(lineage: state.lineage, serial: state.serial, digest: noDocument)
    }

    /// `crc32:<8 hex>:<length>` of the document's bytes.
    static func digest(_ bytes: [UInt8]) -> String {
        "crc32:" + hex8(CRC32.checksum(bytes)) + ":\(bytes.count)"
    }
}

/// One group commit of a journal: the entries of the `set` calls collected while the previous
/// segment was written, numbered `firstSerial`, `firstSerial + 1`, ...
///
/// Invariants: segments of one journal share one ``base``; their `index` runs 0, 1, 2, ... with no
/// gap, and each starts at the serial after the previous one's last (`base.serial + 1` for index 0).
/// The state with the journal folded in has serial `base.serial + ` the number of entries.
public struct JournalSegment: Codable, Sendable, Hashable {
    public var base: JournalBase
    public var index: Int
    public var firstSerial: Int
    /// The bops version that wrote the segment: the folded state's `bopsVersion`.
    public var bopsVersion: String?
    public var entries: [JournalEntry]

    public init(
        base: JournalBase, index: Int, firstSerial: Int, bopsVersion: String?, entries: [JournalEntry]
    ) {
        self.base = base
        self.index = index
        self.firstSerial = firstSerial
        self.bopsVersion = bopsVersion
        self.entries = entries
    }

    /// The serial of the state once this segment is folded in.
    public var lastSerial: Int { firstSerial + entries.count - 1 }

    enum CodingKeys: String, CodingKey {
        case base, index, entries
        case firstSerial = "first_serial"
        case bopsVersion = "bops_version"
    }
}

/// The journal of a state while one writer holds the lock: appends segments, then folds them into
/// the document. Get one from ``StateStore/openJournal(over:)``.
///
/// Invariants: ``append(_:bopsVersion:)`` returns only once the segment is durable, and a segment
/// that throws is not in the store (the journal is cut back to what it was); ``fold(_:)`` replaces
/// the document in one atomic write with the serial and lineage checks of
/// ``StateStore/write(_:force:)`` and then removes the journal. A crash at any instant leaves a
/// store whose next load gives the document with every durable segment folded in, or the folded
/// document alone.
public protocol StateJournal: AnyObject, Sendable {
    /// How many entries the journal holds now (those of an earlier, interrupted writer included).
    var entryCount: Int { get async }
    /// Appends `entries` as one segment and returns when it is durable.
    func append(_ entries: [JournalEntry], bopsVersion: String?) async throws(StateError)
    /// Writes `state` (the document with the journal folded in, of the journal's lineage and a newer
    /// serial than the document's) as the whole document, then removes the journal. The journal stays
    /// usable: later appends apply over the new document.
    func fold(_ state: State) async throws(StateError)
}

/// Folding and checking segments: the rules every backend shares.
enum JournalFold {
    /// `document` (the state stored over `base`, `nil`: none) with `segments` folded in, in order.
    /// `segments` must be the journal of `base`, complete from index 0 (see ``check(_:over:path:)``).
    static func fold(_ segments: [JournalSegment], into document: State?, base: JournalBase) -> State {
        var state = document ?? State(lineage: base.lineage)
        state.serial = base.serial
        for segment in segments {
            for entry in segment.entries { state.jobs[entry.name] = entry.record }
            state.serial = segment.lastSerial
            state.bopsVersion = segment.bopsVersion ?? state.bopsVersion
        }
        return state
    }

    /// Throws ``StateError/corrupt(path:detail:)`` unless `segments` (all over `base`) are numbered
    /// 0, 1, 2, ... and their serials follow one another from `base.serial + 1`.
    static func check(_ segments: [JournalSegment], over base: JournalBase, path: String) throws(StateError) {
        var serial = base.serial + 1
        for (i, segment) in segments.enumerated() {
            guard segment.base == base, segment.index == i else {
                throw .corrupt(
                    path: path, detail: "journal segment \(segment.index) found where segment \(i) belongs")
            }
            guard segment.firstSerial == serial, !segment.entries.isEmpty else {
                throw .corrupt(
                    path: path,
                    detail: "journal segment \(i) starts at serial \(segment.firstSerial), expected \(serial)"
                )
            }
            serial = segment.lastSerial + 1
        }
    }
}

/// `%08x` without Foundation's formatter.
func hex8(_ value: UInt32) -> String { Hex.fixed(UInt64(value), width: 8) }
