import BopsDiagnostics
import BopsTestSupport
import Foundation
import Testing

@testable import BopsManifest

@Suite struct ManifestDiffTests {
    @Test func countsAddedAndRemovedObjectsWithSamples() throws {
        let old = (0..<1000).map { "b,key-\($0)" }.joined(separator: "\n")
        let new = ((3..<1000).map { "b,key-\($0)" } + (0..<120).map { "b,new%20\($0)" } + ["b,key-5"])
            .joined(separator: "\n")
        let d = try CSVManifestReader.diff(
            old: .bytes(Array(old.utf8), name: "old.csv"), new: .bytes(Array(new.utf8), name: "new.csv"),
            fields: [.bucket, .key])
        #expect(d.added == 120)
        #expect(d.removed == 3)
        #expect(d.unchanged == 997)
        #expect(d.summary == "+120 objects, -3 objects")
        #expect(d.addedSamples.map(\.key) == ["new 0", "new 1", "new 2", "new 3", "new 4"])
        #expect(d.removedSamples.map(\.key) == ["key-0", "key-1", "key-2"])
    }

    @Test func sameObjectsWrittenDifferentlyIsNoChange() throws {
        let dir = try TempFolder(prefix: "bops-manifest")
        let a = dir.file("a.csv")
        try Data("b,a b\nb,c\n".utf8).write(to: URL(fileURLWithPath: a))
        let d = try CSVManifestReader.diff(
            old: .file(path: a), new: .bytes(Array("\"b\",c\r\nb,a%20b\nb,c\n".utf8), name: "new.csv"),
            fields: [.bucket, .key])
        #expect(d.isEmpty)
        #expect(d.summary == "no object changes")
    }

    @Test func versionIdsMakeDistinctObjects() throws {
        let d = try CSVManifestReader.diff(
            old: .bytes(Array("b,k,v1\n".utf8), name: "old.csv"),
            new: .bytes(Array("b,k,v2\n".utf8), name: "new.csv"),
            fields: [.bucket, .key, .versionId])
        #expect(d.summary == "+1 object, -1 object")
        #expect(d.addedSamples == [ManifestRow(bucket: "b", key: "k", versionId: "v2")])
    }

    @Test func anInvalidManifestIsReported() {
        #expect {
            _ = try CSVManifestReader.diff(
                old: .bytes(Array("b,k\n".utf8), name: "old.csv"),
                new: .bytes(Array("b,%zz\n".utf8), name: "new.csv"),
                fields: [.bucket, .key])
        } throws: { error in
            (error as? Diagnostics)?.items.first?.range?.file == "new.csv"
        }
    }
}
