public import BopsJobs

/// What a plan knows of a job's objects before it runs: how many, how many bytes, in which storage
/// classes, and which are too large for Copy. Each figure says whether it was counted or estimated
/// (``Figure``); ``observed`` is `false` for a plan made without looking (`--refresh=false`).
public struct JobSize: Codable, Sendable, Hashable {
    /// The objects (tasks) of the job.
    public var objects: Figure
    /// Their bytes.
    public var bytes: Figure
    /// The objects and bytes by the storage class they are in now; empty when not known. The
    /// figures add up to ``objects`` and ``bytes`` when those are known.
    public var byClass: [ClassShare]
    /// How the figures were drawn when HEAD asked about only some of the objects; `nil` when every
    /// object was looked at (or none was).
    public var sample: Sample?
    /// For a generated manifest: every object of the source bucket (S3 charges its generator by
    /// them, not by the objects it keeps).
    public var sourceBucketObjects: Figure?
    /// Objects over Copy's 5 GiB limit, when the job copies.
    public var oversize: Oversize?
    /// Objects read or written with SSE-KMS (each task calls KMS), when known.
    public var kmsObjects: Figure?
    /// `false` when the plan did not look (`--refresh=false`): every figure is unknown.
    public var observed: Bool
    /// Why a figure is unknown or how it was made, for people ("ORC inventory: rows not counted").
    public var note: String?

    public init(objects: Figure, bytes: Figure, byClass: [ClassShare] = [], observed: Bool = true) {
        self.objects = objects
        self.bytes = bytes
        self.byClass = byClass
        self.observed = observed
    }

    /// A job whose objects were not looked at.
    public static func notObserved(objects: Int?) -> JobSize {
        var size = JobSize(objects: objects.map { .exact(Int64($0)) } ?? .unknown, bytes: .unknown)
        size.observed = false
        size.note = "sizes not observed (--refresh=false)"
        return size
    }

    /// One storage class's share of the objects.
    public struct ClassShare: Codable, Sendable, Hashable {
        public var storageClass: ObjectStorageClass
        public var objects: Figure
        public var bytes: Figure

        public init(storageClass: ObjectStorageClass, objects: Figure, bytes: Figure) {
            self.storageClass = storageClass
            self.objects = objects
            self.bytes = bytes
        }

        enum CodingKeys: String, CodingKey {
            case objects, bytes
            case storageClass = "storage_class"
        }
    }

    /// The objects HEAD was asked about when the manifest has more than the limit: `headed` of
    /// `of`, chosen by a seeded random draw (the same seed draws the same rows).
    public struct Sample: Codable, Sendable, Hashable {
        public var headed: Int
        public var of: Int
        public var seed: UInt64

        public init(headed: Int, of: Int, seed: UInt64) {
            self.headed = headed
            self.of = of
            self.seed = seed
        }
    }

    /// Objects larger than Copy's limit: how many (estimated when sampled), the first keys, and
    /// whether bops leaves them out of the manifest (`copy.oversize: exclude`).
    public struct Oversize: Codable, Sendable, Hashable {
        public var objects: Figure
        public var bytes: Figure
        public var firstKeys: [String]
        public var excluded: Bool

        public init(objects: Figure, bytes: Figure, firstKeys: [String], excluded: Bool = false) {
            self.objects = objects
            self.bytes = bytes
            self.firstKeys = firstKeys
            self.excluded = excluded
        }

        enum CodingKeys: String, CodingKey {
            case objects, bytes, excluded
            case firstKeys = "first_keys"
        }
    }

    /// Copy's limit on a source object (CopyObject's, which Batch Operations uses): 5 GiB.
    public static let copyLimit: Int64 = 5 * 1024 * 1024 * 1024

    enum CodingKeys: String, CodingKey {
        case objects, bytes, sample, oversize, observed, note
        case byClass = "by_class"
        case sourceBucketObjects = "source_bucket_objects"
        case kmsObjects = "kms_objects"
    }
}

extension JobSize {
    /// This size times `share` (a part's share of a whole), every figure estimated.
    public func scaled(_ share: Double) -> JobSize {
        func f(_ x: Figure) -> Figure {
            x.value.map {
                Figure(Int64((Double($0) * share).rounded()), x.exactness.combined(with: .estimated))
            }
                ?? .unknown
        }
        var s = JobSize(
            objects: f(objects), bytes: f(bytes),
            byClass: byClass.map {
                .init(storageClass: $0.storageClass, objects: f($0.objects), bytes: f($0.bytes))
            },
            observed: observed)
        s.kmsObjects = kmsObjects.map(f)
        s.oversize = oversize.map {
            .init(objects: f($0.objects), bytes: f($0.bytes), firstKeys: [], excluded: $0.excluded)
        }
        s.note = note
        return s
    }
}
