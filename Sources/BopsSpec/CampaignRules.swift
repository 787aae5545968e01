public import BopsDiagnostics

/// The rules of `dependsOn` that need every spec of the project: each dependency names a spec that
/// exists, `restored` waits only for a restore whose objects bops can list, and no dependencies
/// form a cycle (each key of a cycle is reported, across files).
public enum CampaignRules {
    /// Checks the `dependsOn` entries of `specs`. Names resolve among `specs` and `project` (the
    /// project's other specs, when a command was given only some of them); a cycle is reported
    /// when it passes through one of `specs`.
    public static func check(_ specs: [LoadedSpec], project: [LoadedSpec] = []) -> Diagnostics {
        var found = Diagnostics()
        var byName = Dictionary(project.map { ($0.spec.name, $0) }, uniquingKeysWith: { a, _ in a })
        for loaded in specs { byName[loaded.spec.name] = loaded }
        for loaded in specs {
            found.append(contentsOf: fromReport(loaded, byName: byName))
            for (i, dep) in loaded.spec.dependsOn.enumerated() where dep.spec != loaded.spec.name {
                let at = "/spec/dependsOn/\(i)"
                guard let target = byName[dep.spec] else {
                    let near = Suggestion.closest(to: dep.spec, among: byName.keys)
                    found.append(
                        Diagnostic(
                            .error, "\(loaded.spec.name) depends on \(dep.spec), which no spec defines",
                            range: loaded.range(of: "\(at)/spec"),
                            hint: near.map { "did you mean \($0)?" }
                                ?? "a spec that others depend on cannot be removed or renamed while they "
                                + "do: restore it, or remove this entry", pointer: "\(at)/spec"))
                    continue
                }
                if dep.when == .restored {
                    if case .restore = target.spec.operation {
                        if case .replicationConfiguration = target.spec.manifest {
                            found.append(
                                Diagnostic(
                                    .error,
                                    "when: restored needs the objects of \(dep.spec), but S3 generates its manifest",
                                    range: loaded.range(of: "\(at)/when"),
                                    hint:
                                        "give \(dep.spec) a CSV or inventory manifest, or wait with when: completed",
                                    pointer: "\(at)/when"))
                        }
                    } else {
                        found.append(
                            Diagnostic(
                                .error,
                                "when: restored waits for a restore, but \(dep.spec) is a \(target.spec.operation.kind.rawValue) job",
                                range: loaded.range(of: "\(at)/when"),
                                hint: "write when: completed or succeeded for a job that is not a restore",
                                pointer: "\(at)/when"))
                    }
                }
            }
        }
        found.append(
            contentsOf: cycles(Array(byName.values), byName: byName, through: Set(specs.map(\.spec.name))))
        return found
    }

    /// The specs `spec` waits for, each with the pointer of the key naming it: its `dependsOn`
    /// entries and a `manifest.fromReport`.
    static func edges(of spec: JobSpec) -> [(name: String, pointer: String)] {
        var out = spec.dependsOn.enumerated().map {
            (name: $0.element.spec, pointer: "/spec/dependsOn/\($0.offset)/spec")
        }
        if case .fromReport(let report) = spec.manifest {
            out.append((name: report.spec, pointer: "/spec/manifest/fromReport/spec"))
        }
        return out
    }

    /// The report rules of `manifest.fromReport`: the spec exists and its report holds the tasks asked for.
    static func fromReport(_ loaded: LoadedSpec, byName: [String: LoadedSpec]) -> [Diagnostic] {
        guard case .fromReport(let report) = loaded.spec.manifest, report.spec != loaded.spec.name else {
            return []
        }
        let at = "/spec/manifest/fromReport/spec"
        guard let parent = byName[report.spec] else {
            let near = Suggestion.closest(to: report.spec, among: byName.keys)
            return [
                Diagnostic(
                    .error,
                    "\(loaded.spec.name) takes its manifest from the report of \(report.spec), which no spec defines",
                    range: loaded.range(of: at),
                    hint: near.map { "did you mean \($0)?" } ?? "name an existing spec",
                    pointer: at)
            ]
        }
        let scope = parent.spec.report.scope
        let problem: String? =
            switch (scope, report.tasks) {
            case (.disabled, _): "\(report.spec) writes no completion report (report scope disabled)"
            case (.failed, .succeeded), (.failed, .all):
                "\(report.spec)'s report lists failed tasks only (scope failed), so it cannot give \(report.tasks.rawValue) tasks"
            default: nil
            }
        guard let problem else { return [] }
        return [
            Diagnostic(
                .error, problem, range: loaded.range(of: at),
                hint:
                    "set report scope: all in \(report.spec) (a new job of it then writes one), or ask for tasks: failed",
                pointer: at)
        ]
    }

    /// One error at every `dependsOn` entry that lies on a cycle through one of `through`, naming
    /// the whole cycle.
    static func cycles(
        _ specs: [LoadedSpec], byName: [String: LoadedSpec], through: Set<String>
    ) -> [Diagnostic] {
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        var path: [String] = []
        var reported = Set<String>()
        var out: [Diagnostic] = []
        func visit(_ name: String) {
            state[name] = 1
            path.append(name)
            for dep in byName[name].map({ edges(of: $0.spec) }) ?? []
            where dep.name != name && byName[dep.name] != nil {
                switch state[dep.name] {
                case 1:
                    let cycle = Array(path[path.firstIndex(of: dep.name)!...])
                    let key = cycle.sorted().joined(separator: ",")
                    guard cycle.contains(where: through.contains), reported.insert(key).inserted else {
                        continue
                    }
                    let text = (cycle + [dep.name]).joined(separator: " -> ")
                    for (j, member) in cycle.enumerated() {
                        let next = cycle[(j + 1) % cycle.count]
                        guard let spec = byName[member],
                            let edge = edges(of: spec.spec).first(where: { $0.name == next })
                        else { continue }
                        out.append(
                            Diagnostic(
                                .error, "dependsOn forms a cycle: \(text)",
                                range: spec.range(of: edge.pointer),
                                hint:
                                    "no job of a cycle could ever start; remove one of its \(cycle.count) entries",
                                pointer: edge.pointer))
                    }
                case nil: visit(dep.name)
                default: break
                }
            }
            path.removeLast()
            state[name] = 2
        }
        for spec in specs.map(\.spec.name).sorted() where state[spec] == nil { visit(spec) }
        return out
    }
}
