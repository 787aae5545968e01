import BopsJobs

/// Typed access to HTTP headers (names case-insensitive), with errors naming the header.
struct HeaderReader {
    let headers: [HTTPField]
    let operation: String
    let isRequest: Bool

    func string(_ name: String) -> String? { headers.value(named: name) }

    /// The header `name` read as `V`; `nil` when absent.
    func value<V: XMLScalar>(_ name: String, _ type: V.Type = V.self) throws(AWSShapeError) -> V? {
        guard let text = string(name) else { return nil }
        guard let value = V(xmlText: text) else {
            throw AWSShapeError(
                operation: operation, path: name, message: "expected \(V.xmlExpected), found '\(text)'",
                isRequest: isRequest)
        }
        return value
    }

    /// `x-amz-meta-*` headers by lowercased name without the prefix.
    var userMetadata: [String: String] {
        var user: [String: String] = [:]
        for field in headers where field.name.lowercased().hasPrefix("x-amz-meta-") {
            user[String(field.name.lowercased().dropFirst("x-amz-meta-".count))] = field.value
        }
        return user
    }

    /// The first `x-amz-checksum-<algorithm>` header.
    var checksum: ObjectChecksum? {
        for algorithm in S3ChecksumAlgorithm.allCases {
            if let value = string(S3Responses.checksumHeader(algorithm)) {
                return ObjectChecksum(algorithm: algorithm, value: value)
            }
        }
        return nil
    }
}
