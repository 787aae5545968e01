public import BopsJobs

extension JobSpec {
    /// The value of every key a spec may leave out, in one place. The decoder fills these in and
    /// the initialisers default to them; `SchemaDefaultsTests` checks that every `default` of
    /// schemas/job-spec.schema.json is what the decoder produces.
    public enum Defaults {
        /// `spec.priority`.
        public static let priority = 10
        /// `spec.confirmationRequired`.
        public static let confirmationRequired = true
        /// `spec.confirm`.
        public static let confirm = false
        /// `spec.rerun`.
        public static let rerun = 0
        /// `spec.manifest.csv.fields`.
        public static let csvFields: [JobManifestFieldName] = [.bucket, .key]
        /// `spec.manifest.generate.manifestOutput.format`.
        public static let generatedManifestFormat = GeneratedManifestFormat.inventoryCSV20211130
        /// `spec.operation.copy.tags.mode`.
        public static let tagsMode = ObjectTagging.Mode.copy
        /// `spec.operation.copy.metadata.mode`.
        public static let metadataMode = S3MetadataDirective.copy
        /// `spec.operation.copy.requesterPays`.
        public static let requesterPays = false
        /// `spec.report.scope`.
        public static let reportScope = Report.Scope.all
    }
}

extension JobSpec.Defaults {
    /// `spec.operation.copy.storageClass`: S3 stores a copy without a storage class as STANDARD.
    public static let copyStorageClass = S3StorageClass.standard
    /// `spec.operation.updateEncryption.bucketKeyEnabled`: AWS's default.
    public static let updateEncryptionBucketKey = false
}

extension JobSpec.Operation {
    /// The same operation with every schema default that was written out left out instead, so the
    /// canonical form (and the digest) of `storageClass: STANDARD` is that of no storage class.
    ///
    /// Only keys whose absence the model keeps as `nil` appear here; the decoder fills the others
    /// (`JobSpec.Defaults`), so written or not they are equal already.
    public var withDefaultsLeftOut: Self {
        switch self {
        case .copy(var op):
            if op.storageClass == JobSpec.Defaults.copyStorageClass { op.storageClass = nil }
            return .copy(op)
        case .updateEncryption(var op):
            if op.bucketKeyEnabled == JobSpec.Defaults.updateEncryptionBucketKey { op.bucketKeyEnabled = nil }
            return .updateEncryption(op)
        case .replicate, .tag, .deleteTags, .acl, .restore, .legalHold, .retention, .computeChecksum, .lambda:
            return self
        }
    }
}
