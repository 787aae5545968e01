import BopsEncoding
import BopsSigV4

/// A request IAM refuses before acting: a 400 answer with IAM's code (`ValidationError`,
/// `InvalidAction`, `MissingAction`, `MalformedQueryString`, `InvalidParameterValue`) and a
/// message worded as IAM words it.
public struct IAMRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var status: Int { 400 }

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// `1 validation error detected: Value null at 'roleName' failed to satisfy constraint: ...`.
    static func validation(_ member: String, value: String?, _ constraint: String) -> IAMRequestError {
        let shown = value.map { "'\($0)'" } ?? "null"
        return IAMRequestError(
            "ValidationError",
            "1 validation error detected: Value \(shown) at '\(lowerCamel(member))' failed to satisfy "
                + "constraint: \(constraint)")
    }

    /// `RoleName` -> `roleName`, `ContextEntries.member.1.ContextKeyName` ->
    /// `contextEntries.member.1.contextKeyName` (IAM's spelling of member paths in messages).
    static func lowerCamel(_ path: String) -> String {
        path.split(separator: ".", omittingEmptySubsequences: false).map { part in
            guard let first = part.first, first.isUppercase else { return String(part) }
            return first.lowercased() + part.dropFirst()
        }.joined(separator: ".")
    }
}

/// The members of a query-protocol form body, decoded (`+` as a space, `%XX` escapes), read under
/// a prefix (`""` for the request, `ContextEntries.member.1.` for a list item).
///
/// Invariants: a name given twice keeps its first value; a list is read from `Name.member.N` with
/// `N` exactly `1...count` (a gap is a `ValidationError`), `Name=` alone is an empty list.
struct QueryFormReader {
    let values: [String: String]
    let prefix: String

    init(values: [String: String], prefix: String = "") {
        self.values = values
        self.prefix = prefix
    }

    /// Decodes `body`; a malformed escape or bytes that are not UTF-8 are `MalformedQueryString`.
    init(body: [UInt8]) throws(IAMRequestError) {
        var values: [String: String] = [:]
        for item in body.split(separator: UInt8(ascii: "&")) where !item.isEmpty {
            let pair = item.split(
                separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(decoding: pair[0], as: UTF8.self)
            let rawValue = pair.count == 2 ? String(decoding: pair[1], as: UTF8.self) : ""
            guard String(validating: item, as: UTF8.self) != nil,
                let name = URIEncoding.decodeIfValid(rawName, plusIsSpace: true),
                let value = URIEncoding.decodeIfValid(rawValue, plusIsSpace: true)
            else {
                throw IAMRequestError(
                    "MalformedQueryString",
                    "The parameter '\(rawName.prefix(64))' is not a valid percent-encoded UTF-8 form field")
            }
            if values[name] == nil { values[name] = value }
        }
        self.init(values: values)
    }

    func string(_ member: String) -> String? { values[prefix + member] }

    func required(_ member: String) throws(IAMRequestError) -> String {
        guard let value = string(member) else {
            throw .validation(prefix + member, value: nil, "Member must not be null")
        }
        return value
    }

    /// An integer member within `range`.
    func int(_ member: String, in range: ClosedRange<Int>) throws(IAMRequestError) -> Int? {
        guard let text = string(member) else { return nil }
        guard let value = Int(text) else {
            throw .validation(prefix + member, value: text, "Member must be a number")
        }
        guard range.contains(value) else {
            throw .validation(
                prefix + member, value: text,
                "Member must have value between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// The item numbers of the list `member` (`1...count`), or `nil` when the list is absent.
    private func indices(_ member: String) throws(IAMRequestError) -> Int? {
        let head = prefix + member + ".member."
        var numbers = Set<Int>()
        for name in values.keys where name.hasPrefix(head) {
            let rest = name.dropFirst(head.count)
            let digits = rest.prefix { $0 != "." }
            guard let number = Int(digits), number >= 1, String(number) == digits else {
                throw .validation(name, value: nil, "Member must be numbered 1, 2, 3, ...")
            }
            numbers.insert(number)
        }
        if numbers.isEmpty { return values[prefix + member] != nil ? 0 : nil }
        guard numbers.max() == numbers.count else {
            let missing = (1...numbers.count).first { !numbers.contains($0) } ?? numbers.count
            throw .validation(
                "\(head)\(missing)", value: nil,
                "Member must be present (the list has items up to \(numbers.max() ?? 0))")
        }
        return numbers.count
    }

    /// A list of strings (`ActionNames.member.N`).
    func list(_ member: String) throws(IAMRequestError) -> [String]? {
        guard let count = try indices(member) else { return nil }
        guard count > 0 else { return [] }
        var items: [String] = []
        for number in 1...count {
            let name = "\(prefix)\(member).member.\(number)"
            guard let value = values[name] else {
                throw .validation(name, value: nil, "Member must be a string")
            }
            items.append(value)
        }
        return items
    }

    /// A list of structures (`ContextEntries.member.N.*`), one reader per item.
    func structures(_ member: String) throws(IAMRequestError) -> [QueryFormReader]? {
        guard let count = try indices(member) else { return nil }
        guard count > 0 else { return [] }
        return (1...count).map { QueryFormReader(values: values, prefix: "\(prefix)\(member).member.\($0).") }
    }
}
