import RiskflowCore
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
        if let sig = signals {
            out.append("")
            out.append(contentsOf: sig.lines(style: style))
        }
        out.append("")
        out.append(style.bold("Data coverage") + style.dim("  (riskflow data list for every series)"))
        var t = TextTable(columns: [.init("series"), .init("kind"), .init("first"), .init("last"), .init("rows", .right)])
        let crypto = coverage.filter { $0.kind == SeriesKind.crypto.rawValue }
        for row in coverage where row.kind != SeriesKind.crypto.rawValue || ["BTC", "ETH"].contains(row.id) {
            t.rows.append([row.id, row.kind, row.first?.iso ?? "–", row.last?.iso ?? "–", String(row.rows)])
        }
        let others = crypto.filter { !["BTC", "ETH"].contains($0.id) }
        if !others.isEmpty {
            let first = others.compactMap(\.first).min()
            let last = others.compactMap(\.last).max()
            t.rows.append([
                "+\(others.count) altcoins", "crypto", first?.iso ?? "–", last?.iso ?? "–",
                String(others.reduce(0) { $0 + $1.rows }),
            ])
        }
        out.append(t.render(style: style))
        return out.joined(separator: "\n")
    }
}
