import BopsCost
import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsSpec
import BopsTestSupport
import Foundation
import Testing

@testable import BopsProject

/// Each risk at the key it comes from, the public-ACL error and its acknowledgement, and the
/// 5 GiB guard with `copy.oversize`.
struct RiskReviewTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String { id.rawValue }
        var id: Risk.ID
        /// The operation's YAML, with `⟨` before the key the risk must point at.
        var operation: String
        var acknowledge: String? = nil
    }

    static let cases: [Case] = [
        Case(
            id: .complianceRetention,
            operation: "retention: { mode: ⟨COMPLIANCE, retainUntil: \"2030-01-01T00:00:00Z\" }"),
        Case(id: .legalHold, operation: "legalHold: { status: ⟨\"ON\" }"),
        Case(id: .deleteTags, operation: "deleteTags: ⟨{}"),
        Case(id: .tagsReplaced, operation: "tag: ⟨{ set: { a: b } }"),
        Case(
            id: .metadataReplaced,
            operation:
                "copy: { destination: \"arn:aws:s3:::dst\", metadata: { mode: ⟨replace, contentType: text/plain } }"
        ),
        Case(
            id: .inPlaceCopy,
            operation: "copy: { destination: ⟨\"arn:aws:s3:::src\", storageClass: STANDARD_IA }"),
        Case(
            id: .minimumStorage,
            operation: "copy: { destination: \"arn:aws:s3:::dst\", storageClass: ⟨DEEP_ARCHIVE }"),
        Case(id: .standardRestore, operation: "restore: { expirationDays: 3, tier: ⟨STANDARD }"),
        Case(
            id: .publicAcl, operation: "acl: ⟨{ canned: public-read }",
            acknowledge: "publicAcl: \"the bucket serves a public website\""),
    ]

    static func spec(_ operation: String, acknowledge: String?) -> String {
        """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: risky
        spec:
          roleArn: arn:aws:iam::111122223333:role/r
        \(acknowledge.map { "  acknowledge:\n    " + $0 + "\n" } ?? "")  manifest:
            csv: { file: m.csv, fields: [Bucket, Key] }
          operation:
            \(operation)
          report: { bucket: "arn:aws:s3:::reports", scope: all }

        """
    }

    static func build(
        _ text: String, objects: [(String, Int64, ObjectStorageClass)] = [("a.log", 10, .standard)]
    )
        async throws -> (jobs: [DesiredJob], diagnostics: Diagnostics, file: String, temp: TempFolder)
    {
        let temp = try TempFolder()
        let file = temp.path + "/risky.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try objects.map { "src,\($0.0)\n" }.joined().write(
            toFile: temp.path + "/m.csv", atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: text, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        store.make("src")
        for (key, size, c) in objects { store.put(bucket: "src", key: key, size: size, storageClass: c) }
        store.make("dst")
        store.make("reports")
        let built = await DesiredJobs(
            config: ProjectConfig(root: temp.path), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1"
        ).build(loaded.specs, recorded: nil)
        return (built.desired, built.diagnostics, file, temp)
    }

    @Test(arguments: cases) func eachRiskIsAtItsKey(_ c: Case) async throws {
        let (text, mark) = Self.unmark(Self.spec(c.operation, acknowledge: c.acknowledge))
        let (jobs, diagnostics, file, temp) = try await Self.build(
            text, objects: [("a.log", 10, .deepArchive)])
        _ = temp
        #expect(!diagnostics.hasErrors, "\(diagnostics.items.map(\.summary))")
        let risk = try #require(
            jobs.first?.risks.first { $0.id == c.id }, "\(jobs.first?.risks.map(\.id) ?? [])")
        #expect(risk.file == file)
        #expect(
            risk.line == mark.line && risk.column == mark.column, "\(risk.place ?? "") for \(c.operation)")
        #expect(risk.kind == c.id.kind)
        #expect((risk.acknowledged != nil) == (c.acknowledge != nil))
    }

    @Test func aPublicACLIsAnErrorUntilAcknowledged() async throws {
        let (text, mark) = Self.unmark(Self.spec("acl: ⟨{ canned: public-read }", acknowledge: nil))
        let (jobs, diagnostics, file, temp) = try await Self.build(text)
        _ = temp
        #expect(jobs.isEmpty)
        let error = try #require(
            diagnostics.items.first { $0.severity == .error && $0.summary.hasPrefix("makes objects public") })
        #expect(error.range?.file == file && error.range?.start.line == mark.line)
        #expect(error.hint?.contains("publicAcl") == true)
    }

    @Test func aRestoreAtBulkIsNotFlagged() async throws {
        let (jobs, diagnostics, _, temp) = try await Self.build(
            Self.spec("restore: { expirationDays: 3, tier: BULK }", acknowledge: nil),
            objects: [("a.log", 10, .deepArchive)])
        _ = temp
        #expect(!diagnostics.hasErrors)
        #expect(jobs.first?.risks.contains { $0.id == .standardRestore } == false)
    }

    static let big = JobSize.copyLimit + 1

    @Test func objectsOverFiveGiBAreAnErrorWithoutOversize() async throws {
        let (text, mark) = Self.unmark(
            Self.spec("⟨copy: { destination: \"arn:aws:s3:::dst\" }", acknowledge: nil))
        let (jobs, diagnostics, _, temp) = try await Self.build(
            text, objects: [("a.log", 10, .standard), ("huge.bin", Self.big, .standard)])
        _ = temp
        #expect(jobs.isEmpty)
        let error = try #require(
            diagnostics.items.first { $0.summary.contains("larger than Copy's 5 GiB limit") })
        #expect(error.summary.contains("huge.bin"))
        #expect(
            error.range?.start.line == mark.line && error.range?.start.column == mark.column,
            "at the copy key")
        #expect(error.hint?.contains("copy.oversize: exclude") == true)
    }

    @Test func oversizeExcludeStagesTheManifestWithoutThem() async throws {
        let text = Self.spec(
            "copy: { destination: \"arn:aws:s3:::dst\", oversize: exclude }", acknowledge: nil)
        let (jobs, diagnostics, _, temp) = try await Self.build(
            text,
            objects: [("a.log", 10, .standard), ("huge.bin", Self.big, .standard), ("b.log", 20, .standard)])
        _ = temp
        #expect(!diagnostics.hasErrors, "\(diagnostics.items.map(\.summary))")
        let job = try #require(jobs.first)
        #expect(job.objectCount == 2)
        let staged = try #require(job.staging.first)
        #expect(try String(contentsOfFile: staged.localPath, encoding: .utf8) == "src,a.log\nsrc,b.log\n")
        #expect(job.size?.objects == .exact(2) && job.size?.bytes == .exact(30))
        #expect(job.size?.oversize?.excluded == true)
        #expect(job.risks.contains { $0.id == .oversizeObjects && $0.summary.contains("left out") })
        // The digest follows the rows: the same spec with oversize: fail keeps the whole manifest.
        let (failing, _, _, temp2) = try await Self.build(
            Self.spec("copy: { destination: \"arn:aws:s3:::dst\", oversize: fail }", acknowledge: nil),
            objects: [("a.log", 10, .standard), ("huge.bin", Self.big, .standard), ("b.log", 20, .standard)])
        _ = temp2
        #expect(failing.first?.objectCount == 3)
        #expect(failing.first?.digest != job.digest)
        #expect(
            failing.first?.risks.contains {
                $0.id == .oversizeObjects && $0.summary.contains("fail with 400")
            } == true)
    }

    /// The text without its mark, and the mark's line and column.
    static func unmark(_ marked: String) -> (String, (line: Int, column: Int)) {
        let (text, line, column) = MarkedText.unmark(marked)
        return (text, (line, column))
    }
}

