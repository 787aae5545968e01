public import BopsJobs
public import FoundationEssentials

/// GetObject's and HeadObject's request parameters as a server reads them: `Range`, `partNumber`,
/// the four conditional headers, the `response-*` overrides and `x-amz-checksum-mode`.
public struct ObjectReadInput: Sendable, Hashable {
    /// The `Range` header as sent (`nil` when absent).
    public var range: String?
    /// `partNumber` (1...10000).
    public var partNumber: Int?
    public var ifMatch: String?
    public var ifNoneMatch: String?
    public var ifModifiedSince: Date?
    public var ifUnmodifiedSince: Date?
    /// `x-amz-checksum-mode: ENABLED`: the answer carries the object's `x-amz-checksum-*`.
    public var checksumMode = false
    /// The answer headers the `response-*` query parameters replace, by header name.
    public var overrides: [HTTPField] = []

    public init() {}
}

/// What a `Range` header asks of an object of a given size, as S3 answers it.
public enum ByteRangeAnswer: Sendable, Hashable {
    /// The whole object, 200 (no `Range`, or one S3 ignores: several ranges, a malformed value).
    case whole
    /// 206 with `Content-Range: bytes first-last/size`.
    case partial(first: Int64, last: Int64)
    /// 416 `InvalidRange`.
    case unsatisfiable
}

/// What the conditional headers of a read come to (RFC 7232's precedence, as S3 applies it).
public enum ReadCondition: Sendable, Hashable {
    case proceed
    /// 304 Not Modified.
    case notModified
    /// 412 `PreconditionFailed`, naming the header.
    case preconditionFailed(header: String)
}

extension S3Requests {
    /// The `response-*` query parameters and the header each one replaces.
    public static let responseOverrides: [(query: String, header: String)] = [
        ("response-content-type", "Content-Type"), ("response-content-language", "Content-Language"),
        ("response-expires", "Expires"), ("response-cache-control", "Cache-Control"),
        ("response-content-disposition", "Content-Disposition"),
        ("response-content-encoding", "Content-Encoding"),
    ]

    /// GetObject's or HeadObject's parameters as a server reads them. A `partNumber` that is not
    /// an integer in 1...10000 throws (S3's 400 `InvalidArgument`); an unreadable date in
    /// `If-Modified-Since` / `If-Unmodified-Since` is ignored, as S3 ignores it.
    public static func readObjectRead(_ request: HTTPRequestParts) throws(AWSShapeError) -> ObjectReadInput {
        var input = ObjectReadInput()
        input.range = request.header("range")
        if let text = request.queryValue("partNumber") {
            guard let number = Int(text), (1...10000).contains(number) else {
                throw AWSShapeError(
                    operation: request.method == "HEAD" ? "HeadObject" : "GetObject", path: "partNumber",
                    message: "Part number must be an integer between 1 and 10000, inclusive", isRequest: true)
            }
            input.partNumber = number
        }
        input.ifMatch = request.header("if-match")
        input.ifNoneMatch = request.header("if-none-match")
        input.ifModifiedSince = request.header("if-modified-since").flatMap(AWSTimestamp.parseHTTPDate)
        input.ifUnmodifiedSince = request.header("if-unmodified-since").flatMap(AWSTimestamp.parseHTTPDate)
        input.checksumMode = request.header("x-amz-checksum-mode")?.uppercased() == "ENABLED"
        for (query, header) in responseOverrides {
            if let value = request.queryValue(query) { input.overrides.append(HTTPField(header, value)) }
        }
        return input
    }

