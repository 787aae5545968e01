import BopsJobs
import BopsLocalEngine
import BopsSigV4
import Foundation

/// Object attributes to and from S3's HTTP headers.
enum ObjectHeaders {
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text) ?? XMLDecoding.parseDate(text)
    }

    /// The headers GetObject and HeadObject answer with.
    static func of(_ info: ObjectInfo) -> [(String, String)] {
        var h: [(String, String)] = [
            ("ETag", info.eTag), ("Last-Modified", httpDate(info.lastModified)),
            ("Content-Type", info.metadata.contentType ?? "binary/octet-stream"),
        ]
        if let v = info.versionId { h.append(("x-amz-version-id", v)) }
        if info.storageClass != "STANDARD" { h.append(("x-amz-storage-class", info.storageClass)) }
        let m = info.metadata
        if let v = m.cacheControl { h.append(("Cache-Control", v)) }
        if let v = m.contentDisposition { h.append(("Content-Disposition", v)) }
        if let v = m.contentEncoding { h.append(("Content-Encoding", v)) }
        if let v = m.contentLanguage { h.append(("Content-Language", v)) }
        if let v = m.expires { h.append(("Expires", httpDate(v))) }
        if let v = m.websiteRedirectLocation { h.append(("x-amz-website-redirect-location", v)) }
        for (name, value) in m.userMetadata.sorted(by: { $0.key < $1.key }) {
            h.append(("x-amz-meta-" + name, value))
        }
        if let sse = info.serverSideEncryption {
            h.append(("x-amz-server-side-encryption", sse.algorithm))
            if let key = sse.kmsKeyId { h.append(("x-amz-server-side-encryption-aws-kms-key-id", key)) }
            if let bke = sse.bucketKeyEnabled {
                h.append(("x-amz-server-side-encryption-bucket-key-enabled", bke ? "true" : "false"))
            }
        }
        if let tags = info.tags, !tags.isEmpty { h.append(("x-amz-tagging-count", String(tags.count))) }
        if let mode = info.objectLockMode { h.append(("x-amz-object-lock-mode", mode.rawValue)) }
        if let until = info.objectLockRetainUntilDate {
            h.append(("x-amz-object-lock-retain-until-date", XMLEncoding.format(until)))
        }
        if let hold = info.objectLockLegalHoldStatus {
            h.append(("x-amz-object-lock-legal-hold", hold.rawValue))
        }
        if let status = info.replicationStatus { h.append(("x-amz-replication-status", status.rawValue)) }
        if let checksum = info.checksum {
            h.append(("x-amz-checksum-" + checksum.algorithm.rawValue.lowercased(), checksum.value))
        }
        return h
    }

    /// PutObject's headers as stored attributes; an unknown value is `InvalidArgument` (400).
    static func attributes(_ request: IncomingRequest) throws(APIError) -> ObjectAttributes {
        var a = ObjectAttributes()
        a.metadata.contentType = request.header("content-type") ?? "binary/octet-stream"
        a.metadata.cacheControl = request.header("cache-control")
        a.metadata.contentDisposition = request.header("content-disposition")
        a.metadata.contentEncoding = request.header("content-encoding")
        a.metadata.contentLanguage = request.header("content-language")
        a.metadata.expires = request.header("expires").flatMap(parseHTTPDate)
        a.metadata.websiteRedirectLocation = request.header("x-amz-website-redirect-location")
        for (name, value) in request.headers where name.hasPrefix("x-amz-meta-") {
            a.metadata.userMetadata[String(name.dropFirst("x-amz-meta-".count))] = value
        }
        if let sc = request.header("x-amz-storage-class") {
            guard S3StorageClass(rawValue: sc) != nil else {
                throw APIError(
                    400, "InvalidStorageClass", "The storage class you specified is not valid: \(sc)")
            }
            a.storageClass = sc
        }
        if let tagging = request.header("x-amz-tagging") {
            a.tags = tagging.split(separator: "&").map { item in
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return S3Tag(
                    key: URIEncoding.decode(String(pair[0]).replacingOccurrences(of: "+", with: " ")),
                    value: pair.count == 2
                        ? URIEncoding.decode(String(pair[1]).replacingOccurrences(of: "+", with: " ")) : "")
            }
        }
        if let acl = request.header("x-amz-acl") {
            guard let canned = S3CannedAccessControlList(rawValue: acl) else {
                throw APIError(400, "InvalidArgument", "x-amz-acl: '\(acl)' is not a canned ACL")
            }
            a.acl = ObjectACL(canned: canned)
        }
        if let sse = request.header("x-amz-server-side-encryption") {
            a.serverSideEncryption = ServerSideEncryption(
                algorithm: sse, kmsKeyId: request.header("x-amz-server-side-encryption-aws-kms-key-id"),
                bucketKeyEnabled: request.header("x-amz-server-side-encryption-bucket-key-enabled").map {
                    $0 == "true"
                })
        }
        if let algorithm = request.header("x-amz-sdk-checksum-algorithm")
            ?? request.header("x-amz-checksum-algorithm")
        {
            a.checksumAlgorithm = S3ChecksumAlgorithm(rawValue: algorithm.uppercased())
        }
        if let mode = request.header("x-amz-object-lock-mode") {
            guard let value = S3ObjectLockMode(rawValue: mode) else {
                throw APIError(
                    400, "InvalidArgument", "x-amz-object-lock-mode must be GOVERNANCE or COMPLIANCE")
            }
            a.objectLockMode = value
        }
        if let until = request.header("x-amz-object-lock-retain-until-date") {
            guard let date = XMLDecoding.parseDate(until) else {
                throw APIError(
                    400, "InvalidArgument", "x-amz-object-lock-retain-until-date is not an ISO 8601 date")
            }
            a.objectLockRetainUntilDate = date
        }
        if let hold = request.header("x-amz-object-lock-legal-hold") {
            a.objectLockLegalHoldStatus = S3ObjectLockLegalHoldStatus(rawValue: hold)
        }
        return a
    }
}