/// A CSV manifest in S3 is read and sized like a local one.
struct S3ManifestSizingTests {
    @Test func aCSVManifestInS3IsHeadedObjectByObject() async throws {
        let temp = try TempFolder()
        let text = """
            apiVersion: bops/v1
            kind: BatchJob
            metadata: { name: s3csv }
            spec:
              roleArn: arn:aws:iam::111122223333:role/r
              manifest: { csv: { location: "s3://manifests/m.csv", fields: [Bucket, Key] } }
              operation: { copy: { destination: "arn:aws:s3:::dst", storageClass: GLACIER } }
              report: { bucket: "arn:aws:s3:::reports", scope: all }

            """
        let file = temp.path + "/s3csv.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: text, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        for b in ["src", "dst", "reports", "manifests"] { store.make(b) }
        store.put(bucket: "src", key: "a", size: 1000)
        store.put(bucket: "src", key: "b", size: 3000, storageClass: .standardIA)
        _ = try await store.putObject(
            bucket: "manifests", key: "m.csv", body: Array("src,a\nsrc,b\n".utf8), contentType: nil)
        let built = await DesiredJobs(
            config: ProjectConfig(root: temp.path), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1"
        ).build(loaded.specs, recorded: nil)
        #expect(!built.diagnostics.hasErrors, "\(built.diagnostics.items.map(\.summary))")
        let size = try #require(built.desired.first?.size)
        #expect(size.objects == .exact(2) && size.bytes == .exact(4000))
        #expect(size.byClass.map(\.storageClass) == [.standard, .standardIA])
        #expect(built.desired.first?.risks.contains { $0.id == .minimumStorage } == true)
    }
}

/// An inventory report Batch Operations cannot read is an error at its location.
struct InventoryFormatTests {
    @Test func anORCInventoryIsAnErrorAtItsLocation() async throws {
        let temp = try TempFolder()
        let (text, mark) = RiskReviewTests.unmark(
            """
            apiVersion: bops/v1
            kind: BatchJob
            metadata: { name: orc }
            spec:
              roleArn: arn:aws:iam::111122223333:role/r
              manifest: { inventory: { location: ⟨"s3://inv/src/daily/2026-12-06T01-00Z/manifest.json" } }
              operation: { deleteTags: {} }
              report: { bucket: "arn:aws:s3:::reports", scope: all }

            """)
        let file = temp.path + "/orc.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: text, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        for b in ["inv", "src", "reports"] { store.make(b) }
        let manifest = """
            {"sourceBucket":"src","destinationBucket":"arn:aws:s3:::inv","version":"2016-11-30",
            "creationTimestamp":"1","fileFormat":"ORC","fileSchema":"struct<bucket:string,key:string>",
            "files":[{"key":"src/daily/data/a.orc","size":10,"MD5checksum":"00000000000000000000000000000000"}]}
            """
        _ = try await store.putObject(
            bucket: "inv", key: "src/daily/2026-12-06T01-00Z/manifest.json", body: Array(manifest.utf8),
            contentType: nil)
        let built = await DesiredJobs(
            config: ProjectConfig(root: temp.path), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1"
        ).build(loaded.specs, recorded: nil)
        #expect(built.desired.isEmpty)
        let error = try #require(
            built.diagnostics.items.first { $0.summary.contains("not a usable inventory manifest") })
        #expect(error.range?.start.line == mark.line && error.range?.start.column == mark.column, "\(error)")
        #expect(error.hint == "S3 Batch Operations takes CSV inventories only")
    }
}
