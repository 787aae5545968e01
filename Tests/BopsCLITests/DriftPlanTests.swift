import Foundation
import Testing

/// Plans after jobs were changed outside bops (through the S3 Control API of `bops emulator` over
/// the project's own local engine), and plans made from state alone (`--refresh=false`).
@Suite("plan: drift and --refresh=false", .serialized, .tags(.process))
struct DriftPlanTests {
    /// A field of a spec's record in state (`job_id`, `digest`).
    static func recorded(_ h: CLIHarness, _ name: String, _ field: String) throws -> String {
        let data = Data(try #require(h.read(".bops/state.json")).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let jobs = try #require(object["jobs"] as? [String: [String: Any]])
        return try #require(jobs[name]?[field] as? String)
    }

    /// One S3 Control call sent with curl, as any other tool would (signatures off in the emulator).
    static func control(
        _ emulator: RunningEmulator, _ method: String, _ path: String, body: String? = nil
    ) throws -> String {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = [
            "curl", "-sS", "-X", method, "-H", "x-amz-account-id: 111122223333", "-w", "\n%{http_code}",
            "http://127.0.0.1:\(emulator.port)/v20180820\(path)",
        ]
        if let body { arguments += ["--data-binary", body] }
        curl.arguments = arguments
        let out = Pipe()
        curl.standardOutput = out
        try curl.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        #expect(text.hasSuffix("\n200"), "\(method) \(path): \(text)")
        return text
    }

    /// alpha: priority and a tag changed; beta: cancelled; gamma: untouched.
    static func driftedProject() throws -> CLIHarness {
        let h = try CLIHarness.copyProject(count: 3, names: ["alpha", "beta", "gamma"])
        let applied = try h.run(["apply", "--auto-approve"])
        #expect(applied.status == 0, "\(applied.stderr)")
        let (alpha, beta) = (try Self.recorded(h, "alpha", "job_id"), try Self.recorded(h, "beta", "job_id"))
        let emulator = try RunningEmulator(
            dataDir: h.root + "/.bops/local", extra: ["--no-verify-signatures"])
        _ = try control(emulator, "POST", "/jobs/\(alpha)/priority?priority=30")
        let digest = try Self.recorded(h, "alpha", "digest")
        let tags = [("bops:digest", digest), ("bops:spec", "alpha"), ("team", "ops")].map {
            "<member><Key>\($0.0)</Key><Value>\($0.1)</Value></member>"
        }
        _ = try control(
            emulator, "PUT", "/jobs/\(alpha)/tagging",
            body: "<PutJobTaggingRequest xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\"><Tags>"
                + tags.joined() + "</Tags></PutJobTaggingRequest>")
        _ = try control(
            emulator, "POST",
            "/jobs/\(beta)/status?requestedJobStatus=Cancelled&statusUpdateReason=not%20needed")
        return h
    }

    @Test func driftIsShownBeforeTheActionsInTextMarkdownAndJSON() throws {
        let h = try Self.driftedProject()
        let golden = GoldenPlanTests()
        let text = try h.run(["plan"])
        #expect(text.status == 0, "\(text.stderr)")
        let drift = try #require(text.stdout.range(of: "Note: jobs changed outside bops"))
        let actions = try #require(text.stdout.range(of: "bops will perform the following actions"))
        #expect(drift.lowerBound < actions.lowerBound, "the drift section comes first")
        try golden.check("plan-drift.txt", text.stdout)
        let markdown = try h.run(["plan", "--format", "markdown"])
        try golden.check("plan-drift.md", markdown.stdout)

        let json = try h.run(["plan", "--json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["refreshed"] as? Bool == true)
        let jobs = try #require(object["drift"] as? [[String: Any]])
        #expect(jobs.map { $0["name"] as? String } == ["alpha", "beta"])
        let kinds = jobs.map {
            ($0["changes"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        }
        #expect(kinds == [["priority", "tag"], ["cancelled"]])
        let alpha = try #require((jobs[0]["changes"] as? [[String: Any]])?.first)
        #expect(alpha["recorded"] as? String == "10" && alpha["observed"] as? String == "30")

        // The spec still says priority 10 and team: data, so the plan puts them back in place.
        let actionsJSON = try #require(object["actions"] as? [[String: Any]])
        let update = actionsJSON.first {
            $0["name"] as? String == "alpha" && $0["kind"] as? String == "update"
        }
        #expect(update?["new_priority"] as? Int == 10)
    }

    @Test func applyingTakesTheObservedChangesIntoStateSoTheNextPlanHasNoDrift() throws {
        let h = try Self.driftedProject()
        let applied = try h.run(["apply", "--auto-approve"])
        #expect(applied.status == 0, "\(applied.stderr)")
        let after = try h.run(["plan", "--json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        #expect((object["drift"] as? [Any])?.isEmpty == true, "\(after.stdout)")
    }

    /// With the aws engine, no credentials and an endpoint nobody listens on, a refreshing plan fails;
    /// `--refresh=false` plans from the recorded state and says that nothing was observed.
    @Test func refreshFalsePlansFromStateAloneWithoutCredentials() throws {
        let h = try CLIHarness.copyProject(count: 3, names: ["alpha", "beta"])
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        try h.write("specs/beta.yaml", CLIHarness.spec(name: "beta", priority: 50))
        try h.write("specs/delta.yaml", CLIHarness.spec(name: "delta"))
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: \"111122223333\"\nregion: us-east-1\n")
        let offline = [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "",
            "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": h.root + "/none",
            "AWS_SHARED_CREDENTIALS_FILE": h.root + "/none", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "", "AWS_REGION": "us-east-1",
        ]
        let refreshing = try h.run(["plan"], environment: offline)
        #expect(refreshing.status == 1, "a refreshing plan needs the engine: \(refreshing.stdout)")

        let text = try h.run(["plan", "--refresh=false"], environment: offline)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stderr.contains("error"), "\(text.stderr)")
        try GoldenPlanTests().check("plan-refresh-false.txt", text.stdout)
        let markdown = try h.run(["plan", "--refresh=false", "--format", "markdown"], environment: offline)
        #expect(
            markdown.stdout.contains("**Nothing was observed** (`--refresh=false`)"), "\(markdown.stdout)")
        let json = try h.run(
            ["plan", "--refresh=false", "--json", "-out", "saved.plan"], environment: offline)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["refreshed"] as? Bool == false)
        #expect((object["drift"] as? [Any])?.isEmpty == true)
        let kinds = (object["actions"] as? [[String: Any]] ?? []).map {
            "\($0["name"] ?? ""):\($0["kind"] ?? "")"
        }
        #expect(
            kinds == ["alpha:none", "beta:update", "delta:create"], "the recorded job stands for the job")
        #expect(h.read("saved.plan")?.contains("\"refreshed\" : false") == true)
        #expect(!FileManager.default.fileExists(atPath: h.root + "/.bops/state.json.lock"))
    }

    /// An inventory manifest whose ETag the spec does not pin: `--refresh=false` plans the create
    /// with the ETag known after apply (never blaming the network), a saved plan records that, and
    /// `bops apply PLANFILE` reads the ETag first, so the refreshed plan after it has no changes.
    @Test func refreshFalseLeavesAnUnpinnedManifestETagToTheApply() throws {
        let h = try CLIHarness.copyProject(count: 2)
        try FileManager.default.removeItem(atPath: h.root + "/specs/copy-logs.yaml")
        let seeded = try ReleaseBinaryTests.sh(
            """
            set -e
            cd "$1" && mkdir -p inventory/photos/data inventory/photos/2026-12-06T01-00Z
            printf '"src","logs/file-0.log"\n"src","logs/file-1.log"\n' | gzip -n > inventory/photos/data/a.csv.gz
            size=$(stat -c %s inventory/photos/data/a.csv.gz)
            md5=$(md5sum inventory/photos/data/a.csv.gz | cut -d' ' -f1)
            printf '{"sourceBucket":"src","destinationBucket":"arn:aws:s3:::inv","version":"2016-11-30",\
            "creationTimestamp":"1765000000000","fileFormat":"CSV","fileSchema":"Bucket, Key",\
            "files":[{"key":"photos/data/a.csv.gz","size":%s,"MD5checksum":"%s"}]}' "$size" "$md5" \
                > inventory/photos/2026-12-06T01-00Z/manifest.json
            """, [h.root])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(try h.run(["local", "seed", "inv", "inventory"]).status == 0)
        try h.write(
            "specs/from-inventory.yaml",
            CLIHarness.spec(name: "from-inventory").replacingOccurrences(
                of: "csv: { file: manifests/m.csv, fields: [Bucket, Key] }",
                with: "inventory: { location: s3://inv/photos/2026-12-06T01-00Z/manifest.json }"))

        let text = try h.run(["plan", "--refresh=false"])
        #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
        #expect(!text.stderr.contains("network"), "\(text.stderr)")
        #expect(text.stdout.contains("Plan: 1 to create."), "\(text.stdout)")
        #expect(text.stdout.contains("manifest ETag: (known after apply"), "\(text.stdout)")

        let json = try h.run(["plan", "--refresh=false", "--json", "-out", "saved.plan"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let action = try #require((object["actions"] as? [[String: Any]])?.first)
        let lookup = try #require(action["known_after_apply"] as? [String: Any], "\(json.stdout)")
        #expect(lookup["bucket"] as? String == "inv")
        #expect(h.read("saved.plan")?.contains("known_after_apply") == true)

        let applied = try h.run(["apply", "saved.plan"])
        #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
        let after = try h.run(["plan", "--detailed-exitcode"])
        #expect(after.status == 0, "the applied job is the spec's job: \(after.stdout)\(after.stderr)")
        #expect(after.stdout.contains("No changes."), "\(after.stdout)")
        let state = try #require(h.read(".bops/state.json"))
        #expect(!state.contains(ManifestPlaceholder.text), "\(state)")
    }
}

/// The placeholder a plan shows for a digest it cannot know yet (BopsPlan's `ManifestETagLookup`).
enum ManifestPlaceholder {
    static let text = "(known after apply)"
}
