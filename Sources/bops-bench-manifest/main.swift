// Scans one CSV manifest and prints machine-readable figures for bench/manifest/run.sh.
// Usage: bops-bench-manifest FILE [Bucket,Key[,VersionId]]
import BopsManifest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let args = CommandLine.arguments
guard args.count >= 2 else {
    print("usage: bops-bench-manifest FILE [FIELDS]")
    exit(2)
}
let fieldNames = args.count >= 3 ? args[2] : "Bucket,Key"
let fields = fieldNames.split(separator: ",").compactMap { ManifestField(rawValue: String($0)) }

var start = timespec()
clock_gettime(CLOCK_MONOTONIC, &start)
let (summary, diagnostics) = CSVManifestReader.scan(fileAt: args[1], fields: fields)
var end = timespec()
clock_gettime(CLOCK_MONOTONIC, &end)
let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9

for d in diagnostics.sorted {
    print("\(d.range.map { "\($0.file):\($0.start)" } ?? d.subject ?? ""): \(d.severity): \(d.summary)")
}
guard let summary else { exit(1) }
print("rows=\(summary.rows)")
print("bytes=\(summary.bytes)")
print("seconds=\(seconds)")
print("md5=\(summary.md5Hex)")
print("sha256=\(summary.sha256Hex)")
print("duplicates=\(summary.duplicateDescription)")
