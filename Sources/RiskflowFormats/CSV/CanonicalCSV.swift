import RiskflowCore

/// Writes the canonical CSV format, next to its reader (``CSVFormat/canonical``): what
/// `data show --format csv` prints and `data import` reads back to the identical series.
public enum CanonicalCSV {
    /// Canonical CSV that `data import` reads back to the identical series:
    /// `date,value` for values (macro series), else
    /// `date,open,high,low,close,volume[,market_cap]` with empty fields for missing
    /// values and numbers in shortest round-trip form.
    public static func render(_ bars: Bars, holdsValues: Bool) -> String {
        if holdsValues {
            var out = "date,value\n"
            out.reserveCapacity(bars.count * 20)
            for i in 0..<bars.count { out += "\(bars.days[i].iso),\(exact(bars.close[i]))\n" }
            return out
        }
        let withCap = bars.marketCap.contains { !$0.isNaN }
        var out = withCap ? "date,open,high,low,close,volume,market_cap\n" : "date,open,high,low,close,volume\n"
        out.reserveCapacity(bars.count * 64)
        for i in 0..<bars.count {
            out += bars.days[i].iso
            for v in [bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]] {
                out += ","
                out += exact(v)
            }
            if withCap {
                out += ","
                out += exact(bars.marketCap[i])
            }
            out += "\n"
        }
        return out
    }


    /// The shortest text that reads back as the same `Double` (`"168.97"`, `"74800"`);
    /// empty for `NaN` (a missing value).
    public static func exact(_ x: Double) -> String {
        if x.isNaN { return "" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
