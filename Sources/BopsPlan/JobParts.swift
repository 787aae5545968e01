extension JobIdentity {
    /// The job name of part `index` (0-based) of a split spec: `NAME#0001`. `#` cannot occur in a
    /// spec name, so a part name never collides with a spec's.
    public static func partName(_ spec: String, _ index: Int) -> String {
        let n = String(index + 1)
        return spec + "#" + String(repeating: "0", count: max(0, 4 - n.count)) + n
    }

    /// The spec a job name belongs to: `NAME` for `NAME#0001` and for `NAME`.
    public static func spec(ofJob name: String) -> String {
        name.split(separator: "#", maxSplits: 1).first.map(String.init) ?? name
    }
}
