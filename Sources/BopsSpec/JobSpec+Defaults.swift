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
