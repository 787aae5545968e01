import BopsPrimitives
import FoundationEssentials

/// The file journal's format: one line per segment, `{"crc32":"<8 hex>","segment":<JSON>}` and a
/// newline, the CRC-32 taken over the segment's JSON bytes exactly as written.
///
/// A crash during an append leaves at most the last line torn (short, or with bytes that never
/// reached the disk): its checksum does not match, and it is ignored. A bad line followed by a good
/// one is not a torn append but damage, and the journal is refused as corrupt.
enum JournalLine {
    static let head = Array(#"{"crc32":""#.utf8)
    static let middle = Array(#"","segment":"#.utf8)
    static var prefixLength: Int { head.count + 8 + middle.count }

    static func encode(_ segment: JournalSegment) throws -> [UInt8] {
        let json = try compactJSON(segment)
        return head + Array(hex8(CRC32.checksum(json)).utf8) + middle + json + [0x7D, 0x0A]
    }

    /// The segment of one line (without its newline); `nil` when the line is torn or damaged.
    static func decode(_ line: ArraySlice<UInt8>) -> JournalSegment? {
        guard line.count > prefixLength + 1, line.last == 0x7D,
            line.prefix(head.count).elementsEqual(head),
            line.dropFirst(head.count + 8).prefix(middle.count).elementsEqual(middle)
        else { return nil }
        let start = line.startIndex
        let sum = String(decoding: line[(start + head.count)..<(start + head.count + 8)], as: UTF8.self)
        let json = Array(line[(start + prefixLength)..<(line.endIndex - 1)])
        guard sum == hex8(CRC32.checksum(json)) else { return nil }
        return try? StateJSON.decode(JournalSegment.self, from: json)
    }

    /// The segments of a journal file, and how many bytes the good lines take from its start. A torn
    /// last line is left out; a bad line before the last throws ``StateError/corrupt(path:detail:)``.
    static func parse(
        _ bytes: [UInt8], path: String
    ) throws(StateError) -> (segments: [JournalSegment], length: Int) {
        var segments: [JournalSegment] = []
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            let end = bytes[start...].firstIndex(of: 0x0A)
            guard let end, let segment = decode(bytes[start..<end]) else {
                // Torn when nothing but this line follows: the append that wrote it never returned.
                let rest = end.map { bytes[($0 + 1)...] } ?? []
                if rest.allSatisfy({ $0 == 0x0A || $0 == 0 }) { break }
                throw .corrupt(
                    path: path,
                    detail: "journal line \(number) is damaged (checksum or shape) and more follow")
            }
            segments.append(segment)
            start = end + 1
        }
        return (segments, start)
    }

    /// JSON on one line, keys sorted, dates ISO 8601.
    static func compactJSON<T: Encodable>(_ value: T) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return [UInt8](try e.encode(value))
    }
}
