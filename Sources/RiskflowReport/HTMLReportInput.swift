import RiskflowCore
import RiskflowResearch
import RiskflowSignals

/// Everything the HTML report shows, computed elsewhere (pure values in, text out).
public struct HTMLReportInput: Sendable {
    public var summary: SummaryReport
    public var rut: Series
    public var breakouts: [Breakout]
    public var eth: Series?
    public var btc: Series?
    public var alts: Series?
    public var liquidity: LiquidityReport?
    public var stage: StageReport?
    public var altSeason: AltSeasonReport?
    public var leadLag: LeadLagResult?
    public var supercycle: SupercycleReport?
    /// The round number the commentary names (2,600) and the first close above it.
    public var roundNumber: Double
    public var firstAbove: (day: Day, close: Double)?
    /// The sources of the data, one line per series group.
    public var sources: [String]
    public var version: String

    public init(
        summary: SummaryReport, rut: Series, breakouts: [Breakout], eth: Series?, btc: Series?, alts: Series?,
        liquidity: LiquidityReport?, stage: StageReport?, altSeason: AltSeasonReport?, leadLag: LeadLagResult?,
        supercycle: SupercycleReport?, roundNumber: Double, sources: [String], version: String
    ) {
        self.summary = summary
        self.rut = rut
        self.breakouts = breakouts
        self.eth = eth
        self.btc = btc
        self.alts = alts
        self.liquidity = liquidity
        self.stage = stage
        self.altSeason = altSeason
        self.leadLag = leadLag
        self.supercycle = supercycle
        self.roundNumber = roundNumber
        self.sources = sources
        self.version = version
        if let i = rut.values.firstIndex(where: { $0 > roundNumber }) { firstAbove = (rut.days[i], rut.values[i]) }
    }
}
