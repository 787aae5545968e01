import BopsJobs

/// Each operation's lines beyond the job and object fees: the S3 requests its tasks make (at the
/// price of the storage class each request is charged in), retrievals, restores, checksums,
/// Lambda and KMS calls.
extension Lines {
    mutating func operation(_ operation: JobOperation) {
        switch operation {
        case .s3PutObjectCopy(let copy): self.copy(copy)
        case .s3ReplicateObject: writes("replication PUT requests (replicas in the objects' classes)")
        case .s3PutObjectTagging: writes("PutObjectTagging requests")
        case .s3DeleteObjectTagging: writes("DeleteObjectTagging requests")
        case .s3PutObjectAcl: writes("PutObjectAcl requests")
        case .s3PutObjectLegalHold: writes("PutObjectLegalHold requests")
        case .s3PutObjectRetention: writes("PutObjectRetention requests")
        case .s3InitiateRestoreObject(let restore): self.restore(restore)
        case .s3ComputeObjectChecksum:
            gigabytes(
                "checksum", "checksum computed over the objects' bytes", size.bytes, table.checksumPerGB,
                "checksum_per_gb")
        case .s3UpdateObjectEncryption(let update):
            count(
                "update_encryption_requests", "UpdateObjectEncryption requests", size.objects,
                unit: "requests",
                table.updateEncryptionPer1000, per: 1000, "update_encryption_per_1000")
            if update.objectEncryption?.sseKMS?.bucketKeyEnabled != true {
                kms("KMS requests (a data key per object)", size.objects)
            }
        case .lambdaInvoke:
            count(
                "lambda_requests", "Lambda invocations", size.objects, unit: "requests",
                table.lambdaRequestsPerMillion,
                per: 1e6, "lambda.requests_per_million")
            add(
                "lambda_duration", "Lambda duration", quantity: nil, exactness: .unknown, unit: "GB-seconds",
                table.lambdaPerGBSecond, per: 1, "lambda.per_gb_second",
                missing: "the function's memory and run time are not known before the run")
        case .unsupported:
            break
        }
    }

    /// A COPY request per object at the destination class's price; retrieval of the bytes of
    /// sources in classes that charge for it; KMS calls to encrypt with a key (none with an S3
    /// Bucket Key) and to decrypt sources encrypted with one.
    mutating func copy(_ copy: S3CopyObjectOperation) {
        let target = ObjectStorageClass(copy.storageClass ?? .standard)
        count(
            "requests", "COPY requests into \(target.rawValue)", size.objects, unit: "requests",
            prices(target).putPer1000, per: 1000, "storage_classes.\(target.rawValue).put_per_1000")
        for share in shares() {
            let price = prices(share.storageClass).retrievalPerGB
            if case .known(let v) = price, v == 0 { continue }
            gigabytes(
                "retrieval", "retrieval of \(share.storageClass.rawValue) sources", share.bytes, price,
                "storage_classes.\(share.storageClass.rawValue).retrieval_per_gb")
        }
        let encrypts = copy.sseAwsKmsKeyId != nil || copy.newObjectMetadata?.sseAlgorithm == .kms
        if encrypts && copy.bucketKeyEnabled != true {
            kms("KMS requests (a data key per copy)", size.objects)
        }
        if let sources = size.kmsObjects, sources.value != 0 {
            kms("KMS requests (decrypting SSE-KMS sources)", sources)
        }
    }

    /// One request per object, charged at the PUT price of the class the object is in.
    mutating func writes(_ what: String) {
        for share in shares() {
            count(
                "requests", "\(what) on \(share.storageClass.rawValue) objects", share.objects,
                unit: "requests",
                prices(share.storageClass).putPer1000, per: 1000,
                "storage_classes.\(share.storageClass.rawValue).put_per_1000")
        }
    }

    /// Restores of the objects in an archive class, by the job's tier, and the restored copies'
    /// storage for their days at the table's rate. Intelligent-Tiering's archive tiers restore for
    /// nothing; objects in other classes are not restored (their tasks fail) and cost nothing.
    mutating func restore(_ restore: S3InitiateRestoreObjectOperation) {
        let tier = (restore.glacierJobTier ?? .standard).rawValue
        let days = restore.expirationInDays ?? 1
        for share in shares(fallback: .glacier) {
            let name = share.storageClass.rawValue
            guard let tiers = table.restore[name] else { continue }
            let path = "restore.\(name).\(tier)"
            let price =
                tiers[tier]
                ?? RestorePrice(
                    requestsPer1000: .unknown("no \(tier) restore from \(name) in \(model.prices.file)"),
                    perGB: .unknown("no \(tier) restore from \(name) in \(model.prices.file)"))
            count(
                "restore_requests", "\(tier) restore requests from \(name)", share.objects, unit: "requests",
                price.requestsPer1000, per: 1000, path + ".requests_per_1000")
            gigabytes(
                "restore_retrieval", "\(tier) retrieval from \(name)", share.bytes, price.perGB,
                path + ".per_gb")
            gigabytes(
                "restore_storage", "restored copies kept \(days) day\(days == 1 ? "" : "s")", share.bytes,
                table.restoredCopyStoragePerGBMonth, months: Double(days) / 30,
                "restored_copy_storage_per_gb_month")
        }
    }

    mutating func kms(_ what: String, _ calls: Figure) {
        count(
            "kms_requests", what, calls, unit: "requests", table.kmsRequestsPer10000, per: 10_000,
            "kms.requests_per_10000")
    }
}
