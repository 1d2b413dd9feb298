import RiskflowCore
import RiskflowResearch
import RiskflowSignals

/// One series' coverage in the report.
public struct CoverageRow: Sendable, Codable, Equatable {
    public var id: String
    public var kind: String
    public var first: Day?
    public var last: Day?
    public var rows: Int
    public init(id: String, kind: String, first: Day?, last: Day?, rows: Int) {
        self.id = id
        self.kind = kind
        self.first = first
        self.last = last
        self.rows = rows
    }
}

/// What `riskflow report` shows: the data's coverage and the Russell 2000's state.
public struct SummaryReport: Sendable, Codable, Equatable {
    /// The day the report was computed as of (only data known by then).
    public var as_of: Day
    /// The Russell 2000's last close, all-time closing high, distance and YTD return.
    public var russell2000: PriceSummary?
    /// Coverage of every stored series.
    public var coverage: [CoverageRow]
    /// Today's signals (nil where a signal could not be computed).
    public var signals: SignalsSummary?
    /// The commentary's round number (2,600) and the first close above it.
    public var round_number: Double?
    public var first_close_above: Day?
    /// Lead-lag headlines: the smallest Granger p over lags 1…4, weekly, both ways.
    public var lead_lag: [LeadLagHeadline] = []
    /// The HTML report written, if any.
    public var html_path: String?

    public init(as_of: Day, russell2000: PriceSummary?, coverage: [CoverageRow], signals: SignalsSummary? = nil) {
        self.as_of = as_of
        self.russell2000 = russell2000
        self.coverage = coverage
        self.signals = signals
    }

    /// The terminal summary: the Russell 2000 state, then coverage (equities and macro
    /// series one per row; crypto condensed).
    public func terminal(style: TerminalStyle) -> String {
        var out: [String] = []
        out.append(style.bold("riskflow report") + style.dim("  data as of \(as_of.iso)"))
        out.append("")
        if let r = russell2000 {
            out.append(style.bold("Russell 2000 (\(r.id))"))
            let distance =
                r.distanceFromHigh >= 0
                ? style.green("at its all-time closing high") : "\(NumberText.percent(r.distanceFromHigh)) from it"
            out.append("  last close      \(NumberText.grouped(r.lastClose)) on \(r.lastDay.iso)")
            out.append("  all-time high   \(NumberText.grouped(r.allTimeHigh)) on \(r.allTimeHighDay.iso) (\(distance))")
            if let ytd = r.yearToDate, let base = r.yearStartClose, let baseDay = r.yearStartDay {
                let text = NumberText.percent(ytd)
                out.append(
                    "  year to date    \(ytd >= 0 ? style.green(text) : style.red(text)) (from \(NumberText.grouped(base)) on \(baseDay.iso))"
                )
            }
        } else {
            out.append(style.yellow("Russell 2000: no RUT data as of \(as_of.iso)"))
        }
        if let n = round_number {
            let text = first_close_above.map { "first close above \(NumberText.grouped(n, decimals: 0)) on \($0.iso)" }
                ?? "no close above \(NumberText.grouped(n, decimals: 0)) yet"
            out.append("  round number    \(text) (the commentary's January 2026 claim)")
        }
        if let sig = signals {
            out.append("")
            out.append(contentsOf: sig.lines(style: style))
        }
        if !lead_lag.isEmpty {
            out.append("")
            out.append(style.bold("Lead-lag") + style.dim("  weekly log returns, Granger ssr F test, smallest p over lags 1–4"))
            for h in lead_lag {
                let p = { (v: Double, lag: Int) in "p = \(LeadLagRendering.pValue(v)) (lag \(lag))" }
                out.append("  \(h.x) → \(h.y): \(p(h.p_x_to_y, h.lag_x_to_y))   \(h.y) → \(h.x): \(p(h.p_y_to_x, h.lag_y_to_x))   n = \(h.n)")
            }
        }
        out.append("")
        out.append(style.bold("Data") + style.dim("  (riskflow data list for every series)"))
        let order = ["index", "etf", "macro", "crypto"]
        let groups = Dictionary(grouping: coverage, by: \.kind)
        for kind in order {
            guard let g = groups[kind] else { continue }
            let first = g.compactMap(\.first).min()?.iso ?? "–", last = g.compactMap(\.last).max()?.iso ?? "–"
            out.append("  \(kind.padding(toLength: 7, withPad: " ", startingAt: 0)) \(String(g.count).leftPadded(3)) series, \(first) … \(last)")
        }
        if let path = html_path {
            out.append("")
            out.append("HTML report: \(path)")
        }
        return out.joined(separator: "\n")
    }
}

/// One lead-lag headline of the report.
public struct LeadLagHeadline: Sendable, Codable, Equatable {
    public var x: String
    public var y: String
    public var n: Int
    public var p_x_to_y: Double
    public var lag_x_to_y: Int
    public var p_y_to_x: Double
    public var lag_y_to_x: Int

    public init(_ r: LeadLagResult) {
        x = r.x
        y = r.y
        n = r.n
        let f = r.granger.filter { $0.cause == r.x }.min { $0.p < $1.p }
        let b = r.granger.filter { $0.cause == r.y }.min { $0.p < $1.p }
        p_x_to_y = f?.p ?? .nan
        lag_x_to_y = f?.lag ?? 0
        p_y_to_x = b?.p ?? .nan
        lag_y_to_x = b?.lag ?? 0
    }
}

extension String {
    func padding(toLength n: Int, withPad pad: String, startingAt: Int) -> String {
        count >= n ? self : self + String(repeating: pad, count: n - count)
    }

    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
