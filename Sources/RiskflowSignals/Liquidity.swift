import RiskflowCore
import RiskflowStats

/// One row of the net liquidity history (JSON keys `date, walcl, tga, rrp,
/// net_liquidity, change_4w, change_13w, z, regime` are a public interface). All money
/// values in billions of US dollars.
public struct LiquidityRow: Sendable, Codable, Equatable {
    public enum Regime: String, Sendable, Codable {
        case expanding, neutral, contracting
        /// Not enough history for the z-score.
        case unknown
    }

    public var date: Day
    /// Fed total assets (WALCL, converted from millions).
    public var walcl: Double
    /// Treasury General Account (WTREGEN, converted from millions).
    public var tga: Double
    /// Overnight reverse repo (RRPONTSYD, billions).
    public var rrp: Double
    /// walcl − tga − rrp.
    public var netLiquidity: Double
    @NullEncoded public var change4w: Double? = nil
    @NullEncoded public var change13w: Double? = nil
    /// change_13w z-scored against the trailing 156 weekly values (this one included, ddof 1).
    @NullEncoded public var z: Double? = nil
    public var regime: Regime
    /// High-yield spread (percent) and its 13-week change (percentage points).
    @NullEncoded public var hySpread: Double? = nil
    @NullEncoded public var hyChange13w: Double? = nil
    /// `true` when credit agrees with the regime (spread falling while expanding, rising
    /// while contracting); `nil` when neutral or unknown.
    @NullEncoded public var creditConfirms: Bool? = nil

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case date
        case walcl
        case tga
        case rrp
        case netLiquidity = "net_liquidity"
        case change4w = "change_4w"
        case change13w = "change_13w"
        case z
        case regime
        case hySpread = "hy_spread"
        case hyChange13w = "hy_change_13w"
        case creditConfirms = "credit_confirms"
    }
}

/// A change of regime.
public struct RegimeChange: Sendable, Codable, Equatable {
    public var date: Day
    public var from: LiquidityRow.Regime
    public var to: LiquidityRow.Regime
}

/// Net liquidity and its regime (SPEC §4.2).
public struct LiquidityReport: Sendable, Codable, Equatable {
    /// Weekly rows (each Thursday, the H.4.1 release day) and, last, the as-of day.
    public var rows: [LiquidityRow]
    public var changes: [RegimeChange]
    public var config: SignalConfig.LiquidityConfig

    public var current: LiquidityRow? { rows.last }
}

/// Net liquidity = WALCL − WTREGEN − RRPONTSYD in billions of USD, each value as known
/// on the day (its publication day ≤ the day: the Wednesday H.4.1 levels count from
/// Thursday). Rows every Thursday from the first day all three are known, plus the
/// as-of day. Changes compare with the values known 28 and 91 days earlier. The 13-week
/// change is z-scored against the trailing 156 weekly rows (inclusive, ddof 1):
/// above +0.5 expanding, below −0.5 contracting, else neutral.
public enum LiquidityModel {
    public static func compute(_ data: MarketData, config c: SignalConfig.LiquidityConfig) throws -> LiquidityReport {
        func need(_ id: String) throws -> Bars {
            guard let b = data[id], !b.isEmpty else { throw SignalError(.missingInput, "no data for \(id), needed for net liquidity") }
            return b
        }
        let walcl = try need(c.assets), tga = try need(c.treasuryAccount), rrp = try need(c.reverseRepo)
        let hy = data[c.creditSpread]
        let toBillions = { (b: Bars) throws -> Double in try b.unit.factor(to: .billionsUSD) }
        let fw = try toBillions(walcl), ft = try toBillions(tga), fr = try toBillions(rrp)
        let start = max(walcl.knownDays[0], tga.knownDays[0], rrp.knownDays[0])
        var grid: [Day] = []
        var d = start
        while d.weekday != .thursday { d = d + 1 }
        while d <= data.asOf {
            grid.append(d)
            d = d + 7
        }
        if grid.last != data.asOf && data.asOf >= start { grid.append(data.asOf) }
        func known(_ b: Bars, _ days: [Day], _ f: Double) -> [Double] { PointInTime.closes(b, on: days).map { $0 * f } }
        func net(_ days: [Day]) -> [Double] {
            let a = known(walcl, days, fw), t = known(tga, days, ft), r = known(rrp, days, fr)
            return (0..<days.count).map { a[$0] - t[$0] - r[$0] }
        }
        let w = known(walcl, grid, fw), t = known(tga, grid, ft), r = known(rrp, grid, fr)
        let level = (0..<grid.count).map { w[$0] - t[$0] - r[$0] }
        let back4 = net(grid.map { $0 - 28 }), back13 = net(grid.map { $0 - 91 })
        let hyNow = hy.map { PointInTime.closes($0, on: grid) }
        let hyBack = hy.map { PointInTime.closes($0, on: grid.map { $0 - 91 }) }
        // z of the 13-week change over trailing weekly rows (the as-of row, if extra,
        // uses the window ending at it).
        let change13 = (0..<grid.count).map { level[$0] - back13[$0] }
        var rows: [LiquidityRow] = []
        var changes: [RegimeChange] = []
        for i in 0..<grid.count {
            let c4 = level[i] - back4[i], c13 = change13[i]
            var z: Double? = nil
            if i >= c.zWindowWeeks - 1 {
                let window = Array(change13[(i - c.zWindowWeeks + 1)...i])
                if window.allSatisfy(\.isFinite) {
                    let m = window.reduce(0, +) / Double(window.count)
                    let v = window.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(window.count - 1)
                    if v > 0 { z = (c13 - m) / v.squareRoot() }
                }
            }
            let regime: LiquidityRow.Regime =
                z.map { $0 > c.zThreshold ? .expanding : $0 < -c.zThreshold ? .contracting : .neutral } ?? .unknown
            let hs = hyNow?[i], hb = hyBack?[i]
            let hyChange = (hs?.isFinite ?? false) && (hb?.isFinite ?? false) ? hs! - hb! : nil
            let confirms: Bool? =
                hyChange.flatMap { ch in regime == .expanding ? ch < 0 : regime == .contracting ? ch > 0 : nil }
            let row = LiquidityRow(
                date: grid[i], walcl: w[i], tga: t[i], rrp: r[i], netLiquidity: level[i],
                change4w: c4.isFinite ? c4 : nil, change13w: c13.isFinite ? c13 : nil, z: z, regime: regime,
                hySpread: (hs?.isFinite ?? false) ? hs : nil, hyChange13w: hyChange, creditConfirms: confirms)
            if let prev = rows.last, prev.regime != regime {
                changes.append(RegimeChange(date: grid[i], from: prev.regime, to: regime))
            }
            rows.append(row)
        }
        return LiquidityReport(rows: rows.filter { $0.netLiquidity.isFinite }, changes: changes, config: c)
    }
}
