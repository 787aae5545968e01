import Foundation
import Testing

extension CLIHarness {
    /// `src` holds two small objects and one of 6 GiB (size-only); `specs/copy.yaml` copies all
    /// three to `dst` with `oversize` as given (`nil`: not set).
    static func oversizeProject(oversize: String?) throws -> CLIHarness {
        let h = try CLIHarness()
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
        )
        for bucket in ["src", "dst", "reports"] { #expect(try h.run(["local", "mb", bucket]).status == 0) }
        #expect(try h.run(["local", "put", "src", "a.log", "--body", "a\n"]).status == 0)
        #expect(try h.run(["local", "put", "src", "huge.bin", "--size", "6442450944"]).status == 0)
        #expect(try h.run(["local", "put", "src", "b.log", "--body", "bb\n"]).status == 0)
        try h.write("specs/manifests/m.csv", "src,a.log\nsrc,huge.bin\nsrc,b.log\n")
        try h.write(
            "specs/copy.yaml",
            """
            apiVersion: bops/v1
            kind: BatchJob
            metadata: { name: copy }
            spec:
              roleArn: arn:aws:iam::111122223333:role/batch
              confirmationRequired: false
              manifest: { csv: { file: manifests/m.csv, fields: [Bucket, Key] } }
              operation:
                copy: { destination: "arn:aws:s3:::dst"\(oversize.map { ", oversize: \($0)" } ?? "") }
              report: { bucket: "arn:aws:s3:::reports", prefix: copy, scope: all }

            """)
        return h
    }
}

/// Copy's 5 GiB limit at plan time: an error naming the object, `oversize: exclude` (the manifest
/// is staged without it) and `oversize: fail` (the task fails with S3's error), on the local
/// engine and against the emulator.
@Suite("copy.oversize: objects over Copy's 5 GiB limit", .serialized, .tags(.process))
struct OversizeCopyTests {
    @Test(arguments: [false, true]) func withoutOversizeThePlanIsAnErrorAtTheCopyKey(emulated: Bool) throws {
        let local = try CLIHarness.oversizeProject(oversize: nil)
        let (h, emulator) = emulated ? try local.onTheEmulator() : (local, nil)
        let plan = try h.run(["plan"], environment: emulator?.environment ?? [:])
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("specs/copy.yaml:9:5"), "\(plan.stderr)")
        #expect(plan.stderr.contains("1 object of the manifest is larger than Copy's 5 GiB limit"))
        #expect(plan.stderr.contains("huge.bin"))
        #expect(plan.stderr.contains("copy.oversize: exclude"))
        _ = emulator
    }

    @Test(arguments: [false, true]) func excludeLeavesTheObjectOutAndCopiesTheRest(emulated: Bool) throws {
        let local = try CLIHarness.oversizeProject(oversize: "exclude")
        let (h, emulator) = emulated ? try local.onTheEmulator() : (local, nil)
        let env = emulator?.environment ?? [:]
        let plan = try h.run(["plan"], environment: env)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Copy 2 objects to arn:aws:s3:::dst"), "\(plan.stdout)")
        #expect(plan.stdout.contains("without 1 object over 5 GiB"))
        #expect(
            plan.stdout.contains("risk oversizeObjects (limit) at specs/copy.yaml:9:56"), "\(plan.stdout)")
        #expect(plan.stdout.contains("left out of the manifest (huge.bin)"))
        #expect(try h.applyWait(emulator: emulator).status == 0)
        let report = try h.run(["report", "copy"], environment: env)
        #expect(report.stdout.contains("succeeded: 2"), "\(report.stdout)")
        #expect(!report.stdout.contains("failed: 1"))
    }

    @Test(arguments: [false, true]) func failRunsTheJobAndTheTaskFailsWithS3sError(emulated: Bool) throws {
        let local = try CLIHarness.oversizeProject(oversize: "fail")
        let (h, emulator) = emulated ? try local.onTheEmulator() : (local, nil)
        let env = emulator?.environment ?? [:]
        let plan = try h.run(["plan"], environment: env)
        #expect(plan.stdout.contains("Copy 3 objects"), "\(plan.stdout)")
        #expect(plan.stdout.contains("in the manifest: their tasks fail with 400 InvalidRequest"))
        _ = try h.applyWait(emulator: emulator)
        let report = try h.run(["report", "copy"], environment: env)
        #expect(report.stdout.contains("succeeded: 2"), "\(report.stdout)")
        #expect(report.stdout.contains("InvalidRequest"), "\(report.stdout)")
    }
}
