import BopsNode

/// The finished children of every open collection, in one growing buffer: a collection's children
/// are moved out into an exactly sized array when it ends. Moving (not copying) avoids a retain and a
/// release per node, and the one buffer avoids an array (and its regrowth) per open collection.
final class NodeStack {
    private var base: UnsafeMutablePointer<Node>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ node: Node) {
        if count == capacity { grow() }
        (base + count).initialize(to: node)
        count += 1
    }

    subscript(i: Int) -> Node { base[i] }

    /// Moves the nodes from index `start` on into an array.
    func take(from start: Int) -> [Node] {
        let n = count - start
        let result = [Node](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let target = buffer.baseAddress else {
                initialized = 0
                return
            }
            target.moveInitialize(from: base + start, count: n)
            initialized = n
        }
        count = start
        return result
    }

    /// Moves the nodes from index `start` on, alternately keys and values, into pairs.
    func takePairs(from start: Int) -> [Node.Pair] {
        let n = (count - start) / 2
        let result = [Node.Pair](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let target = buffer.baseAddress else {
                initialized = 0
                return
            }
            for i in 0..<n {
                let key = (base + start + 2 * i).move()
                let value = (base + start + 2 * i + 1).move()
                (target + i).initialize(to: Node.Pair(key: key, value: value))
            }
            initialized = n
        }
        // An odd count cannot happen (a key is pushed only with its value), but never leak one.
        if start + 2 * n < count { (base + start + 2 * n).deinitialize(count: count - start - 2 * n) }
        count = start
        return result
    }

    /// Removes (and releases) the nodes from index `start` on.
    func drop(from start: Int) {
        guard start < count else { return }
        (base + start).deinitialize(count: count - start)
        count = start
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<Node>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
