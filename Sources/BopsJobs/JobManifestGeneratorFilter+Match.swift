/// What S3's manifest generator keeps of a bucket listing; the local engine generates with it and
/// plans size a generated manifest with it.
extension JobManifestGeneratorFilter {
    /// Whether the generator keeps `o`; `replication` is the source bucket's configuration (for
    /// `eligibleForReplication`).
    public func matches(_ o: ObjectInfo, replication: ReplicationConfiguration?) -> Bool {
        let f = self
        if let a = f.createdAfter, o.lastModified <= a { return false }
        if let b = f.createdBefore, o.lastModified >= b { return false }
        if let k = f.keyNameConstraint, !k.matches(o.key) { return false }
        if let gt = f.objectSizeGreaterThanBytes, o.size <= gt { return false }
        if let lt = f.objectSizeLessThanBytes, o.size >= lt { return false }
        if let classes = f.matchAnyStorageClass, !classes.isEmpty,
            !classes.contains(where: { ObjectStorageClass($0) == o.storageClass })
        {
            return false
        }
        if let statuses = f.objectReplicationStatuses, !statuses.isEmpty,
            !statuses.contains(o.replicationStatus ?? .none)
        {
            return false
        }
        if let eligible = f.eligibleForReplication {
            let covered = !(replication?.rules(matchingKey: o.key, tags: o.tags ?? []).isEmpty ?? true)
            if covered != eligible { return false }
        }
        if let encryptions = f.matchAnyObjectEncryption, !encryptions.isEmpty,
            !encryptions.contains(where: { $0.matches(o.serverSideEncryption) })
        {
            return false
        }
        return true
    }

}

extension ObjectEncryptionFilter {
    /// Whether an object encrypted as `sse` (`nil`: not encrypted) passes this filter.
    public func matches(_ sse: ServerSideEncryption?) -> Bool {
        let f = self
        if f.sses3 != nil && sse?.isS3Managed == true { return true }
        if f.ssec != nil && sse?.isCustomerProvided == true { return true }
        if f.notsse != nil && sse == nil { return true }
        if let kms = f.ssekms, sse?.isKMS == true,
            kms.kmsKeyArn == nil || kms.kmsKeyArn == sse?.kmsKeyId,
            kms.bucketKeyEnabled == nil || kms.bucketKeyEnabled == (sse?.bucketKeyEnabled ?? false)
        {
            return true
        }
        if let dsse = f.dssekms, sse?.isDualLayerKMS == true,
            dsse.kmsKeyArn == nil || dsse.kmsKeyArn == sse?.kmsKeyId
        {
            return true
        }
        return false
    }
}
