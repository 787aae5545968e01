public import BopsJobs
import FoundationEssentials

/// S3's conditional writes on the local store: PutObject with `If-Match` / `If-None-Match: *` and
/// DeleteObject (with or without `If-Match`).
///
/// The condition is checked and the write appended under the store's cross-process lock, so two
/// writers (threads of the emulator, other processes) can never both see their condition hold.
/// A condition that does not hold throws `PreconditionFailed` (HTTP 412) and changes nothing; an
/// `If-Match` on a key that does not exist throws `NoSuchKey` (HTTP 404), as S3 answers.
extension LocalStore {
    public static let preconditionFailed = "PreconditionFailed"

    /// PutObject when `ifMatch` (the object's current ETag) and `ifNoneMatch` (`*`: no object has the
    /// key) hold. Returns the new version as ``putObject(bucket:key:body:attributes:)`` does.
    public func putObject(
        bucket: String, key: String, body: [UInt8], attributes: ObjectAttributes, ifMatch: String?,
        ifNoneMatch: String?
    ) throws -> ObjectInfo {
        try validateKey(key)
        try validateStorageClass(attributes.storageClass, bucket: bucket)
        let state = try refreshed(bucket)
        let info = ObjectInfo(
            bucket: bucket, key: key, versionId: newVersionId(state), eTag: Self.eTag(body),
            size: Int64(body.count), lastModified: Date(), storageClass: attributes.storageClass,
            metadata: attributes.metadata, tags: attributes.tags, acl: attributes.acl,
            serverSideEncryption: attributes.serverSideEncryption,
            checksum: attributes.checksumAlgorithm.map { Checksums.compute($0, body) },
            objectLockMode: attributes.objectLockMode,
            objectLockRetainUntilDate: attributes.objectLockRetainUntilDate,
            objectLockLegalHoldStatus: attributes.objectLockLegalHoldStatus)
        let record = try stage(info, body: body)
        do {
            try lock.withLock {
                let current = try catchUpLocked(bucket)
                try Self.check(
                    current.version(key: key, versionId: nil)?.info, bucket: bucket, key: key,
                    ifMatch: ifMatch, ifNoneMatch: ifNoneMatch)
                try appendLocked(bucket, state: current, records: [record])
            }
        } catch {
            if let blob = record.object?.blob { FileIO.remove(blobPath(bucket, blob)) }
            throw error
        }
        return info
    }

    /// DeleteObject of the latest version (see ``deleteObject(bucket:key:versionId:ifMatch:bypassGovernance:now:)``):
    /// without `ifMatch` a missing key is not an error (S3 answers 204); with it, the key must
    /// exist and have that ETag.
    public func deleteObject(bucket: String, key: String, ifMatch: String?) throws {
        _ = try deleteObject(bucket: bucket, key: key, versionId: nil, ifMatch: ifMatch)
    }

    static func check(
        _ current: ObjectInfo?, bucket: String, key: String, ifMatch: String?, ifNoneMatch: String?
    ) throws {
        if let ifMatch {
            guard let current else { throw EngineError.noSuchKey(bucket: bucket, key: key) }
            if current.eTag != ifMatch && current.eTag != "\"" + ifMatch + "\"" {
                throw EngineError(
                    code: preconditionFailed,
                    message: "At least one of the pre-conditions you specified did not hold",
                    httpStatus: 412)
            }
        }
        if ifNoneMatch == "*", current != nil {
            throw EngineError(
                code: preconditionFailed,
                message: "At least one of the pre-conditions you specified did not hold",
                httpStatus: 412)
        }
    }
}
