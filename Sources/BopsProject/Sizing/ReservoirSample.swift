/// A uniform random sample of at most `capacity` items of a stream of unknown length (Algorithm
/// R), drawn by a seeded generator: the same seed and stream give the same sample.
struct ReservoirSample<Item> {
    let capacity: Int
    private(set) var items: [Item] = []
    private(set) var seen = 0
    private var generator: SplitMix64

    init(capacity: Int, seed: UInt64) {
        self.capacity = max(1, capacity)
        generator = SplitMix64(seed: seed)
    }

    mutating func add(_ item: Item) {
        seen += 1
        if items.count < capacity {
            items.append(item)
            return
        }
        let j = Int(generator.next() % UInt64(seen))
        if j < capacity { items[j] = item }
    }
}

/// SplitMix64 (Steele, Lea and Flood): a small generator whose sequence is fixed by its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
