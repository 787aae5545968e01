import BopsAWSModel
import BopsEncoding
public import BopsJobs
import BopsPrimitives
import Crypto
import FoundationEssentials

/// The digests of a file, read once in 1 MiB chunks.
public struct FileDigest: Sendable, Hashable {
    public var length: Int64
    public var sha256Hex: String
    public var md5Hex: String
    public var md5Base64: String

    /// - Throws: ``TransportError`` of kind `request` when the file cannot be read.
    public static func of(file path: String) throws -> FileDigest {
        guard let handle = try? FileReader(path: path) else {
            throw TransportError(.request, host: "-", message: "cannot open \(path)")
        }
        defer { handle.close() }
        var sha = SHA256()
        var md5 = Insecure.MD5()
        var length: Int64 = 0
        while true {
            let chunk: [UInt8]
            do { chunk = try handle.read(upTo: 1 << 20) } catch {
                throw TransportError(.request, host: "-", message: "cannot read \(path): \(error)")
            }
            if chunk.isEmpty { break }
            sha.update(data: chunk)
            md5.update(data: chunk)
            length += Int64(chunk.count)
        }
        let md5Digest = Data(md5.finalize())
        return FileDigest(
            length: length, sha256Hex: Hex.encode(sha.finalize()),
            md5Hex: Hex.encode(md5Digest),
            md5Base64: md5Digest.base64EncodedString())
    }
}

/// The outcome of staging a file under its content-addressed key.
public struct StagedFile: Sendable, Hashable {
    public var bucket: String
    public var key: String
    public var eTag: String
    public var versionId: String?
    /// `false` when the same bytes were already there and nothing was sent.
    public var uploaded: Bool
    public var digest: FileDigest
}

extension AWSEngine {
    /// PutObject streaming `path` from disk: the SHA-256 and MD5 are computed in one pass first, the
    /// body is then sent in chunks (memory stays flat whatever the size, up to S3's 5 GiB limit for
    /// one PUT). A retry re-reads the file.
    public func putObject(
        bucket: String, key: String, file path: String, contentType: String?
    ) async throws
        -> ObjectInfo
    {
        let digest = try FileDigest.of(file: path)
        return try await putObject(
            bucket: bucket, key: key, file: path, digest: digest, contentType: contentType)
    }

    func putObject(
        bucket: String, key: String, file path: String, digest: FileDigest, contentType: String?
    )
        async throws -> ObjectInfo
    {
        guard digest.length <= 5 << 30 else {
            throw EngineError(
                code: "EntityTooLarge",
                message: "\(path) is \(digest.length) bytes; one PutObject takes at most 5 GiB")
        }
        let response = try await s3(
            "PutObject", bucket: bucket,
            body: .file(path: path, length: digest.length, sha256Hex: digest.sha256Hex)
        ) { addressing in
            S3Requests.putObject(
                bucket: bucket, key: key, body: [], contentType: contentType, contentMD5: digest.md5Base64,
                addressing: addressing)
        }
        let (eTag, versionId) = try S3Responses.putObject(response)
        return ObjectInfo(
            bucket: bucket, key: key, versionId: versionId, eTag: eTag, size: digest.length,
            lastModified: Date())
    }

    /// Uploads `path` to `prefix + sha256 + suffix` unless an object with the same MD5 ETag is
    /// already there, so staging the same manifest twice sends it once.
    public func stageFile(
        bucket: String, prefix: String, file path: String, suffix: String = "", contentType: String?
    )
        async throws -> StagedFile
    {
        let digest = try FileDigest.of(file: path)
        let key = prefix + digest.sha256Hex + suffix
        if let head = try await headObject(bucket: bucket, key: key, versionId: nil),
            head.eTag.trimmingQuotes() == digest.md5Hex
        {
            return StagedFile(
                bucket: bucket, key: key, eTag: head.eTag, versionId: head.versionId, uploaded: false,
                digest: digest)
        }
        let put = try await putObject(
            bucket: bucket, key: key, file: path, digest: digest, contentType: contentType)
        return StagedFile(
            bucket: bucket, key: key, eTag: put.eTag, versionId: put.versionId, uploaded: true, digest: digest
        )
    }
}
