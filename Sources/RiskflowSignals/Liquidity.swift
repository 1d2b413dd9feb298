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
    /// Components left out of the day's sum because their last value was stale
    /// (``SignalConfig/StalenessConfig``): only the reverse repo can be, as FRED lists no
    /// value on days without operations ("RRPONTSYD excluded: last value 2004-01-09");
    /// a stale WALCL or WTREGEN leaves the day without a row.
    public var excluded: [String] = []

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
        case excluded
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
    /// The components stale on the as-of day ("WALCL excluded: last value 2026-08-19");
    /// when Fed assets or the TGA is among them the last row is older than the as-of day.
    public var staleOnAsOf: [String] = []

    public var current: LiquidityRow? { rows.last }
}

/// Net liquidity = WALCL − WTREGEN − RRPONTSYD in billions of USD, each value as known
/// on the day (its publication day ≤ the day: the Wednesday H.4.1 levels count from
/// Thursday). Rows every Thursday from the first day all three are known, plus the
/// as-of day. Changes compare with the values known 28 and 91 days earlier. The 13-week
/// change is z-scored against the trailing 156 weekly rows (inclusive, ddof 1):
/// above +0.5 expanding, below −0.5 contracting, else neutral.
/// **Stale components** (``SignalConfig/StalenessConfig``, point in time): on a day when
/// WALCL's or WTREGEN's last known value is more than 3 weeks old, net liquidity has no
/// value that day (the row is left out); a reverse-repo value more than 10 sessions old
/// is left out of the sum (FRED lists no value on days without operations) and named in
/// the row's `excluded`.
public enum LiquidityModel {
    public static func compute(
        _ data: MarketData, config c: SignalConfig.LiquidityConfig, staleness: SignalConfig.StalenessConfig = .init()
    ) throws -> LiquidityReport {
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
        /// Each day's known value (`NaN` when none or stale) and, for stale ones, the note.
        func known(_ b: Bars, _ days: [Day], _ f: Double) -> (values: [Double], stale: [String?]) {
            let index = PointInTime.knownIndex(b, on: days)
            var values = [Double](repeating: .nan, count: days.count)
            var stale = [String?](repeating: nil, count: days.count)
            for (k, i) in index.enumerated() where i >= 0 {
                if Staleness.isStale(b.days[i], on: days[k], calendar: b.calendar, config: staleness) {
                    stale[k] = Staleness.note(b.id, last: b.days[i])
                } else {
                    values[k] = b.close[i] * f
                }
            }
            return (values, stale)
        }
        /// Net liquidity per day: NaN when assets or the TGA is unknown or stale; a stale
        /// reverse repo is left out of the sum (and named).
        func net(_ days: [Day]) -> (level: [Double], excluded: [[String]], assets: [Double], tga: [Double], rrp: [Double]) {
            let a = known(walcl, days, fw), t = known(tga, days, ft), r = known(rrp, days, fr)
            var level = [Double](repeating: .nan, count: days.count)
            var excluded = [[String]](repeating: [], count: days.count)
            var rr = r.values
            for k in days.indices {
                if let note = r.stale[k] {
                    excluded[k] = [note]
                    rr[k] = 0
                }
                level[k] = a.values[k] - t.values[k] - rr[k]
            }
            return (level, excluded, a.values, t.values, rr)
        }
        let now = net(grid)
        let w = now.assets, t = now.tga, r = now.rrp, level = now.level
        let back4 = net(grid.map { $0 - 28 }).level, back13 = net(grid.map { $0 - 91 }).level
        let hyNow = hy.map { PointInTime.closes($0, on: grid) }
        let hyBack = hy.map { PointInTime.closes($0, on: grid.map { $0 - 91 }) }
        // z of the 13-week change over trailing weekly rows (the as-of row, if extra,
        // uses the window ending at it).
        let change13 = (0..<grid.count).map { level[$0] - back13[$0] }
        var rows: [LiquidityRow] = []
        var changes: [RegimeChange] = []
        for i in 0..<grid.count where level[i].isFinite {
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
            let hyChange: Double? = if let hs, let hb, hs.isFinite, hb.isFinite { hs - hb } else { nil }
            let confirms: Bool? =
                hyChange.flatMap { ch in regime == .expanding ? ch < 0 : regime == .contracting ? ch > 0 : nil }
            let row = LiquidityRow(
                date: grid[i], walcl: w[i], tga: t[i], rrp: r[i], netLiquidity: level[i],
                change4w: c4.isFinite ? c4 : nil, change13w: c13.isFinite ? c13 : nil, z: z, regime: regime,
                hySpread: (hs?.isFinite ?? false) ? hs : nil, hyChange13w: hyChange, creditConfirms: confirms,
                excluded: now.excluded[i])
            if let prev = rows.last, prev.regime != regime {
                changes.append(RegimeChange(date: grid[i], from: prev.regime, to: regime))
            }
            rows.append(row)
        }
        let staleOnAsOf = [walcl, tga, rrp].compactMap { b -> String? in
            let i = b.knownDays.upperBound(of: data.asOf) - 1
            guard i >= 0, Staleness.isStale(b.days[i], on: data.asOf, calendar: b.calendar, config: staleness) else { return nil }
            return Staleness.note(b.id, last: b.days[i])
        }
        return LiquidityReport(
            rows: rows, changes: changes, config: c, staleOnAsOf: staleOnAsOf)
    }
}
