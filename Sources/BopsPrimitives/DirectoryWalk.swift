#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A recursive listing of a folder with `opendir`/`readdir`, for the walks Foundation's
/// `FileManager.enumerator` did: entries come as paths relative to the root, a folder is visited
/// only when `descend` says so, and symbolic links are reported as links, never followed.
///
/// Invariant: an entry that cannot be read (a folder without permission, one removed during the
/// walk) is left out, as the enumerator left it out; the walk itself never fails.
public enum DirectoryWalk {
    /// What an entry is, from `lstat`.
    public enum Kind: Sendable, Equatable { case regular, directory, symbolicLink, other }

    /// One entry: its path relative to the root (`a/b.yaml`), its last component and its kind.
    public struct Entry: Sendable, Equatable {
        public var relative: String
        public var name: String
        public var kind: Kind
    }

    /// Every entry under `root`, parents before their children; `descend(entry)` decides whether a
    /// folder's contents are listed, and `include(entry)` whether the entry itself is returned.
    public static func entries(
        under root: String, descend: (Entry) -> Bool = { _ in true }, include: (Entry) -> Bool = { _ in true }
    ) -> [Entry] {
        var found: [Entry] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            var children: [Entry] = []
            for name in names(in: folder) {
                let path = relative.isEmpty ? name : relative + "/" + name
                children.append(Entry(relative: path, name: name, kind: kind(of: root + "/" + path)))
            }
            for child in children.sorted(by: { $0.name < $1.name }) {
                if include(child) { found.append(child) }
                if child.kind == .directory, descend(child) { pending.append(child.relative) }
            }
        }
        return found
    }

    /// The kind of `path` without following a final symbolic link; nil when it does not exist.
    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    private static func names(in folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
