import RiskflowCore
import RiskflowSignals

/// What `riskflow report` shows, computed once by ``ReportJob``: the terminal summary,
/// the JSON and the HTML report all render this value and compute nothing themselves.
///
/// JSON (a public interface): `as_of, russell2000, coverage, signals, round_number,
/// first_close_above, lead_lag, stale_inputs, inputs_as_of, track_record` (and `html_path`
/// once the HTML is written). The chart
/// data (``charts``), the coverage groups and the parameters are for the HTML and the
/// terminal and are not part of the JSON.
public struct ReportResult: Sendable, Encodable {
    /// The day the report was computed as of (only data known by then).
    public var asOf: Day
    /// The Russell 2000's last close, all-time closing high, distance and YTD return.
    public var russell2000: PriceSummary?
    /// Coverage of every stored series, by kind (``SeriesKind/displayOrder``) then id.
    public var coverage: [CoverageRow]
    /// The coverage summed up per kind, in display order; every kind present is listed.
    public var coverageByKind: [CoverageGroup]
    /// Today's signals.
    public var signals: SignalsSummary?
    /// The commentary's round number (2,600), the first close above it and that close.
    public var roundNumber: Double?
    public var firstCloseAbove: Day?
    public var firstCloseAboveLevel: Double?
    /// Lead-lag headlines: the smallest Granger p over lags 1…4, weekly, both ways.
    public var leadLag: [LeadLagHeadline]
    /// The claims C1–C8 against the data (the report's headline), with the commentary's
    /// own call and the event study of the qualified breakouts.
    public var scorecard: ScorecardResult?
    /// The monitor's inputs (the series the signals read) whose last observation is older
    /// than their calendar allows on the reference day (today, or the as-of day): each
    /// with its last day and age. Empty when every input is fresh.
    public var staleInputs: [Freshness]
    /// The as-of day of each input group (prices, liquidity, rates, crypto, rankings).
    public var inputsAsOf: [InputGroupAsOf] = []
    /// The calls ledger's track record as known on ``asOf`` (`riskflow calls`): read from
    /// the store beside the job (the ledger is not market data), `null` when not read.
    @NullEncoded public var trackRecord: CallTrackRecord? = nil
    /// The ledger itself (its calls and latest scores), for the HTML; not in the JSON.
    public var ledger: CallLedgerReport?
    /// The HTML report written, if any (set by the command after writing it).
    public var htmlPath: String?
    /// The series and analyses the HTML draws.
    public var charts: ReportCharts
    /// The parameters the report used.
    public var parameters: ReportParameters

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case russell2000
        case coverage
        case signals
        case roundNumber = "round_number"
        case firstCloseAbove = "first_close_above"
        case leadLag = "lead_lag"
        case scorecard
        case staleInputs = "stale_inputs"
        case inputsAsOf = "inputs_as_of"
        case trackRecord = "track_record"
        case htmlPath = "html_path"
    }
}

/// One series' coverage in the report.
public struct CoverageRow: Sendable, Codable, Equatable {
    public var id: String
    public var kind: SeriesKind
    public var first: Day?
    public var last: Day?
    public var rows: Int

    public init(id: String, kind: SeriesKind, first: Day?, last: Day?, rows: Int) {
        self.id = id
        self.kind = kind
        self.first = first
        self.last = last
        self.rows = rows
    }
}

/// The series of one kind: how many, their ids, and the span they cover together.
public struct CoverageGroup: Sendable, Equatable {
    public var kind: SeriesKind
    public var ids: [String]
    public var first: Day?
    public var last: Day?
}

/// The signals section of the report: one line or two per signal.
public struct SignalsSummary: Sendable, Codable, Equatable {
    /// The most recent break of the all-time high and how it qualified.
    public var latestBreakout: Breakout?
    /// The breakout rule's inputs on the as-of day.
    public var breakoutToday: BreakoutConditions? = nil
    public var breakoutsTotal: Int
    public var breakoutsQualified: Int
    public var liquidity: LiquidityRow?
    public var stage: StageDay?
    public var altSeason: AltSeasonDay?
    public var supercycle: SupercycleReport?
    /// The parameters every signal used.
    public var config: SignalConfig

