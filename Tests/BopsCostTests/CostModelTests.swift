import BopsCost
import BopsJobs
import Testing

/// Estimates of fixture jobs against the built-in table, each figure worked out by hand from the
/// us-east-1 prices in pricing/aws.json.
@Suite struct CostModelTests {
    let model = CostModel(prices: .builtIn())
    static let gib: Int64 = 1_073_741_824

    func share(_ c: ObjectStorageClass, _ objects: Int64, _ bytes: Int64) -> JobSize.ClassShare {
        JobSize.ClassShare(storageClass: c, objects: .exact(objects), bytes: .exact(bytes))
    }

    func amount(_ e: Estimate, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) -> Double {
        let lines = e.items.filter { $0.id == id }
        #expect(!lines.isEmpty, "no line \(id) in \(e.items.map(\.id))", sourceLocation: sourceLocation)
        return lines.compactMap(\.amount).reduce(0, +)
    }

    @Test func csvCopyIntoDeepArchive() {
        // 2,000 STANDARD objects, 10 GiB: $0.25 job + 2,000 / 1M x $1.00 + 2,000 / 1,000 x $0.05.
        let size = JobSize(
            objects: .exact(2000), bytes: .exact(10 * Self.gib),
            byClass: [share(.standard, 2000, 10 * Self.gib)])
        let e = model.estimate(
            .s3PutObjectCopy(
                S3CopyObjectOperation(targetResource: "arn:aws:s3:::archive", storageClass: .deepArchive)),
            size: size, region: "us-east-1", generated: false)
        #expect(amount(e, "job") == 0.25)
        #expect(abs(amount(e, "objects") - 0.002) < 1e-12)
        #expect(abs(amount(e, "requests") - 0.10) < 1e-12)
        #expect(!e.items.contains { $0.id == "retrieval" }, "STANDARD sources are not charged retrieval")
        #expect(abs(e.total - 0.352) < 1e-9)
        #expect(e.exactness == .exact && e.isComplete)
        #expect(
            e.items.first { $0.id == "requests" }?.source
                == "pricing/aws.json: us-east-1 storage_classes.DEEP_ARCHIVE.put_per_1000")
    }

    @Test func copyFromInfrequentAccessPaysRetrieval() {
        // 100 STANDARD_IA objects of 20 GiB in all: retrieval 20 x $0.01 = $0.20 on top.
        let size = JobSize(
            objects: .exact(100), bytes: .exact(20 * Self.gib),
            byClass: [share(.standardIA, 100, 20 * Self.gib)])
        let e = model.estimate(
            .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::b")), size: size,
            region: "us-east-1",
            generated: false)
        #expect(abs(amount(e, "retrieval") - 0.20) < 1e-9)
        #expect(abs(amount(e, "requests") - 0.0005) < 1e-12)
    }

    @Test func inventoryReplicate() {
        // 3M STANDARD and 1M STANDARD_IA objects: $0.25 + $4.00 + 3,000 x $0.005 + 1,000 x $0.01.
        let size = JobSize(
            objects: .exact(4_000_000), bytes: .exact(4000 * Self.gib),
            byClass: [
                share(.standard, 3_000_000, 3000 * Self.gib), share(.standardIA, 1_000_000, 1000 * Self.gib),
            ])
        let e = model.estimate(.s3ReplicateObject, size: size, region: "us-east-1", generated: false)
        #expect(abs(amount(e, "objects") - 4.00) < 1e-9)
        #expect(abs(amount(e, "requests") - 25.00) < 1e-9)
        #expect(abs(e.total - 29.25) < 1e-9)
    }

    @Test func bulkRestoreFromDeepArchiveWithItsStorage() {
        // 10,000 objects, 500 GiB, kept 7 days: 10 x $0.025 + 500 x $0.0025 + 500 x $0.023 x 7/30.
        let size = JobSize(
            objects: .exact(10_000), bytes: .exact(500 * Self.gib),
            byClass: [share(.deepArchive, 10_000, 500 * Self.gib)])
        let e = model.estimate(
            .s3InitiateRestoreObject(
                S3InitiateRestoreObjectOperation(expirationInDays: 7, glacierJobTier: .bulk)),
            size: size, region: "us-east-1", generated: false)
        #expect(abs(amount(e, "restore_requests") - 0.25) < 1e-9)
        #expect(abs(amount(e, "restore_retrieval") - 1.25) < 1e-9)
        #expect(abs(amount(e, "restore_storage") - 500 * 0.023 * 7 / 30) < 1e-9)
        #expect(abs(e.total - (0.25 + 0.01 + 0.25 + 1.25 + 500 * 0.023 * 7 / 30)) < 1e-9)
    }

    @Test func standardRestoreFromGlacierAndIntelligentTieringArchive() {
        // GLACIER at STANDARD: 1,000 x $0.05/1,000 + 10 GiB x $0.01; Intelligent-Tiering's archive is free.
        let size = JobSize(
            objects: .exact(1500), bytes: .exact(15 * Self.gib),
            byClass: [share(.glacier, 1000, 10 * Self.gib), share(.intelligentTiering, 500, 5 * Self.gib)])
        let e = model.estimate(
            .s3InitiateRestoreObject(S3InitiateRestoreObjectOperation(expirationInDays: 1)), size: size,
            region: "us-east-1", generated: false)
        #expect(abs(amount(e, "restore_requests") - 0.05) < 1e-9)
        #expect(abs(amount(e, "restore_retrieval") - 0.10) < 1e-9)
        #expect(e.items.filter { $0.id == "restore_requests" }.count == 1)
    }

    @Test func computeChecksumByBytes() {
        // 1M objects, 1 TiB: $0.25 + $1.00 + 1,024 GB x $0.004.
        let size = JobSize(objects: .exact(1_000_000), bytes: .exact(1024 * Self.gib))
        let e = model.estimate(
            .s3ComputeObjectChecksum(S3ComputeObjectChecksumOperation()), size: size, region: "us-east-1",
            generated: false)
        #expect(abs(amount(e, "checksum") - 4.096) < 1e-9)
        #expect(abs(e.total - 5.346) < 1e-9)
    }

    @Test func aReplaceAddsTheCancelledJobsFee() {
        let size = JobSize(
            objects: .exact(1000), bytes: .exact(Self.gib), byClass: [share(.standard, 1000, Self.gib)])
        let e = model.estimate(
            .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::b")), size: size,
            region: "us-east-1",
            generated: false, replacing: true)
        #expect(amount(e, "replaced_job") == 0.25)
        #expect(abs(e.total - (0.25 + 0.25 + 0.001 + 0.005)) < 1e-9)
    }

    @Test func theGeneratorIsChargedByTheWholeBucket() {
        var size = JobSize(objects: .exact(2_000_000), bytes: .unknown)
        size.sourceBucketObjects = .atLeast(50_000_000)
        let e = model.estimate(
            .s3PutObjectTagging(S3SetObjectTaggingOperation()), size: size, region: "us-east-1",
            generated: true)
        #expect(abs(amount(e, "manifest_generation") - 0.75) < 1e-9)
        #expect(e.items.first { $0.id == "manifest_generation" }?.exactness == .atLeast)
        // The objects' classes were not read: their PUTs are counted as STANDARD, and said to be estimated.
        #expect(e.items.first { $0.id == "requests" }?.exactness == .estimated)
        #expect(e.exactness == .estimated)
    }

    @Test func anUnknownPriceIsNamedNotCountedAsZero() {
        let size = JobSize(objects: .exact(1000), bytes: .exact(Self.gib))
        let e = model.estimate(
            .s3UpdateObjectEncryption(
                S3UpdateObjectEncryptionOperation(
                    objectEncryption: S3UpdateObjectEncryption(
                        sseKMS: S3UpdateObjectEncryptionSSEKMS(kmsKeyArn: "arn:k")))),
            size: size, region: "us-east-1", generated: false)
        let line = e.items.first { $0.id == "update_encryption_requests" }
        #expect(line?.amount == nil)
        #expect(e.missing.contains { $0.contains("no public price was found for UpdateObjectEncryption") })
        // A data key per object: 1,000 / 10,000 x $0.03.
        #expect(abs(amount(e, "kms_requests") - 0.003) < 1e-12)
        #expect(!e.isComplete)
    }

    @Test func aRegionWithoutPricesHasNoEstimate() {
        let e = model.estimate(
            .s3ReplicateObject, size: JobSize(objects: .exact(1), bytes: .exact(1)), region: "eu-west-1",
            generated: false)
        #expect(e.items.isEmpty)
        #expect(e.missing.first?.hasPrefix("no price table for region eu-west-1") == true)
        #expect(e.total == 0 && e.exactness == .unknown)
    }

    @Test func lambdaDurationIsMissing() {
        let e = model.estimate(
            .lambdaInvoke(LambdaInvokeOperation(functionArn: "arn:aws:lambda:us-east-1:1:function:f")),
            size: JobSize(objects: .exact(5_000_000), bytes: .unknown), region: "us-east-1", generated: false)
        #expect(abs(amount(e, "lambda_requests") - 1.00) < 1e-9)
        #expect(e.missing.contains { $0.hasPrefix("Lambda duration") })
    }

    @Test func unobservedSizesLeaveTheObjectLinesOpen() {
        let e = model.estimate(
            .s3ReplicateObject, size: .notObserved(objects: nil), region: "us-east-1", generated: false)
        #expect(e.total == 0.25)
        #expect(e.missing.contains { $0.contains("sizes not observed") })
    }
}

@Suite struct MoneyTests {
    @Test(arguments: [
        (0.0, "$0.00"), (0.0004, "< $0.001"), (0.003, "$0.003"), (0.015, "$0.015"), (0.25, "$0.25"),
        (0.500005, "$0.50"), (527.4, "$527.40"), (1_234_567.891, "$1,234,567.89"),
    ])
    func amountsAreWrittenToTheCentOrTheTenthOfACent(_ amount: Double, _ text: String) {
        #expect(Money.text(amount) == text)
    }

    @Test(
        arguments: [(950, "950"), (12_345, "12.3K"), (1_200_000, "1.2M"), (3_400_000_000, "3.4B")]
            as [(Int64, String)])
    func countsAreShort(_ n: Int64, _ text: String) { #expect(n.formatted == text) }

    @Test(
        arguments: [
            (512, "512 B"), (3 * 1_073_741_824 + 429_496_730, "3.4 GB"), (50 * 1_099_511_627_776, "50.0 TB"),
        ] as [(Int64, String)])
    func bytesAreInPowersOf1024(_ n: Int64, _ text: String) { #expect(n.formattedBytes == text) }
}
