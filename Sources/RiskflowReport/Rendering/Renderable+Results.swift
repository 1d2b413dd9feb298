import RiskflowCore
import RiskflowResearch
import RiskflowSignals

// Each job's result value, rendered by the renderers of its own file.

extension ReportResult: Renderable {
    public func table(style: TerminalStyle) -> String { terminal(style: style) }
    public var csv: String { coverageCSV }
}

extension BreakoutsResult: Renderable {
    public func table(style: TerminalStyle) -> String {
        SignalsRendering.breakoutsTable(events, config: config, today: today, style: style)
    }
    public var csv: String { SignalsRendering.breakoutsCSV(events) }
}

extension LiquidityResult: Renderable {
    public func table(style: TerminalStyle) -> String { SignalsRendering.liquidityTable(report, style: style) }
    public var csv: String { SignalsRendering.liquidityCSV(rows) }
}

extension StageReport: Renderable {
    public func table(style: TerminalStyle) -> String { SignalsRendering.stageTable(self, style: style) }
    public var csv: String {
        CSVText.render(header: ["from", "to", "stage"], rows: spells.map { [$0.from.iso, $0.to.iso, String($0.stage)] })
    }
}

extension AltSeasonResult: Renderable {
    public func table(style: TerminalStyle) -> String { SignalsRendering.altSeasonTable(report, style: style) }
    public var csv: String { SignalsRendering.altSeasonCSV(report.days) }
}

/// The supercycle diagnostics with the parameters their table names (the JSON is the
/// report's own).
public struct SupercycleOutput: Renderable, Sendable {
    public var report: SupercycleReport
    public var config: SignalConfig.SupercycleConfig

    public init(_ report: SupercycleReport, config: SignalConfig.SupercycleConfig) {
        self.report = report
        self.config = config
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(report)
    }

    public func table(style: TerminalStyle) -> String { SignalsRendering.supercycleTable(report, config: config, style: style) }

    public var csv: String {
        var rows = report.persistence.map { ["persistence", $0.symbol, String($0.currentRun), $0.percentile.map { "\($0)" } ?? ""] }
        if let r = report.rotation { rows.append(["rotation", r.state.rawValue, String(r.leadershipChanges), r.percentile.map { "\($0)" } ?? ""]) }
        rows += report.runway.map { ["runway", $0.symbol, "\($0.drawdown)", "\($0.percentile)"] }
        return CSVText.render(header: ["diagnostic", "subject", "value", "percentile"], rows: rows)
    }
}

extension LeadLagResult: Renderable {
    public func table(style: TerminalStyle) -> String { LeadLagRendering.table(self, style: style) }
    public var csv: String { LeadLagRendering.csv(self) }
}

extension EventStudyResult: Renderable {
    public func table(style: TerminalStyle) -> String { EventsRendering.table(self, style: style) }
    public var csv: String { EventsRendering.csv(self) }
}

extension ScorecardResult: Renderable {
    public func table(style: TerminalStyle) -> String { ScorecardRendering.table(self, style: style) }
    public var csv: String { ScorecardRendering.csv(self) }
}

extension BacktestResult: Renderable {
    public func table(style: TerminalStyle) -> String { BacktestRendering.table(self, style: style) }
    public var csv: String { BacktestRendering.csv(self) }
}

extension SweepResult: Renderable {
    public func table(style: TerminalStyle) -> String { SweepRendering.table(self, style: style) }
    public var csv: String { SweepRendering.csv(self) }
}

extension WalkForwardResult: Renderable {
    public func table(style: TerminalStyle) -> String { WalkForwardRendering.table(self, style: style) }
    public var csv: String { WalkForwardRendering.csv(self) }
}

/// `data list`: every series and ranking table with its coverage.
public struct SeriesListing: Renderable, Sendable {
    public var rows: [DataListRow]

    public init(_ rows: [DataListRow]) { self.rows = rows }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rows)
    }

    public func table(style: TerminalStyle) -> String { DataListing.table(rows, style: style) }
    public var csv: String { DataListing.csv(rows) }
}

/// `data check`: each series' quality report.
public struct QualityChecks: Renderable, Sendable {
    public var reports: [QualityReport]

    public init(_ reports: [QualityReport]) { self.reports = reports }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(reports)
    }

    public func table(style: TerminalStyle) -> String { QualityRendering.table(reports, style: style) }
    public var csv: String { QualityRendering.csv(reports) }
}

/// `data show` of a ranking table: its snapshots as known on the as-of day.
public struct RankingShowing: Renderable, Sendable {
    public var ranking: RankTable
    public var asOf: Day?

    public init(_ ranking: RankTable, asOf: Day?) {
        self.ranking = ranking
        self.asOf = asOf
    }

    public func encode(to encoder: any Encoder) throws { try RankingRendering.document(ranking, asOf: asOf).encode(to: encoder) }
    public func table(style: TerminalStyle) -> String { RankingRendering.table(ranking, style: style) }
    public var csv: String { RankingRendering.csv(ranking) }
}
