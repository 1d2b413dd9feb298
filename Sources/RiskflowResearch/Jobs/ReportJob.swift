import RiskflowCore
import RiskflowSignals

/// The parameters of `riskflow report`, each with the default the README states.
public struct ReportParameters: Sendable, Equatable {
    /// The Russell 2000 series summarised at the top.
    public var symbol = "RUT"
    /// The commentary's round number whose first crossing is reported.
    public var roundNumber = Declared.roundNumber.defaultValue
    /// Every signal's parameters (the breakout index is `signals.breakout.symbol`).
    public var signals = SignalConfig()
    /// The crypto followers drawn and tested against the index.
    public var ethereum = "ETH"
    public var bitcoin = "BTC"
    /// Weekly Granger headlines over lags 1…`leadLagMaxLag`, and the rolling windows
    /// (in weeks) of the HTML's lead-lag chart.
    public var leadLagMaxLag = 4
    public var rollingWindow = 104
    public var rollingStep = 4
    /// Calendar-day horizons of the breakout table's forward returns.
    public var horizons = [30, 60, 90]
    /// The scorecard's permutation and bootstrap draws and their seed.
    public var draws = EventStudySettings.Declared.draws.defaultValue
    public var seed = EventStudySettings.Declared.seed.defaultValue
    /// riskflow's version, printed in the HTML.
    public var version = ""
    /// The day freshness is judged against: today for the live monitor (the command's
    /// clock), `nil` for the as-of day (a report of the past judges what was known then).
    public var today: Day? = nil
    /// Where the data came from, one line per group of series.
    public var sources = ReportParameters.bundledSources

    public init() {}

    /// The followers of the breakout table, in column order: ETH, then the alt basket.
    public var aftermathFollowers: [String] { [ethereum, AltBasket.symbol] }

    /// The provenance of the bundled snapshot, in short (the full story is its SOURCES.md).
    public static let bundledSources = [
        "Equities: Yahoo Finance (^RUT, ^GSPC, ^IXIC, ^VIX, ETFs auto-adjusted) and IBKR bars, via public repositories; no licence stated, vendors' terms apply.",
        "Macro: FRED (Federal Reserve H.4.1, H.15, ICE BofA, Chicago Fed) via public repositories.",
        "Crypto: CoinMarketCap, CoinGecko, Coinbase, Binance and Yahoo daily closes via public repositories.",
    ]
}

/// `riskflow report`: the Russell 2000's state, today's signals, the weekly lead-lag
/// headlines, the coverage of the store, and everything the HTML draws, as one value.
///
/// A signal whose inputs are missing is left out (its field is `nil`), never guessed.
/// Cost: every signal once plus two weekly lead-lag analyses (the rolling one in
/// parallel); about 0.1–0.2 s on the bundled data.
public struct ReportJob: Job {
    public var parameters: ReportParameters

    public init(parameters: ReportParameters) { self.parameters = parameters }

    /// The coverage lists every stored series, so the report reads them all.
    public var inputs: DataRequest { .everything }

