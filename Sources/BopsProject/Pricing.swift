public import BopsCost
public import BopsDiagnostics
import FoundationEssentials

extension ProjectConfig {
    /// The price table of this project's estimates: the file `pricing.file` names (relative to
    /// the project root), else the built-in one. A file that cannot be read or is not a price
    /// table is an error at its line and column (or at `pricing.file` in bops.yaml).
    public func priceTable() throws(Diagnostics) -> PriceTable {
        guard let file = pricingFile else { return .builtIn() }
        let path = resolve(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostics([
                .error(
                    "the price table \(file) (pricing.file) cannot be read", at: pricingFileRange,
                    hint: "paths are relative to bops.yaml; copy pricing/aws.json to start one")
            ])
        }
        return try PriceTable.read([UInt8](data), file: file)
    }
}
