import BopsNode

extension JobSpec {
    /// `manifest.fromReport`: the objects of another spec's current job, as its completion report
    /// lists them, narrowed to the tasks asked for. The job waits until that job is Complete.
    public struct ReportManifest: Sendable, Hashable, Codable {
        /// Which tasks of the report are taken.
        public enum Tasks: String, Sendable, Hashable, Codable, CaseIterable {
            case failed
            case succeeded
            case all
        }

        /// The spec whose job's report is read.
        public var spec: String
        public var tasks: Tasks
        /// Only failed tasks with one of these error codes (empty: any).
        public var errorCodes: [String]
        /// Only tasks with one of these HTTP status codes (empty: any).
        public var httpStatus: [Int]

        public init(spec: String, tasks: Tasks = .failed, errorCodes: [String] = [], httpStatus: [Int] = []) {
            self.spec = spec
            self.tasks = tasks
            self.errorCodes = errorCodes
            self.httpStatus = httpStatus
        }

        /// Whether a report row of `status` (`succeeded`, `failed`), `errorCode` and `httpStatus` is taken.
        public func takes(status: String, errorCode: String?, httpStatus code: Int?) -> Bool {
            switch tasks {
            case .failed: guard status != "succeeded" else { return false }
            case .succeeded: guard status == "succeeded" else { return false }
            case .all: break
            }
            if !errorCodes.isEmpty, !errorCodes.contains(errorCode ?? "") { return false }
            if !httpStatus.isEmpty, !httpStatus.contains(code ?? -1) { return false }
            return true
        }
    }
}

extension JobSpec.ReportManifest {
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        guard let spec = d.required(node, "spec", at) else { return nil }
        var codes: [Int] = []
        if let items = node["httpStatus"]?.sequence {
            for (i, item) in items.enumerated() {
                if let n = item.int {
                    codes.append(n)
                } else {
                    d.mismatch(item, "\(at)/httpStatus/\(i)", expected: "an integer")
                }
            }
        }
        return Self(
            spec: spec, tasks: d.enumeration(Tasks.self, node, "tasks", at) ?? .failed,
            errorCodes: d.strings(node, "errorCodes", at), httpStatus: codes)
    }

    var canonicalValue: CanonicalJSON {
        .members([
            ("spec", .string(spec)), ("tasks", .string(tasks.rawValue)),
            ("errorCodes", errorCodes.isEmpty ? nil : .array(errorCodes.sorted().map { .string($0) })),
            (
                "httpStatus",
                httpStatus.isEmpty ? nil : .array(httpStatus.sorted().map { .string(String($0)) })
            ),
        ])
    }
}
