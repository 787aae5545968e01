import BopsTestSupport
import Foundation
import Testing

/// The release tarball of scripts/release.sh, unpacked and run where no Swift library is visible: a
/// mount namespace with a tmpfs over the toolchain's folder. `$BOPS_RELEASE_TARBALL` names a tarball
/// built earlier (`.ci/run` builds one); without it the test runs scripts/release.sh itself, a release
/// build of several minutes.
@Suite("release binary", .serialized, .tags(.process))
struct ReleaseBinaryTests {
    /// Where a tarball built by the test is written.
    let dist: TempFolder

    init() throws { dist = try TempFolder(prefix: "bops-dist") }

    static func sh(
        _ script: String, _ arguments: [String] = [], environment: [String: String] = [:]
    ) throws
        -> CLIHarness.Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, "bash"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIHarness.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The tarball to test: the one given, or a fresh build into a temporary folder (in a build
    /// folder of its own, `.build-release-test`: `swift test` holds `.build` while it runs).
    func tarball() throws -> String {
        if let given = ProcessInfo.processInfo.environment["BOPS_RELEASE_TARBALL"], !given.isEmpty {
            return given
        }
        let out = dist.path
        let built = try Self.sh(
            "OUT_DIR=\"$1\" SCRATCH=.build-release-test \"$2/scripts/release.sh\" >&2 && ls \"$1\"/bops-*.tar.gz",
            [out, CLIHarness.repoRoot])
        #expect(built.status == 0, "scripts/release.sh failed:\n\(built.stderr.suffix(3000))")
        return built.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.timeLimit(.minutes(60)))
    func runsWithTheToolchainHidden() throws {
        let tarball = try tarball()
        let name = (tarball as NSString).lastPathComponent
        #expect(
            name.range(
                of: #"^bops-\d+\.\d+\.\d+-linux-(x86_64|aarch64)\.tar\.gz$"#, options: .regularExpression)
                != nil, "\(name)")
        let checked = try Self.sh(
            "cd \"$(dirname \"$1\")\" && sha256sum -c \"$(basename \"$1\").sha256\"", [tarball])
        #expect(checked.status == 0, "the .sha256 next to the tarball: \(checked.stdout)\(checked.stderr)")

        let h = try CLIHarness()
        let unpacked = h.root + "/unpacked"
        let listed = try Self.sh(
            "mkdir -p \"$2\" && tar -xzf \"$1\" -C \"$2\" && tar -tzf \"$1\"", [tarball, unpacked])
        #expect(
            listed.stdout == "bops\n",
            "the tarball holds exactly the binary: \(listed.stdout)\(listed.stderr)")
        let binary = unpacked + "/bops"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: binary)[.size] as? Int)
        let download = try #require(try FileManager.default.attributesOfItem(atPath: tarball)[.size] as? Int)
        // What a runner downloads and caches. The unpacked binary (about 84 MiB, 34 of them Foundation's
        // ICU data) is printed below; it is not held to 40 MB.
        #expect(download <= 40 * 1000 * 1000, "the tarball is \(download) bytes, more than 40 MB")

        let needed = try Self.sh(
            "LC_ALL=C readelf -d \"$1\" | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]/\\1/p'", [binary])
        let libraries = needed.stdout.split(separator: "\n").map(String.init)
        #expect(!libraries.isEmpty, "readelf: \(needed.stderr)")
        let allowed = [
            "libc.so", "libm.so", "libstdc++.so", "libgcc_s.so", "ld-linux", "libdl.so", "libpthread.so",
            "librt.so", "libutil.so",
        ]
        for library in libraries {
            #expect(allowed.contains { library.hasPrefix($0) }, "the binary needs \(library) at run time")
        }

        // A project on the local engine, then validate, plan, apply and a run of the job, all in the namespace.
        var csv = ""
        for i in 0..<4 {
            try h.write("data/logs/file-\(i).log", "line \(i)\n")
            csv += "src,logs/file-\(i).log\n"
        }
        try h.write("specs/manifests/m.csv", csv)
        try h.write("specs/copy-logs.yaml", CLIHarness.spec(name: "copy-logs", confirm: true))
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
        )
        let toolchain = try Self.sh("dirname \"$(dirname \"$(readlink -f \"$(command -v swift)\")\")\"")
        // A toolchain installed into /usr (the swift images) keeps its runtime in /usr/lib/swift: hide that.
        var hidden = toolchain.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if hidden == "/usr" || hidden == "/" { hidden = (hidden == "/" ? "" : hidden) + "/lib/swift" }
        #expect(toolchain.status == 0 && !hidden.isEmpty, "no swift on PATH: \(toolchain.stderr)")

        let script = """
            set -eu
            mount -t tmpfs tmpfs "$HIDDEN"
            [ -z "$(ls -A "$HIDDEN")" ] || { echo "the toolchain folder is still visible"; exit 3; }
            if "$DEBUG_BOPS" --version >debug.out 2>&1; then echo "a toolchain-linked bops still runs"; exit 3; fi
            grep -q 'libswift[A-Za-z_]*[.]so: cannot open shared object file' debug.out || { cat debug.out; exit 3; }
            ! ldd "$BOPS" | grep 'not found'
            cd "$PROJECT"
            "$BOPS" --version
            "$BOPS" local seed src data >/dev/null
            "$BOPS" local mb dst >/dev/null
            "$BOPS" local mb reports >/dev/null
            "$BOPS" validate
            "$BOPS" plan
            "$BOPS" apply --auto-approve
            "$BOPS" apply --auto-approve
            "$BOPS" wait copy-logs
            "$BOPS" local ls dst
            "$BOPS" plan --detailed-exitcode
            """
        let unshare =
            getuid() == 0 ? "unshare -m --propagation private" : "sudo -n unshare -m --propagation private"
        let ran = try Self.sh(
            "cd \"$PROJECT\" && exec \(unshare) bash -c \"$1\"", [script],
            environment: [
                "HIDDEN": hidden, "BOPS": binary, "DEBUG_BOPS": CLIHarness.binary, "PROJECT": h.root,
                "NO_COLOR": "1",
            ])
        #expect(ran.status == 0, "in the namespace:\n\(ran.stdout)\n\(ran.stderr)")
        #expect(ran.stdout.contains("1 spec valid"), "\(ran.stdout)")
        #expect(ran.stdout.contains("Plan: 1 to create."), "\(ran.stdout)")
        #expect(ran.stdout.contains("logs/file-3.log"), "the job copied the objects: \(ran.stdout)")
        #expect(ran.stdout.hasSuffix("No changes. The jobs match the specs.\n"), "\(ran.stdout.suffix(400))")
        print(
            "release \(name): \(download) bytes; binary \(size) bytes; needs \(libraries.joined(separator: ", "))"
        )
    }
}
