import Dispatch

/// `map` on dedicated threads, results in input order: the one parallel map of bops.
///
/// Item `i` runs on lane `i % lanes`; each lane is its own `PosixThread`, so blocking work (file I/O
/// in the local engine) does not starve Swift's cooperative pool, and CPU-bound work (loading
/// specs) spreads over the cores. With one lane, or one item, it runs on the caller's thread.
public enum ParallelMap {
    /// Blocks the caller until every item is transformed.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], lanes: Int, _ transform: @escaping @Sendable (T) -> R
    ) -> [R] {
        let lanes = min(max(1, lanes), items.count)
        if lanes <= 1 { return items.map(transform) }
        let done = DispatchSemaphore(value: 0)
        let slots = ResultSlots<R>(count: items.count, lanes: lanes)
        start(items, into: slots, transform) { done.signal() }
        done.wait()
        return slots.values()
    }

    /// Suspends the caller (without blocking a pool thread) until every item is transformed.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], lanes: Int, _ transform: @escaping @Sendable (T) -> R
    ) async -> [R] {
        let lanes = min(max(1, lanes), items.count)
        if lanes == 0 { return [] }
        let slots = ResultSlots<R>(count: items.count, lanes: lanes)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            start(items, into: slots, transform) { continuation.resume() }
        }
        return slots.values()
    }

    private static func start<T: Sendable, R: Sendable>(
        _ items: [T], into slots: ResultSlots<R>, _ transform: @escaping @Sendable (T) -> R,
        whenDone: @escaping @Sendable () -> Void
    ) {
        let lanes = slots.lanes
        for lane in 0..<lanes {
            PosixThread.start {
                for i in stride(from: lane, to: items.count, by: lanes) { slots.set(i, transform(items[i])) }
                if slots.finishLane() { whenDone() }
            }
        }
    }
}

/// One slot per result, each written once before the last lane finishes.
private final class ResultSlots<R: Sendable>: @unchecked Sendable {
    private let lock = Lock()
    private var slots: [R?]
    private var lanesLeft: Int
    let lanes: Int

    init(count: Int, lanes: Int) {
        slots = Array(repeating: nil, count: count)
        lanesLeft = lanes
        self.lanes = lanes
    }

    func set(_ i: Int, _ value: R) { lock.withLock { slots[i] = value } }

    /// True for the last lane to finish.
    func finishLane() -> Bool {
        lock.withLock {
            lanesLeft -= 1
            return lanesLeft == 0
        }
    }

    /// Every slot is set once all lanes have finished.
    func values() -> [R] { lock.withLock { slots.compactMap { $0 } } }
}
