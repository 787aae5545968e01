import Foundation

/// `map` over all cores for independent, CPU-bound work; results keep the input order.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 8 { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        let chunks = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var i = chunk
            while i < items.count {
                results.set(i, transform(items[i]))
                i += chunks
            }
        }
        return results.values()
    }
}

/// One slot per result, each written by exactly one worker before `values()` is read.
private final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: R) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func values() -> [R] { slots.map { $0! } }
}
