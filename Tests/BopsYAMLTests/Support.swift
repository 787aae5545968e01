import BopsDiagnostics
import BopsNode
import BopsTestSupport
import BopsYAML

/// Parses `text` as `t.yaml` and returns the documents and diagnostics.
func parse(_ text: String, limits: YAMLLimits = .default) -> (documents: [Document], diagnostics: Diagnostics)
{
    YAMLReader.parse(text, file: "t.yaml", limits: limits)
}

/// The root of the only document of `text`, when it parsed without any diagnostic.
func root(_ text: String) -> Node? {
    let (documents, diagnostics) = parse(text)
    guard diagnostics.isEmpty, documents.count == 1 else { return nil }
    return documents[0].root
}

/// `line:column` of each diagnostic with its summary, for compact expectations.
func positions(_ diagnostics: Diagnostics) -> [String] {
    diagnostics.items.map { "\($0.range?.start.description ?? "-") \($0.summary)" }
}

/// A job spec in the shape DESIGN.md gives, using flow and block styles, quoting, comments and tags.
let sampleSpec = """
    # yaml-language-server: $schema=../schemas/job-spec.schema.json
    apiVersion: bops/v1
    kind: BatchJob
    metadata:
      name: backfill-logs-2024          # unique key in state
    spec:
      account: "123456789012"
      region: us-east-1
      description: Copy 2024 logs to the archive bucket
      priority: 10
      roleArn: arn:aws:iam::123456789012:role/batch-ops
      confirmationRequired: true
      confirm: false
      rerun: 0
      manifest:
        csv: { file: manifests/logs-2024.csv, fields: [Bucket, Key] }
      operation:
        copy:
          destination: arn:aws:s3:::archive
          storageClass: GLACIER_IR
          encryption: { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", bucketKeyEnabled: true }
          tags: { mode: replace, set: { tier: cold } }
          metadata: { mode: replace, contentType: text/plain, user: { source: logs } }
          objectLock: { legalHold: ON, retention: { mode: GOVERNANCE, retainUntil: 2030-01-01T00:00:00Z } }
      report: { bucket: "arn:aws:s3:::reports", prefix: bops, scope: failed }
      tags:
        cost-center: "42"
        note: |
          multi-line
          text
    ---
    apiVersion: bops/v1
    kind: BatchJob
    metadata: { name: second }

    """
