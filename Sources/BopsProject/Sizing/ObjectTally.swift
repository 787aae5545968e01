import BopsCost
import BopsJobs

/// Objects added up as they are looked at (HEAD answers, listing entries, inventory rows): count,
/// bytes, bytes by storage class, the ones over Copy's limit and the SSE-KMS ones.
struct ObjectTally {
    var objects: Int64 = 0
    var bytes: Int64 = 0
    var missing: Int64 = 0
    var byClass: [ObjectStorageClass: (objects: Int64, bytes: Int64)] = [:]
    var oversize: Int64 = 0
    var oversizeBytes: Int64 = 0
    var oversizeKeys: [String] = []
    var kms: Int64 = 0
    /// Whether every object's size was known (an inventory without a `Size` column has none).
    var sizesKnown = true

    static let listedKeys = 10

    mutating func add(key: String, size: Int64?, storageClass: ObjectStorageClass?, kms isKMS: Bool = false) {
        objects += 1
        if let size { bytes += size } else { sizesKnown = false }
        let c = storageClass ?? .standard
        byClass[c, default: (0, 0)].objects += 1
        byClass[c, default: (0, 0)].bytes += size ?? 0
        if let size, size > JobSize.copyLimit {
            oversize += 1
            oversizeBytes += size
            if oversizeKeys.count < Self.listedKeys { oversizeKeys.append(key) }
        }
        if isKMS { kms += 1 }
    }

    mutating func add(_ info: ObjectInfo) {
        add(
            key: info.key, size: info.size, storageClass: info.storageClass,
            kms: info.serverSideEncryption?.isKMS == true || info.serverSideEncryption?.isDualLayerKMS == true
        )
    }

    /// The job's size: these figures as they are (`exactness` `.exact`), or scaled by `factor`
    /// when they come from a sample (`.estimated`), or as a lower bound (`.atLeast`).
    func size(exactness: Exactness, factor: Double = 1, copying: Bool) -> JobSize {
        func figure(_ n: Int64) -> Figure { Figure(Int64((Double(n) * factor).rounded()), exactness) }
        let total = objects + missing
        var size = JobSize(
            objects: figure(total), bytes: sizesKnown ? figure(bytes) : .unknown,
            byClass: byClass.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                JobSize.ClassShare(
                    storageClass: $0.key, objects: figure($0.value.objects),
                    bytes: sizesKnown ? figure($0.value.bytes) : .unknown)
            })
        if missing > 0 {
            size.note =
                "\(missing) of \(total) objects looked at do not exist (their tasks fail)"
        }
        if copying && sizesKnown {
            size.oversize = JobSize.Oversize(
                objects: figure(oversize), bytes: figure(oversizeBytes), firstKeys: oversizeKeys)
        }
        size.kmsObjects = figure(kms)
        return size
    }
}
