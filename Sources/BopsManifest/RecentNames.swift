#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last few distinct short byte strings seen (bucket names), so a row whose bucket was already
/// validated costs one `memcmp`. Holds at most `slots` names of at most 255 bytes each.
final class RecentNames {
    private let slots = 8
    private let width = 256
    private let storage: UnsafeMutablePointer<UInt8>
    private let lengths: UnsafeMutablePointer<Int>
    private var last = 0
    private var next = 0

    init() {
        storage = .allocate(capacity: slots * width)
        lengths = .allocate(capacity: slots)
        lengths.initialize(repeating: -1, count: slots)
    }

    deinit {
        storage.deallocate()
        lengths.deallocate()
    }

    @inline(__always)
    func contains(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        if lengths[last] == count && memcmp(storage + last * width, p, count) == 0 { return true }
        for i in 0..<slots where lengths[i] == count && memcmp(storage + i * width, p, count) == 0 {
            last = i
            return true
        }
        return false
    }

    /// Stores a name of at most 255 bytes, replacing the oldest.
    func remember(_ p: UnsafePointer<UInt8>, count: Int) {
        guard count < width else { return }
        (storage + next * width).update(from: p, count: count)
        lengths[next] = count
        last = next
        next = (next + 1) % slots
    }
}
