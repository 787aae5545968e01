#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fixed-size open-addressing set of row fingerprints that counts duplicate rows in bounded memory.
///
/// Each slot holds a 32-bit fingerprint (the low half of a row's 64-bit hash); the high half picks
/// the home slot, so two rows collide only when both halves agree along a probe run. Memory is
/// mapped once, zeroed lazily by the kernel (untouched pages cost nothing), and never grows.
/// When the table is `maxLoad` full it stops inserting: later rows are still looked up, so
/// duplicates of rows already held are counted, but the count becomes a lower bound
/// (`isExact == false`). The default 32 MiB holds 5,033,164 distinct rows exactly; a false
/// duplicate needs a 64-bit collision within a probe run, expected well under 0.1 times for
/// ten million rows.
final class DuplicateTable {
    static let maxLoad = 0.6
    private static let batch = 512

    private let region: UnsafeMutableRawPointer?
    private let regionBytes: Int
    private let slots: UnsafeMutablePointer<UInt32>
    private let mask: Int
    private let limit: Int
    private let pending: UnsafeMutablePointer<UInt64>
    private var pendingCount = 0
    private(set) var stored = 0
    private(set) var duplicates = 0
    private(set) var isExact = true
    /// The slots' memory, until huge pages are asked for it: only once a manifest has many rows,
    /// since a huge page is zeroed whole on its first touch (a 20-row manifest would clear 40 MB).
    private var hugePageRegion: (base: UnsafeMutableRawPointer, bytes: Int)?
    private static let hugePagesAfter = 65_536

    /// `bytes` is rounded down to a power of two number of 4-byte slots (at least 1,024).
    init(bytes: Int) {
        var capacity = 1024
        while capacity * 2 * 4 <= bytes { capacity *= 2 }
        let huge = 2 << 20
        let length = capacity * 4 + huge
        let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        if let mapped, mapped != MAP_FAILED {
            region = mapped
            regionBytes = length
            let aligned = (Int(bitPattern: mapped) + huge - 1) & ~(huge - 1)
            let base = UnsafeMutableRawPointer(bitPattern: aligned) ?? mapped
            hugePageRegion = (base, capacity * 4)
            slots = base.bindMemory(to: UInt32.self, capacity: capacity)
        } else {
            capacity = 1024
            hugePageRegion = nil
            region = nil
            regionBytes = 0
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: 0, count: capacity)
        }
        mask = capacity - 1
        limit = Int(Double(capacity) * Self.maxLoad)
        pending = .allocate(capacity: Self.batch)
    }

    deinit {
        pending.deallocate()
        if let region { munmap(region, regionBytes) } else { slots.deallocate() }
    }

    /// Queues one row hash. Hashes are inserted in batches: independent table lookups in a tight
    /// loop overlap their cache misses. Call `flush()` before reading the counts.
    @inline(__always)
    func add(_ h: UInt64) {
        pending[pendingCount] = h
        pendingCount += 1
        if pendingCount == Self.batch { flush() }
    }

    func flush() {
        for k in 0..<pendingCount { insert(pending[k]) }
        pendingCount = 0
        if stored >= Self.hugePagesAfter, let region = hugePageRegion {
            #if os(Linux)
                // MADV_HUGEPAGE: fewer TLB misses on random probes.
                _ = madvise(region.base, region.bytes, 14)
            #endif
            hugePageRegion = nil
        }
    }

    /// Records one row hash; returns true when the row was seen before.
    @inline(__always)
    @discardableResult
    func insert(_ h: UInt64) -> Bool {
        var fp = UInt32(truncatingIfNeeded: h)
        if fp == 0 { fp = 1 }
        var i = Int(truncatingIfNeeded: h >> 32) & mask
        while true {
            let v = slots[i]
            if v == fp {
                duplicates += 1
                return true
            }
            if v == 0 {
                if stored < limit {
                    slots[i] = fp
                    stored += 1
                } else {
                    isExact = false
                }
                return false
            }
            i = (i + 1) & mask
        }
    }
}
