import BopsDiagnostics
import BopsNode

/// Builds a `JobSpec` from a document root that passed the schema, filling ``JobSpec/Defaults``.
/// Each part decodes itself (`JobSpec.Manifest.decode`, `JobSpec.CopyOperation.decode`, ...).
enum SpecDecoder {
    static func decode(_ root: Node, file: String) -> (spec: JobSpec?, diagnostics: [Diagnostic]) {
        var d = NodeDecoder(file: file)
        let metadata = d.object(root, "metadata", "")
        let spec = d.object(root, "spec", "")
        let name = d.required(metadata, "name", "/metadata")
        let labels = d.stringMap(metadata, "labels", "/metadata")
        let roleArn = d.required(spec, "roleArn", "/spec")
        let manifest = JobSpec.Manifest.decode(d.object(spec, "manifest", "/spec"), &d)
        let operation = JobSpec.Operation.decode(d.object(spec, "operation", "/spec"), &d)
        let report = JobSpec.Report.decode(d.object(spec, "report", "/spec"), &d)
        let decoded = JobSpec(
            name: name ?? "", labels: labels, account: d.string(spec, "account", "/spec"),
            region: d.string(spec, "region", "/spec"), description: d.string(spec, "description", "/spec"),
            priority: d.int(spec, "priority", "/spec") ?? JobSpec.Defaults.priority, roleArn: roleArn ?? "",
            confirmationRequired: d.bool(spec, "confirmationRequired", "/spec")
                ?? JobSpec.Defaults.confirmationRequired,
            confirm: d.bool(spec, "confirm", "/spec") ?? JobSpec.Defaults.confirm,
            rerun: d.int(spec, "rerun", "/spec") ?? JobSpec.Defaults.rerun,
            manifest: manifest ?? .csv(JobSpec.CSVManifest(source: .file(""))),
            operation: operation ?? .replicate,
            report: report ?? .disabled, tags: d.stringMap(spec, "tags", "/spec"))
        var result = decoded
        result.dependsOn = JobSpec.Dependency.decodeAll(spec, &d)
        if let split = d.object(spec, "split", "/spec") {
            result.splitMaxObjects = d.int(split, "maxObjects", "/spec/split")
            result.splitMaxFiles = d.int(split, "maxFiles", "/spec/split")
        }
        result.acknowledged = d.stringMap(spec, "acknowledge", "/spec")
        let complete = name != nil && roleArn != nil && manifest != nil && operation != nil && report != nil
        if !complete && d.diagnostics.isEmpty { d.mismatch(spec, "/spec", expected: "a complete job spec") }
        return (d.diagnostics.isEmpty ? result : nil, d.diagnostics)
    }
}
