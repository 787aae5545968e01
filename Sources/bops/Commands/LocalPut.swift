import ArgumentParser
import BopsJobs
import BopsLocalEngine
import BopsPrimitives
import FoundationEssentials

extension LocalCommand {
    /// `bops local put`: one object with the attributes the operations act on (storage class,
    /// Intelligent-Tiering archive tier, encryption, tags, Object Lock, parts).
    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put one object, with its storage class, encryption, tags and Object Lock settings.",
            discussion: """
                The bucket is created when missing (--versioning, --object-lock apply then).
                Examples:
                  bops local put archive logs/2024.gz --file 2024.gz --storage-class GLACIER
                  bops local put archive it/a.bin --body data --storage-class INTELLIGENT_TIERING \\
                      --archive-status DEEP_ARCHIVE_ACCESS
                  bops local put kms k --body x --sse aws:kms --kms-key-id arn:aws:kms:us-east-1:123456789012:key/k1
                  bops local put evidence e1 --body x --object-lock --retention-mode GOVERNANCE \\
                      --retain-until 2030-01-01T00:00:00Z --legal-hold ON
                  bops local put big huge.bin --size 6442450944
                """)
        @Argument(help: "Bucket name.") var bucket: String
        @Argument(help: "Object key.") var key: String
        @Option(help: "File whose bytes are the object's data.") var file: String?
        @Option(help: "The object's data as text (when no --file).") var body: String?
        @Option(
            help: "Make an object of this many bytes, all zeros, without storing them (no --file or --body).")
        var size: Int64?
        @Option(
            help: ArgumentHelp(
                "STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER, "
                    + "DEEP_ARCHIVE, GLACIER_IR; EXPRESS_ONEZONE in a directory bucket (NAME--ZONE--x-s3)."))
        var storageClass: String = "STANDARD"
        @Option(help: "For INTELLIGENT_TIERING: ARCHIVE_ACCESS or DEEP_ARCHIVE_ACCESS.") var archiveStatus:
            String?
        @Option(help: "AES256 (SSE-S3, the default), aws:kms, aws:kms:dsse, SSE-C or none.") var sse =
            "AES256"
        @Option(help: "KMS key ARN for aws:kms and aws:kms:dsse.") var kmsKeyId: String?
        @Flag(help: "Use an S3 Bucket Key (with aws:kms).") var bucketKey = false
        @Option(name: .customLong("tag"), help: "A tag KEY=VALUE (repeatable).") var tags: [String] = []
        @Option(help: "Content type.") var contentType: String?
        @Option(help: "Legal hold ON or OFF (needs an Object Lock bucket).") var legalHold: String?
        @Option(help: "Retention mode GOVERNANCE or COMPLIANCE (with --retain-until).") var retentionMode:
            String?
        @Option(help: "Retain-until date, RFC 3339 (e.g. 2030-01-01T00:00:00Z).") var retainUntil: String?
        @Option(
            help: "Store as an upload in parts of this many bytes (ETag and COMPOSITE checksums per part).")
        var partSize: Int?
        @Flag(help: "Create the bucket with versioning when it is missing.") var versioning = false
        @Flag(help: "Create the bucket with Object Lock when it is missing (it must have it when it exists).")
        var objectLock = false
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func attributes() throws -> ObjectAttributes {
            var a = ObjectAttributes()
            let accepted = ObjectStorageClass.accepted(inBucket: bucket)
            guard accepted.contains(ObjectStorageClass(rawValue: storageClass)) else {
                throw ValidationError(
                    "--storage-class: '\(storageClass)' is not one of "
                        + accepted.map(\.rawValue).joined(separator: ", ") + " (bucket \(bucket))")
            }
            a.storageClass = ObjectStorageClass(rawValue: storageClass)
            if let archiveStatus {
                guard let status = S3ArchiveStatus(rawValue: archiveStatus),
                    storageClass == "INTELLIGENT_TIERING"
                else {
                    throw ValidationError(
                        "--archive-status: ARCHIVE_ACCESS or DEEP_ARCHIVE_ACCESS, with --storage-class "
                            + "INTELLIGENT_TIERING (got '\(archiveStatus)')")
                }
                a.archiveStatus = status
            }
            switch sse {
            case "AES256": a.serverSideEncryption = ServerSideEncryption(algorithm: "AES256")
            case "aws:kms", "aws:kms:dsse":
                guard let kmsKeyId else { throw ValidationError("--sse \(sse) needs --kms-key-id ARN") }
                a.serverSideEncryption = ServerSideEncryption(
                    algorithm: sse, kmsKeyId: kmsKeyId, bucketKeyEnabled: sse == "aws:kms" ? bucketKey : nil)
            case "SSE-C":
                a.serverSideEncryption = ServerSideEncryption(
                    algorithm: "AES256", customerAlgorithm: "AES256",
                    customerKeyMD5: "bG9jYWwtZW5naW5lLWtleQ==")
            case "none": a.serverSideEncryption = nil
            default:
                throw ValidationError("--sse: AES256, aws:kms, aws:kms:dsse, SSE-C or none (got '\(sse)')")
            }
            a.tags = try tags.map { item in
                guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                    throw ValidationError("--tag: KEY=VALUE, got '\(item)'")
                }
                return S3Tag(key: String(item[..<eq]), value: String(item[item.index(after: eq)...]))
            }
            a.metadata.contentType = contentType ?? "binary/octet-stream"
            if let legalHold {
                guard let status = S3ObjectLockLegalHoldStatus(rawValue: legalHold) else {
                    throw ValidationError("--legal-hold: ON or OFF, got '\(legalHold)'")
                }
                a.objectLockLegalHoldStatus = status
            }
            switch (retentionMode, retainUntil) {
            case (nil, nil): break
            case (let mode?, let until?):
                guard let m = S3ObjectLockMode(rawValue: mode) else {
                    throw ValidationError("--retention-mode: GOVERNANCE or COMPLIANCE, got '\(mode)'")
                }
                guard let date = Timestamp(rfc3339: until)?.date else {
                    throw ValidationError(
                        "--retain-until: an RFC 3339 date (2030-01-01T00:00:00Z), got '\(until)'")
                }
                a.objectLockMode = m
                a.objectLockRetainUntilDate = date
            default:
                throw ValidationError("--retention-mode and --retain-until go together")
            }
            if let partSize, partSize < 1 { throw ValidationError("--part-size must be at least 1") }
            a.partSize = partSize
            return a
        }

        /// What the object holds: bytes from `--file` or `--body`, or `--size` zeros.
        enum Content {
            case bytes([UInt8])
            case zeros(Int64)
        }

        func content() throws -> Content {
            switch (file, body, size) {
            case (let path?, nil, nil):
                guard let bytes = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("--file: cannot read \(path)")
                }
                return .bytes(Array(bytes))
            case (nil, let text?, nil): return .bytes(Array(text.utf8))
            case (nil, nil, let size?):
                guard size >= 0 else { throw ValidationError("--size must be 0 or more bytes, got \(size)") }
                return .zeros(size)
            case (nil, nil, nil): throw ValidationError("give one of --file, --body and --size")
            default: throw ValidationError("--file, --body and --size exclude each other: give only one")
            }
        }

        func run() async throws {
            let attributes = try attributes()
            let content = try content()
            let (session, local) = try LocalCommand.engine(project, output)
            let info = LocalCommand.run(session, "cannot put s3://\(bucket)/\(key)") {
                () throws -> ObjectInfo in
                if let existing = try local.store.bucketInfo(bucket) {
                    if objectLock && !existing.objectLockEnabled {
                        throw ValidationError(
                            "bucket \(bucket) exists without Object Lock; Object Lock can only be enabled "
                                + "when a bucket is created")
                    }
                } else {
                    try local.store.createBucket(
                        bucket, versioning: versioning ? .enabled : nil, objectLock: objectLock)
                }
                switch content {
                case .bytes(let data):
                    return try local.store.putObject(
                        bucket: bucket, key: key, body: data, attributes: attributes)
                case .zeros(let size):
                    return try local.store.putZeroFilledObject(
                        bucket: bucket, key: key, size: size, attributes: attributes)
                }
            }
            Terminal.out(
                "upload: s3://\(bucket)/\(key) \(info.eTag) \(info.storageClass)"
                    + (info.versionId.map { " version \($0)" } ?? ""))
        }
    }
}
