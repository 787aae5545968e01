/// Work over many items with at most a given number in flight: the one bounded async map of bops
/// (observation of recorded jobs, plan-time checks per spec, creations of an apply).
public enum Bounded {
    /// `transform` of every item, in input order, with at most `width` calls running at once (at
    /// least one). The first error thrown stops new calls from starting, waits for those running,
    /// and is rethrown.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], width: Int, _ transform: @escaping @Sendable (T) async throws -> R
    ) async throws -> [R] {
        let width = max(1, width)
        if width == 1 || items.count <= 1 {
            var out: [R] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try await transform(item)) }
            return out
        }
        return try await withThrowingTaskGroup(of: (Int, R).self) { group in
            var slots = [R?](repeating: nil, count: items.count)
            var next = 0
            while next < min(width, items.count) {
                let i = next
                group.addTask { (i, try await transform(items[i])) }
                next += 1
            }
            while let (i, value) = try await group.next() {
                slots[i] = value
                if next < items.count {
                    let j = next
                    group.addTask { (j, try await transform(items[j])) }
                    next += 1
                }
            }
            return slots.compactMap { $0 }
        }
    }

    /// ``map(_:width:_:)`` for a transform that cannot fail.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], width: Int, _ transform: @escaping @Sendable (T) async -> R
    ) async -> [R] {
        do {
            return try await map(items, width: width) { (item: T) async throws -> R in await transform(item) }
        } catch {
            return []
        }
    }
}
