import BopsCost
import BopsJobs
import BopsManifest
import BopsTestSupport
import Foundation
import Testing

@testable import BopsProject

/// Sizing a job at plan time: every object HEADed up to the limit, a seeded sample above it.
struct JobSizingTests {
    /// A skewed distribution, as object sizes are: log-normal with a median of 3 KB and sigma 1
    /// (the mean is 1.65 times the median; one object in a hundred is over 30 KB), the same
    /// sizes on every run.
    static let sizes: [Int64] = {
        var state: UInt64 = 2026
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        return (0..<5000).map { _ in
            let z = (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
            return Int64(3000 * exp(z))
        }
    }()

    static func sizeOf(_ i: Int) -> Int64 { sizes[i % sizes.count] }

    func fixture(rows: Int) throws -> (TempFolder, String, MemoryObjectStore, Int64) {
        let temp = try TempFolder()
        let store = MemoryObjectStore()
        store.make("src")
        var csv = ""
        var total: Int64 = 0
        for i in 0..<rows {
            let size = Self.sizeOf(i)
            store.put(
                bucket: "src", key: "k\(i)", size: size, storageClass: i % 10 == 0 ? .standardIA : .standard)
            csv += "src,k\(i)\n"
            total += size
        }
        let path = temp.path + "/m.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return (temp, path, store, total)
    }

    func sizing(_ store: MemoryObjectStore, headLimit: Int) -> JobSizing {
        var limits = ReviewLimits()
        limits.headLimit = headLimit
        return JobSizing(objects: store, limits: limits, listLimit: nil, parallelism: 8, shared: .init())
    }

    @Test func atMostTheLimitEveryObjectIsHeadedAndTheFiguresAreExact() async throws {
        let (temp, path, store, total) = try fixture(rows: 300)
        _ = temp
        let (size, _) = await sizing(store, headLimit: 300).csv(
            path: path, fields: [.bucket, .key], rows: 300, seed: 1, everyObject: false, copying: false)
        #expect(size.objects == .exact(300) && size.bytes == .exact(total))
        #expect(size.sample == nil)
        #expect(store.heads == 300)
        let ia = size.byClass.first { $0.storageClass == .standardIA }
        #expect(ia?.objects == .exact(30))
    }

    @Test(arguments: [1, 7, 42, 1234, 99999] as [UInt64])
    func aSampleIsDeterministicAndWithinTenPercentOnASkewedDistribution(_ seed: UInt64) async throws {
        let (temp, path, store, total) = try fixture(rows: 5000)
        _ = temp
        let first = await sizing(store, headLimit: 1000).csv(
            path: path, fields: [.bucket, .key], rows: 5000, seed: seed, everyObject: false, copying: true
        ).size
        #expect(store.heads == 1000)
        let again = await sizing(store, headLimit: 1000).csv(
            path: path, fields: [.bucket, .key], rows: 5000, seed: seed, everyObject: false, copying: true
        ).size
        #expect(first == again, "the same seed draws the same sample")
        #expect(first.sample == JobSize.Sample(headed: 1000, of: 5000, seed: seed))
        #expect(first.objects == .exact(5000))
        #expect(first.bytes.exactness == .estimated)
        let estimate = Double(try #require(first.bytes.value))
        #expect(abs(estimate - Double(total)) / Double(total) < 0.10, "estimated \(estimate) of \(total)")
    }

    @Test func differentSeedsDrawDifferentSamples() async throws {
        let (temp, path, store, _) = try fixture(rows: 2000)
        _ = temp
        let a = await sizing(store, headLimit: 100).csv(
            path: path, fields: [.bucket, .key], rows: 2000, seed: 1, everyObject: false, copying: false
        ).size
        let b = await sizing(store, headLimit: 100).csv(
            path: path, fields: [.bucket, .key], rows: 2000, seed: 2, everyObject: false, copying: false
        ).size
        #expect(a.bytes != b.bytes)
    }

    @Test func objectsOverTheCopyLimitAreCountedAndNamed() async throws {
        let temp = try TempFolder()
        let store = MemoryObjectStore()
        store.make("src")
        store.put(bucket: "src", key: "small", size: 10)
        store.put(bucket: "src", key: "exactly-5gib", size: JobSize.copyLimit)
        store.put(bucket: "src", key: "big", size: JobSize.copyLimit + 1)
        let path = temp.path + "/m.csv"
        try "src,small\nsrc,exactly-5gib\nsrc,big\nsrc,gone\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let (size, rows) = await sizing(store, headLimit: 10).csv(
            path: path, fields: [.bucket, .key], rows: 4, seed: 0, everyObject: true, copying: true)
        #expect(size.oversize?.objects == .exact(1))
        #expect(size.oversize?.firstKeys == ["big"])
        #expect(rows == [ManifestRow(bucket: "src", key: "big")])
        #expect(size.objects == .exact(4))
        #expect(size.note?.contains("1 of 4 objects looked at do not exist") == true)
    }

    @Test func aGeneratedManifestIsSizedFromTheFilteredListing() async throws {
        let store = MemoryObjectStore()
        store.make("src")
        for i in 0..<10 { store.put(bucket: "src", key: (i < 4 ? "logs/" : "img/") + "\(i)", size: 100) }
        let g = S3JobManifestGenerator(
            sourceBucket: "arn:aws:s3:::src",
            filter: JobManifestGeneratorFilter(
                keyNameConstraint: KeyNameConstraint(matchAnyPrefix: ["logs/"])),
            enableManifestOutput: false)
        let size = await sizing(store, headLimit: 10).generated(
            g, operation: .s3DeleteObjectTagging, copying: false)
        #expect(size.objects == .exact(4) && size.bytes == .exact(400))
        #expect(size.sourceBucketObjects == .exact(10))
        let limited = JobSizing(
            objects: store, limits: ReviewLimits(), listLimit: 6, parallelism: 1, shared: .init())
        let partial = await limited.generated(g, operation: .s3DeleteObjectTagging, copying: false)
        #expect(partial.sourceBucketObjects == .atLeast(6))
        #expect(partial.objects.exactness == .atLeast)
        #expect(partial.note?.contains("review.listLimit") == true)
    }
}