    public func run(_ data: MarketData) throws -> ReportResult {
        let p = parameters, c = p.signals
        let breakouts = (try? BreakoutDetector.detect(data, config: c.breakout, staleness: c.staleness)) ?? []
        let alt = try? AltSeasonModel.compute(data, config: c.altseason)
        let stage = RiskCurveStage.compute(data, config: c.stage, breakouts: breakouts, altSeason: alt, staleness: c.staleness)
        let basket = AltBasket.build(data, config: c.altseason)
        let index = data.closes(c.breakout.symbol)
        let runway = c.supercycle.runwaySymbols.compactMap { s in s.uppercased() == AltBasket.symbol ? basket : data.closes(s) }
        let supercycle = Supercycle.compute(data, config: c.supercycle, runwaySeries: runway)
        let liquidity = try? LiquidityModel.compute(data, config: c.liquidity, staleness: c.staleness)
        var signals = SignalsSummary(
            latestBreakout: breakouts.last, breakoutsTotal: breakouts.count,
            breakoutsQualified: breakouts.filter { $0.status == .qualified }.count, liquidity: liquidity?.current,
            stage: stage.today, altSeason: alt?.current, supercycle: supercycle, config: c)
        signals.breakoutToday = BreakoutDetector.conditions(data, on: data.asOf, config: c.breakout, staleness: c.staleness)

        let ethereum = data.closes(p.ethereum), bitcoin = data.closes(p.bitcoin)
        var weekly = LeadLagOptions()
        weekly.frequency = .weekly
        weekly.maxLag = p.leadLagMaxLag
        weekly.adf = false  // the report shows no ADF
        var rolling = weekly
        rolling.window = p.rollingWindow
        rolling.step = p.rollingStep
        weekly.xcorrLags = 0
        let leadLag = index.flatMap { i in ethereum.flatMap { try? LeadLag.analyze(x: i, y: $0, options: rolling) } }
        let btcLeadLag = index.flatMap { i in bitcoin.flatMap { try? LeadLag.analyze(x: i, y: $0, options: weekly) } }

        let series = index ?? Series(unchecked: c.breakout.symbol, unit: .indexPoints, calendar: .nyse, days: [], values: [])
        let first = series.values.firstIndex { $0 > p.roundNumber }
        let followers: [Series?] = [ethereum, basket.isEmpty ? nil : basket]
        let aftermath = breakouts.map { b in
            let start = b.signalDate ?? b.breakDate
            return BreakoutAftermath(
                start: start,
                returns: followers.map { f in p.horizons.map { f?.forwardReturn(from: start, calendarDays: $0) } })
        }
        let coverage = Self.coverage(data)
        var sp = ScorecardParameters()
        sp.signals = c
        sp.ethereum = p.ethereum
        sp.bitcoin = p.bitcoin
        sp.roundNumber = p.roundNumber
        sp.draws = p.draws
        sp.seed = p.seed
        let scorecard = try? Scorecard(
            data: data, parameters: sp, breakouts: breakouts, altSeason: .some(alt), basket: .some(basket.isEmpty ? nil : basket)
        ).result()
        return ReportResult(
            asOf: data.asOf, russell2000: data.closes(p.symbol.uppercased()).flatMap(PriceSummary.init),
            coverage: coverage, coverageByKind: Self.groups(coverage), signals: signals, roundNumber: p.roundNumber,
            firstCloseAbove: first.map { series.days[$0] }, firstCloseAboveLevel: first.map { series.values[$0] },
            leadLag: [leadLag, btcLeadLag].compactMap { $0 }.map(LeadLagHeadline.init), scorecard: scorecard,
            staleInputs: Self.staleInputs(data, parameters: p), inputsAsOf: InputsAsOf.compute(data, config: c), htmlPath: nil,
            charts: ReportCharts(
                index: series, allTimeHigh: Self.runningMaximum(series.values), breakouts: breakouts,
                aftermath: aftermath, ethereum: ethereum, bitcoin: bitcoin, altBasket: basket.isEmpty ? nil : basket,
                liquidity: liquidity, stage: stage, altSeason: alt, altSeasonThin: Self.thinSpans(alt?.days ?? []),
                leadLag: leadLag, backtests: Self.backtests(data, basket: basket, parameters: p)),
            parameters: p)
    }

    /// The signals' named inputs (not every altcoin: the alt season reads whatever coins it
    /// finds) that are stale on the reference day.
    static func staleInputs(_ data: MarketData, parameters p: ReportParameters) -> [Freshness] {
        let c = p.signals
        let named = Set(
            [BreakoutsJob(config: c).inputs, LiquidityJob(config: c).inputs, StageJob(config: c).inputs].flatMap(\.symbols)
                + [p.symbol, p.ethereum, p.bitcoin].map { $0.uppercased() })
        let reference = p.today ?? data.asOf
        return named.sorted().compactMap { id -> Freshness? in
            guard let bars = data[id] else { return nil }
            let f = Freshness(id: id, last: bars.days.last, calendar: bars.calendar, reference: reference)
            return f.isStale ? f : nil
        }
    }

