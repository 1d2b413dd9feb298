/// Number formatting for tables (JSON and CSV keep full precision instead).
public enum NumberText {
    /// Fixed decimals with thousands separators: `grouped(2467.7, decimals: 2)` is
    /// `"2,467.70"`; `"–"` for `NaN`.
    public static func grouped(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : "\(x)" }
        // Beyond 2⁵³ the digits are not exact anyway (and would overflow Int64): plain form.
        var limit = 9e15
        for _ in 0..<decimals { limit /= 10 }
        guard abs(x) < limit else { return "\(x)" }
        let negative = x < 0
        var scaled = abs(x)
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        scaled = (scaled * p).rounded()
        let whole = (scaled / p).rounded(.down)
        let frac = scaled - whole * p
        var digits = String(Int64(whole))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        var s = groups.joined(separator: ",")
        if decimals > 0 {
            var f = String(Int64(frac))
            while f.count < decimals { f = "0" + f }
            s += "." + f
        }
        return (negative ? "-" : "") + s
    }

    /// A fraction as a signed percentage: `percent(0.1234)` is `"+12.34%"`.
    public static func percent(_ x: Double?, decimals: Int = 2) -> String {
        guard let x, x.isFinite else { return "–" }
        return (x >= 0 ? "+" : "") + grouped(x * 100, decimals: decimals) + "%"
    }
}
