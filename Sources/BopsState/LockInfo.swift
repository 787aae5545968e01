public import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who holds the state lock: written into the lock so that others can say who to ask.
public struct LockInfo: Codable, Sendable, Hashable {
    public var id: String
    public var operation: String
    /// `user@host`.
    public var who: String
    public var pid: Int32
    public var path: String
    public var created: Date
    /// The bops version of the holder.
    public var version: String
    /// A random value only the holder knows it wrote: a lock found with this token is this holder's
    /// own (a retried create whose first attempt landed), whatever the answer to the retry said.
    public var ownerToken: String?

    public init(operation: String, who: String, path: String, version: String, created: Date, pid: Int32) {
        self.id = UUID().uuidString.lowercased()
        self.operation = operation
        self.who = who
        self.pid = pid
        self.path = path
        self.created = created
        self.version = version
        self.ownerToken = UUID().uuidString.lowercased()
    }

    enum CodingKeys: String, CodingKey {
        case id, operation, who, pid, path, created, version
        case ownerToken = "owner_token"
    }

    /// The lock of this process for `operation`: `user@host` (`$USER`, else the account of this
    /// process), this pid, now (in whole seconds, as the lock file records it).
    public init(operation: String, path: String, version: String) {
        let process = ProcessInfo.processInfo
        self.init(
            operation: operation, who: Self.userName() + "@" + process.hostName, path: path, version: version,
            created: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
            pid: process.processIdentifier)
    }

    private static func userName() -> String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }

    /// `alice@build-1 (pid 4242, `apply`, since 2026-12-01T21:00:00Z, lock id 1b2c...)`.
    public var holderText: String {
        "\(who) (pid \(pid), `\(operation)`, since \(StateJSON.timestamp(created)), lock id \(id))"
    }
}
