public import BopsJobs
import BopsNode

extension JobSpec {
    /// The completion report (`spec.report`).
    public struct Report: Sendable, Hashable, Codable {
        /// Which tasks the report lists; `disabled` writes no report.
        public enum Scope: String, Sendable, Hashable, Codable, CaseIterable {
            case all
            case failed
            case disabled

            /// botocore `JobReportScope`; nil for `disabled`.
            public var reportScope: JobReportScope? {
                switch self {
                case .all: .allTasks
                case .failed: .failedTasksOnly
                case .disabled: nil
                }
            }
        }

        public static let format = JobReportFormat.csv20180820

        public var scope: Scope
        /// Bucket ARN; present whenever `scope` is not `disabled`.
        public var bucket: String?
        public var prefix: String?
        public var expectedBucketOwner: String?

        public init(
            scope: Scope, bucket: String? = nil, prefix: String? = nil, expectedBucketOwner: String? = nil
        ) {
            self.scope = scope
            self.bucket = bucket
            self.prefix = prefix
            self.expectedBucketOwner = expectedBucketOwner
        }

        public static let disabled = Report(scope: .disabled)
    }
}

extension JobSpec.Report {
    static let pointer = "/spec/report"

    static func decode(_ node: Node?, _ d: inout NodeDecoder) -> Self? {
        guard let node else {
            d.mismatch(nil, pointer, expected: "an object")
            return nil
        }
        return Self(
            scope: d.enumeration(Scope.self, node, "scope", pointer) ?? JobSpec.Defaults.reportScope,
            bucket: d.string(node, "bucket", pointer),
            prefix: d.string(node, "prefix", pointer),
            expectedBucketOwner: d.string(node, "expectedBucketOwner", pointer))
    }

    var canonicalValue: CanonicalJSON {
        .members([
            ("scope", .string(scope.rawValue)), ("bucket", .string(bucket)), ("prefix", .string(prefix)),
            ("expectedBucketOwner", .string(expectedBucketOwner)),
            ("format", scope == .disabled ? nil : .string(Self.format.rawValue)),
        ])
    }

    /// The `JobReport` CreateJob sends: disabled for scope `disabled` (the schema requires a bucket
    /// otherwise).
    public var jobReport: JobReport {
        guard let reportScope = scope.reportScope, let bucket else { return .disabled }
        return JobReport(
            bucket: bucket, format: Self.format, enabled: true, prefix: prefix, reportScope: reportScope,
            expectedBucketOwner: expectedBucketOwner)
    }
}
