extension PriceTable {
    /// The table bops ships (`pricing/aws.json`, embedded at build time).
    public static func builtIn() -> PriceTable {
        // The embedded text is the repository's file; BopsCostTests reads it and fails on any problem.
        (try? read(Array(EmbeddedPrices.text.utf8), file: EmbeddedPrices.path))
            ?? PriceTable(
                name: "none", currency: "USD", source: "", readOn: "", file: EmbeddedPrices.path, regions: [:]
            )
    }
}