    /// What `range` asks of an object of `size` bytes: one `bytes=first-last`, `bytes=first-` or
    /// `bytes=-suffix` range; a last byte past the end is the end. A value with several ranges or
    /// of another form is ignored (the whole object), as S3 does; a first byte at or past the end,
    /// or an empty suffix, is unsatisfiable.
    public static func byteRange(_ range: String?, size: Int64) -> ByteRangeAnswer {
        guard let range else { return .whole }
        let text = range.trimmingWhitespace()
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return .whole }
        let spec = text.dropFirst("bytes=".count)
        guard let dash = spec.firstIndex(of: "-") else { return .whole }
        let firstText = spec[..<dash].trimmingWhitespace()
        let lastText = spec[spec.index(after: dash)...].trimmingWhitespace()
        let digits = { (s: String) in !s.isEmpty && s.allSatisfy(\.isASCII) && s.allSatisfy(\.isNumber) }
        if firstText.isEmpty {
            guard digits(lastText), let suffix = Int64(lastText) else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .partial(first: max(0, size - suffix), last: size - 1)
        }
        guard digits(firstText), let first = Int64(firstText) else { return .whole }
        var last = size - 1
        if !lastText.isEmpty {
            guard digits(lastText), let value = Int64(lastText) else { return .whole }
            guard value >= first else { return .whole }
            last = min(value, size - 1)
        }
        guard first < size else { return .unsatisfiable }
        return .partial(first: first, last: last)
    }

    /// The conditional headers of a read against an object with `eTag` last modified at
    /// `lastModified`, in S3's order: `If-Match` (412 when no listed ETag matches; when it holds,
    /// `If-Unmodified-Since` is not looked at), `If-Unmodified-Since` (412), `If-None-Match` (304
    /// when an ETag matches; when it does not, `If-Modified-Since` is not looked at),
    /// `If-Modified-Since` (304). Dates compare at whole seconds, as HTTP dates carry them.
    public static func readCondition(
        _ input: ObjectReadInput, eTag: String, lastModified: Date
    ) -> ReadCondition {
        let modified = lastModified.timeIntervalSince1970.rounded(.down)
        if let ifMatch = input.ifMatch {
            guard eTagListMatches(ifMatch, eTag) else { return .preconditionFailed(header: "If-Match") }
        } else if let date = input.ifUnmodifiedSince, modified > date.timeIntervalSince1970 {
            return .preconditionFailed(header: "If-Unmodified-Since")
        }
        if let ifNoneMatch = input.ifNoneMatch {
            if eTagListMatches(ifNoneMatch, eTag) { return .notModified }
        } else if let date = input.ifModifiedSince, modified <= date.timeIntervalSince1970 {
            return .notModified
        }
        return .proceed
    }

    /// Whether a comma-separated list of ETags (quoted or not, or `*`) names `eTag`.
    public static func eTagListMatches(_ list: String, _ eTag: String) -> Bool {
        let bare = eTag.trimmingQuotes()
        return list.split(separator: ",").contains { item in
            var value = item.trimmingWhitespace()
            if value.hasPrefix("W/") { value = String(value.dropFirst(2)) }
            return value == "*" || value.trimmingQuotes() == bare
        }
    }
}

extension S3Responses {
    /// The 416 `InvalidRange` extra elements S3 answers with: the range asked for and the size.
    public static func invalidRangeDetails(range: String, size: Int64) -> [(name: String, value: String)] {
        [("RangeRequested", range), ("ActualObjectSize", String(size))]
    }

    /// `Content-Range: bytes first-last/size` of a 206 answer.
    public static func contentRange(first: Int64, last: Int64, size: Int64) -> String {
        "bytes \(first)-\(last)/\(size)"
    }

    /// `headers` with each override replacing (or adding) the header it names.
    public static func applying(_ overrides: [HTTPField], to headers: [HTTPField]) -> [HTTPField] {
        var out = headers
        for field in overrides {
            out.removeAll { $0.name.lowercased() == field.name.lowercased() }
            out.append(field)
        }
        return out
    }
}

/// GetObjectAttributes (`GET /{bucket}/{key}?attributes`): the attributes asked for in
/// `x-amz-object-attributes` (`ETag`, `Checksum`, `ObjectParts`, `StorageClass`, `ObjectSize`).
public enum S3ObjectAttributes {
    public static let names: Set<String> = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"]

    /// The attribute names of the request (comma-separated, one header or several); an unknown
    /// name or none throws (S3's 400 `InvalidArgument`).
    public static func read(_ request: HTTPRequestParts) throws(AWSShapeError) -> Set<String> {
        let values = request.headers.filter { $0.name.lowercased() == "x-amz-object-attributes" }.map(\.value)
        let asked = Set(
            values.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace() }
                .filter { !$0.isEmpty })
        guard !asked.isEmpty, asked.isSubset(of: names) else {
            throw AWSShapeError(
                operation: "GetObjectAttributes", path: "x-amz-object-attributes",
                message: "Invalid attribute name specified: '\(values.joined(separator: ","))'",
                isRequest: true)
        }
        return asked
    }

    /// The `GetObjectAttributesResponse` body for `info` (its ETag without quotes, as S3 writes it).
    public static func body(_ info: ObjectInfo, asked: Set<String>) -> [UInt8] {
        var root = XMLElementNode("GetObjectAttributesResponse")
        if asked.contains("ETag") {
            root.append("ETag", info.eTag.trimmingQuotes())
        }
        if asked.contains("Checksum"), let checksum = info.checksum {
            var element = XMLElementNode("Checksum")
            element.append("Checksum" + checksum.algorithm.rawValue, checksum.value)
            element.append("ChecksumType", checksum.value.contains("-") ? "COMPOSITE" : "FULL_OBJECT")
            root.append(element)
        }
        if asked.contains("ObjectParts"), let parts = info.partSizes {
            var element = XMLElementNode("ObjectParts")
            element.append("PartsCount", String(parts.count))  // TotalPartsCount in the model
            root.append(element)
        }
        if asked.contains("StorageClass") { root.append("StorageClass", info.storageClass.rawValue) }
        if asked.contains("ObjectSize") { root.append("ObjectSize", String(info.size)) }
        return S3Responses.document(root)
    }
}
