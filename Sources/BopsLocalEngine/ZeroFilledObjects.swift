import BopsEncoding
public import BopsJobs
import Crypto

/// The digests of objects whose bytes are all zeros (`bops local put --size`), computed without
/// holding the body: MD5 runs over one reused buffer of zeros.
///
/// MD5 of 6 GiB takes about 10 s of CPU, so the sizes tests use around S3's 5 GiB copy limit
/// are looked up (computed with Python's `hashlib.md5` over streamed zeros; the 6 GiB value is also
/// `md5sum` of `head -c 6442450944 /dev/zero`); any other size is streamed.
enum ZeroFill {
    /// The hex MD5 of that many zero bytes, precomputed.
    static let knownMD5: [Int64: String] = [
        5_368_709_120: "ec4bcc8776ea04479b786e063a9ace45",
        5_368_709_121: "554157458fc3c9573486e4add4a8fd50",
        6_442_450_944: "58cf638a733f919007b4287cf5396d0c",
    ]

    /// The size of the zero buffer MD5 is fed from.
    static let chunk = 1 << 20

    /// The MD5 of `count` zero bytes.
    static func md5(count: Int64) -> [UInt8] {
        guard let known = knownMD5[count] else { return streamedMD5(count: count) }
        let nibbles = known.utf8.compactMap(Hex.value)
        return stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
    }

    /// The MD5 of `count` zero bytes, always streamed (the check of ``knownMD5``).
    static func streamedMD5(count: Int64) -> [UInt8] {
        let zeros = [UInt8](repeating: 0, count: chunk)
        var md5 = Insecure.MD5()
        var left = count
        zeros.withUnsafeBytes { buffer in
            while left > 0 {
                let n = Int(min(left, Int64(chunk)))
                md5.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                left -= Int64(n)
            }
        }
        return Array(md5.finalize())
    }

    /// S3's ETag for `size` zero bytes: the MD5 in one part, or the multipart ETag when
    /// `partSizes` has more than one part (equal parts share one digest).
    static func eTag(size: Int64, partSizes: [Int64]?) -> String {
        guard let partSizes, partSizes.count > 1 else { return "\"" + Hex.encode(md5(count: size)) + "\"" }
        var digests: [Int64: [UInt8]] = [:]
        var joined: [UInt8] = []
        for part in partSizes {
            if digests[part] == nil { digests[part] = md5(count: part) }
            joined += digests[part] ?? []
        }
        return "\"" + Hex.encode(Insecure.MD5.hash(data: joined)) + "-\(partSizes.count)\""
    }
}

/// Objects of a given size whose bytes are not stored: a version record without a data file,
/// read back as zeros (GetObject, ranges, the job executors), copied and replicated without
/// writing bytes. A 6 GiB object costs one log line.
extension LocalStore {
    /// Puts an object of `size` zero bytes without writing them, with every stored attribute as
    /// ``putObject(bucket:key:body:attributes:)``. The ETag is S3's for those bytes (the MD5 of
    /// the zeros, or the multipart ETag with `attributes.partSize`); an additional checksum
    /// (`attributes.checksumAlgorithm`) is computed over zeros held in memory.
    public func putZeroFilledObject(
        bucket: String, key: String, size: Int64, attributes: ObjectAttributes
    ) throws -> ObjectInfo {
        guard size >= 0 else {
            throw EngineError(
                code: "InvalidArgument", message: "an object's size cannot be negative: \(size)",
                httpStatus: 400)
        }
        let state = try checkPut(bucket: bucket, key: key, attributes: attributes)
        let parts = attributes.partSize.flatMap { Self.partSizes(size, partSize: Int64($0)) }
        let checksum = attributes.checksumAlgorithm.map {
            Checksums.compute($0, [UInt8](repeating: 0, count: Int(size)))
        }
        let info = newObjectInfo(
            bucket: bucket, key: key, versionId: newVersionId(state),
            eTag: ZeroFill.eTag(size: size, partSizes: parts), size: size, checksum: checksum,
            attributes: attributes, partSizes: parts)
        try commit([(bucket, stageZeroFilled(info))])
        return info
    }

    /// Whether the version `versionId` names (the latest when `nil`, `"null"` the null version) is
    /// zero-filled (put with a size and no bytes). Throws as ``objectInfo(bucket:key:versionId:)``.
    public func isZeroFilled(bucket: String, key: String, versionId: String?) throws -> Bool {
        try lookup(bucket: bucket, key: key, versionId: versionId, refresh: true).isZeroFilled
    }

    /// The `put` record of a new zero-filled version (no data file to write).
    func stageZeroFilled(_ info: ObjectInfo) -> LogRecord {
        LogRecord(op: .put, object: StoredVersion(info: info, blob: "", zeroFilled: true))
    }

    /// The `put` record of a new version holding `source`'s data: zero-filled again when the
    /// source is, else a data file with `body()`.
    func stage(
        _ info: ObjectInfo, dataOf source: StoredVersion, body: () throws -> [UInt8]
    ) throws -> LogRecord {
        source.isZeroFilled ? stageZeroFilled(info) : try stage(info, body: body())
    }
}
