public import BopsState

extension Plan {
    /// Reads a plan file written by ``write(to:)``. A file of another major format version than
    /// ``formatVersion`` is refused with ``PlanFileError/unsupportedFormat(path:found:expected:)``.
    public static func read(from path: String) throws(PlanFileError) -> Plan {
        try PlanFile.read(Plan.self, from: path, formatVersion: formatVersion)
    }

    /// Saves the plan atomically for `bops apply FILE`.
    public func write(to path: String) throws(PlanFileError) {
        try PlanFile.write(self, to: path)
    }
}
