import BopsEncoding
import Crypto
import Dispatch

/// MD5 and SHA-256 of a byte stream in one pass. Each runs on a thread of its own, overlapping the
/// caller's parsing of the same chunk (MD5 alone is as slow as `md5sum`, so sharing a thread with
/// SHA-256 would make the scan slower than it); `wait()` must be called before the chunk's memory is
/// reused.
final class ManifestDigest: @unchecked Sendable {
    private var md5 = Insecure.MD5()
    private var sha = SHA256()
    private let md5Queue = DispatchQueue(label: "bops.manifest.md5")
    private let shaQueue = DispatchQueue(label: "bops.manifest.sha256")
    private let group = DispatchGroup()
    private(set) var bytes = 0

    private struct Chunk: @unchecked Sendable { let buffer: UnsafeRawBufferPointer }

    /// Starts hashing `buffer`; the memory must stay unchanged until `wait()` returns.
    func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        bytes += buffer.count
        let chunk = Chunk(buffer: buffer)
        if buffer.count >= 64 << 10 {
            md5Queue.async(group: group) { self.md5.update(bufferPointer: chunk.buffer) }
            shaQueue.async(group: group) { self.sha.update(bufferPointer: chunk.buffer) }
        } else {
            md5.update(bufferPointer: buffer)
            sha.update(bufferPointer: buffer)
        }
    }

    func wait() { group.wait() }

    /// The hex digests; call once, after the last `wait()`.
    func finish() -> (md5: String, sha256: String) {
        group.wait()
        return (Hex.encode(md5.finalize()), Hex.encode(sha.finalize()))
    }
}