    /// Every series in `data`, by kind in display order, then id.
    static func coverage(_ data: MarketData) -> [CoverageRow] {
        let order = Dictionary(uniqueKeysWithValues: SeriesKind.displayOrder.enumerated().map { ($1, $0) })
        return data.symbols.compactMap { id -> CoverageRow? in
            guard let bars = data[id] else { return nil }
            return CoverageRow(
                id: id, kind: data.kinds[id] ?? .index, first: bars.days.first, last: bars.days.last, rows: bars.count)
        }.sorted { (order[$0.kind] ?? 9, $0.id) < (order[$1.kind] ?? 9, $1.id) }
    }

    /// The coverage per kind, every kind that has a series, in display order.
    static func groups(_ coverage: [CoverageRow]) -> [CoverageGroup] {
        SeriesKind.displayOrder.compactMap { kind in
            let rows = coverage.filter { $0.kind == kind }
            guard !rows.isEmpty else { return nil }
            return CoverageGroup(
                kind: kind, ids: rows.map(\.id), first: rows.compactMap(\.first).min(), last: rows.compactMap(\.last).max())
        }
    }

    /// The thesis trade on ETH and the basket, the sweep and the walk-forward on ETH (each
    /// left out when its data is missing).
    static func backtests(_ data: MarketData, basket: Series, parameters p: ReportParameters) -> ReportBacktests? {
        let c = p.signals
        // The basket built once for the report, traded like any series.
        var withBasket = data
        if !basket.isEmpty { withBasket.bars[AltBasket.symbol] = Bars(closes: basket) }
        let thesis = [p.ethereum, AltBasket.symbol].compactMap { symbol -> ReportBacktests.Thesis? in
            let job = BacktestJob(symbol: symbol, strategy: .breakoutHold(signal: c.breakout.symbol, holdDays: 90), config: c)
            guard let r = try? job.run(withBasket), let series = withBasket.closes(symbol) else { return nil }
            let days = r.equity.map(\.date)
            let first = series.days.lowerBound(of: days.first ?? series.days[0])
            let hold = (0..<days.count).map { 100 * series.values[first + $0] / series.values[first] }
            return .init(
                result: r, buyAndHold: hold, drawdown: drawdowns(r.equity.map(\.value)), buyAndHoldDrawdown: drawdowns(hold))
        }
        // One after the other: each spreads its own work over the cores.
        let sweep = try? SweepJob(symbol: p.ethereum, config: c).run(data)
        let walk = try? WalkForwardJob(symbol: p.ethereum, pboBlocks: nil, config: c).run(data)
        var walkHold: [Double] = []
        if let w = walk, let eth = data.closes(p.ethereum), let start = w.equity.first?.date {
            let first = eth.days.lowerBound(of: start)
            walkHold = (0..<w.equity.count).map { 100 * eth.values[first + $0] / eth.values[first] }
        }
        if thesis.isEmpty && sweep == nil && walk == nil { return nil }
        return ReportBacktests(thesis: thesis, sweep: sweep, walkForward: walk, walkForwardBuyAndHold: walkHold)
    }

    /// value / running max − 1.
    static func drawdowns(_ values: [Double]) -> [Double] {
        var peak = -Double.infinity
        return values.map { v in
            peak = max(peak, v)
            return v / peak - 1
        }
    }

    /// Runs of consecutive index days flagged thin.
    static func thinSpans(_ days: [AltSeasonDay]) -> [DaySpan] {
        var spans: [DaySpan] = []
        for d in days where d.thin {
            if let last = spans.last, d.date - last.to <= 1 {
                spans[spans.count - 1].to = d.date
            } else {
                spans.append(DaySpan(from: d.date, to: d.date))
            }
        }
        return spans
    }

    /// max(values[0…i]) for each i.
    static func runningMaximum(_ values: [Double]) -> [Double] {
        var high = -Double.infinity
        return values.map { v in
            high = max(high, v)
            return high
        }
    }
}
