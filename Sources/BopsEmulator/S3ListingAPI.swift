import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import FoundationEssentials

/// The object listings: ListObjectsV2, ListObjects (v1) and ListObjectVersions, with S3's
/// delimiter roll-up into common prefixes and its paging.
extension S3API {
    /// The query parameters of a ListObjects (v1) request.
    static let listObjectsV1Parameters: Set<String> = [
        "prefix", "delimiter", "marker", "max-keys", "encoding-type", "x-id",
    ]

    /// One page of a listing: the entries kept, the common prefixes, whether more follow, and the
    /// last key or prefix of the page.
    struct Page<Entry> {
        var entries: [Entry] = []
        var prefixes: [String] = []
        var truncated = false
        var last: String?
        /// Whether `last` is a common prefix (the next page starts after everything under it).
        var lastIsPrefix = false
    }

    /// Rolls `entries` (sorted by key) up by `delimiter` after `prefix` and keeps at most `maxKeys`
    /// entries and prefixes. `maxKeys` 0 is an empty page that is not truncated, as S3 answers it.
    static func page<Entry>(
        _ entries: [Entry], key: (Entry) -> String, prefix: String, delimiter: String?, maxKeys: Int
    ) -> Page<Entry> {
        var page = Page<Entry>()
        guard maxKeys > 0 else { return page }
        for entry in entries {
            let name = key(entry)
            if let delimiter, let range = name.dropFirst(prefix.count).firstRange(of: delimiter) {
                let common = String(name[..<range.upperBound])
                if page.prefixes.last == common { continue }
                if page.entries.count + page.prefixes.count >= maxKeys {
                    page.truncated = true
                    break
                }
                page.prefixes.append(common)
                page.last = common
                page.lastIsPrefix = true
                continue
            }
            if page.entries.count + page.prefixes.count >= maxKeys {
                page.truncated = true
                break
            }
            page.entries.append(entry)
            page.last = name
            page.lastIsPrefix = false
        }
        return page
    }

    /// Whether `key` comes after `marker` in a listing: later in order, and not rolled up into
    /// the common prefix `marker` names.
    static func isAfter(_ key: String, marker: String?, prefix: String, delimiter: String?) -> Bool {
        guard let marker else { return true }
        guard key > marker else { return false }
        if let delimiter, marker.hasSuffix(delimiter), key.hasPrefix(marker), marker.count > prefix.count {
            return false
        }
        return true
    }

    func listObjectsV2(_ request: IncomingRequest, bucket: String) throws -> Answer {
        let info = try requireBucket(bucket)
        let input = try decoded("InvalidArgument") { () throws(AWSShapeError) in
            try S3Requests.readListObjectsV2(request.parts)
        }
        let prefix = input.prefix ?? ""
        let maxKeys = min(input.maxKeys, 1000)
        var after = input.startAfter ?? ""
        if let token = input.continuationToken {
            guard let data = Data(base64Encoded: token), let key = String(data: data, encoding: .utf8) else {
                throw APIError(400, "InvalidArgument", "The continuation token provided is incorrect")
            }
            after = max(after, key)
        }
        let objects = try store.listObjectVersions(bucket: bucket, prefix: prefix.isEmpty ? nil : prefix)
            .filter { $0.isLatest && $0.key > after }
        let page = Self.page(
            objects, key: \.key, prefix: prefix, delimiter: input.delimiter, maxKeys: maxKeys)
        var next: String?
        if page.truncated, let last = page.last {
            // A common prefix is skipped past entirely: continue after its last possible key.
            next = Data((page.lastIsPrefix ? last + "\u{10FFFF}" : last).utf8).base64EncodedString()
        }
        let result = ListObjectsV2Page(
            objects: page.entries, commonPrefixes: page.prefixes, isTruncated: page.truncated,
            nextContinuationToken: next)
        return .xml(
            S3Responses.listObjectsV2Body(
                bucket: bucket, prefix: prefix, delimiter: input.delimiter, maxKeys: maxKeys,
                continuationToken: input.continuationToken, startAfter: input.startAfter,
                urlEncoded: input.urlEncoded, page: result,
                owner: input.fetchOwner ? ObjectSubresourceAPI.owner(of: info) : nil))
    }

    func listObjectsV1(_ request: IncomingRequest, bucket: String) throws -> Answer {
        let info = try requireBucket(bucket)
        var input = try decoded("InvalidArgument") { () throws(AWSShapeError) in
            try S3Requests.readObjectListing(request.parts, versions: false)
        }
        input.maxKeys = min(input.maxKeys, 1000)
        let prefix = input.prefix ?? ""
        let objects = try store.listObjectVersions(bucket: bucket, prefix: prefix.isEmpty ? nil : prefix)
            .filter {
                $0.isLatest
                    && Self.isAfter($0.key, marker: input.marker, prefix: prefix, delimiter: input.delimiter)
            }
        let page = Self.page(
            objects, key: \.key, prefix: prefix, delimiter: input.delimiter, maxKeys: input.maxKeys)
        return .xml(
            S3Responses.listObjectsV1Body(
                bucket: bucket, input: input, objects: page.entries, commonPrefixes: page.prefixes,
                isTruncated: page.truncated, nextMarker: page.last,
                owner: ObjectSubresourceAPI.owner(of: info)))
    }

    func listObjectVersions(_ request: IncomingRequest, bucket: String) throws -> Answer {
        let info = try requireBucket(bucket)
        var input = try decoded("InvalidArgument") { () throws(AWSShapeError) in
            try S3Requests.readObjectListing(request.parts, versions: true)
        }
        input.maxKeys = min(input.maxKeys, 1000)
        let prefix = input.prefix ?? ""
        var entries = try store.listVersionEntries(bucket: bucket, prefix: prefix.isEmpty ? nil : prefix)
        if let marker = input.marker {
            // After key-marker; with version-id-marker, after that version of key-marker.
            var skipping = true
            var passedVersion = false
            entries = entries.filter { entry in
                guard skipping else { return true }
                if entry.info.key == marker, let versionMarker = input.versionIdMarker {
                    if passedVersion {
                        skipping = false
                        return true
                    }
                    if (entry.info.versionId ?? "null") == versionMarker { passedVersion = true }
                    return false
                }
                if Self.isAfter(entry.info.key, marker: marker, prefix: prefix, delimiter: input.delimiter) {
                    skipping = false
                    return true
                }
                return false
            }
        }
        let page = Self.page(
            entries, key: \.info.key, prefix: prefix, delimiter: input.delimiter, maxKeys: input.maxKeys)
        let lastEntry = page.lastIsPrefix ? nil : page.entries.last
        return .xml(
            S3Responses.listObjectVersionsBody(
                bucket: bucket, input: input,
                entries: page.entries.map { ListedVersion(info: $0.info, isDeleteMarker: $0.isDeleteMarker) },
                commonPrefixes: page.prefixes, isTruncated: page.truncated, nextKeyMarker: page.last,
                nextVersionIdMarker: lastEntry.map { $0.info.versionId ?? "null" },
                owner: ObjectSubresourceAPI.owner(of: info)))
    }
}