    public init(
        latestBreakout: Breakout?, breakoutsTotal: Int, breakoutsQualified: Int, liquidity: LiquidityRow?,
        stage: StageDay?, altSeason: AltSeasonDay?, supercycle: SupercycleReport?, config: SignalConfig
    ) {
        self.latestBreakout = latestBreakout
        self.breakoutsTotal = breakoutsTotal
        self.breakoutsQualified = breakoutsQualified
        self.liquidity = liquidity
        self.stage = stage
        self.altSeason = altSeason
        self.supercycle = supercycle
        self.config = config
    }

    enum CodingKeys: String, CodingKey {
        case latestBreakout = "latest_breakout"
        case breakoutToday = "breakout_today"
        case breakoutsTotal = "breakouts_total"
        case breakoutsQualified = "breakouts_qualified"
        case liquidity
        case stage
        case altSeason = "alt_season"
        case supercycle
        case config
    }
}

/// One lead-lag headline of the report: the smallest Granger p over the lags each way.
public struct LeadLagHeadline: Sendable, Codable, Equatable {
    public var x: String
    public var y: String
    public var n: Int
    public var pXToY: Double
    public var lagXToY: Int
    public var pYToX: Double
    public var lagYToX: Int

    public init(_ r: LeadLagResult) {
        x = r.x
        y = r.y
        n = r.n
        let f = r.granger.filter { $0.cause == r.x }.min { $0.p < $1.p }
        let b = r.granger.filter { $0.cause == r.y }.min { $0.p < $1.p }
        pXToY = f?.p ?? .nan
        lagXToY = f?.lag ?? 0
        pYToX = b?.p ?? .nan
        lagYToX = b?.lag ?? 0
    }

    enum CodingKeys: String, CodingKey {
        case x, y, n
        case pXToY = "p_x_to_y"
        case lagXToY = "lag_x_to_y"
        case pYToX = "p_y_to_x"
        case lagYToX = "lag_y_to_x"
    }
}

/// The data the HTML report draws, computed by ``ReportJob``.
public struct ReportCharts: Sendable {
    /// The breakout index's closes and its running all-time closing high (same rows).
    public var index: Series
    public var allTimeHigh: [Double]
    /// Every break of the high, and what each follower did after it (same order).
    public var breakouts: [Breakout]
    public var aftermath: [BreakoutAftermath]
    /// ETH, BTC (as named in the parameters) and the alt basket.
    public var ethereum: Series?
    public var bitcoin: Series?
    public var altBasket: Series?
    public var liquidity: LiquidityReport?
    public var stage: StageReport?
    public var altSeason: AltSeasonReport?
    /// Runs of days whose alt season index rests on fewer than 20 altcoins.
    public var altSeasonThin: [DaySpan]
    /// The index against ETH, weekly, with rolling windows.
    public var leadLag: LeadLagResult?
    /// The backtests: the thesis trade, the sweep and the walk-forward.
    public var backtests: ReportBacktests?
}

/// The report's backtest section: the thesis strategy (buy after each qualified breakout,
/// hold 90 days, default costs) on ETH and the alt basket against buy-and-hold, the
/// `new-high` sweep on ETH with its DSR and PBO, and the walk-forward on ETH.
public struct ReportBacktests: Sendable {
    public struct Thesis: Sendable {
        public var result: BacktestResult
        /// Buy-and-hold of the instrument from 100 on the same rows, and both drawdowns.
        public var buyAndHold: [Double]
        public var drawdown: [Double]
        public var buyAndHoldDrawdown: [Double]
    }
    public var thesis: [Thesis]
    public var sweep: SweepResult?
    public var walkForward: WalkForwardResult?
    /// Buy-and-hold from 100 over the walk-forward's out-of-sample rows.
    public var walkForwardBuyAndHold: [Double]
}

/// A run of days, first and last included.
public struct DaySpan: Sendable, Equatable {
    public var from: Day
    public var to: Day
}

/// What the followers did after one breakout: plain returns from its signal date (the
/// break date when there is none) over each horizon, entry and exit on the first close
/// on or after each date (``Series/forwardReturn(from:calendarDays:)``); `nil` where the
/// follower did not exist yet or the window runs past the data.
public struct BreakoutAftermath: Sendable, Equatable {
    public var start: Day
    /// `returns[f][h]`: follower `f` of ``ReportParameters/aftermathFollowers`` over
    /// horizon `h` of ``ReportParameters/horizons``.
    public var returns: [[Double?]]
}
