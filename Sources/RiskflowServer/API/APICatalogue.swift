import Foundation
import RiskflowCore
import RiskflowRuntime
import RiskflowStore
import RiskflowReport
import RiskflowResearch
import RiskflowSignals

/// Every `GET /api/v1/…` endpoint. Each answers exactly (parsed-JSON equal) what its
/// command prints with `--format json`, with the command's flags as query parameters
/// (`--max-lag` → `max_lag`) and the same defaults.
public enum APICatalogue {
    public static let endpoints: [APIEndpoint] = [
        report, breakouts, liquidity, stage, altseason, supercycle, leadlag, series, seriesOne, events, scorecard, backtest, calls,
    ]

    static func json<T: Encodable>(_ value: T) throws -> String { try JSONText.encode(value) + "\n" }

    static let window = [APIParameter.from, .to]

    static func dateWindow(_ q: QueryParameters) throws -> DateWindow { DateWindow(from: try q.day("from"), to: try q.day("to")) }

    // MARK: - Monitor

    static let report = APIEndpoint(
        "/api/v1/report", command: "riskflow report --no-html --format json",
        summary: "The report's summary: the Russell 2000, coverage, signals, the round number, lead-lag headlines, the scorecard, stale inputs.",
        parameters: [
            .asOf, APIParameter("symbol", .string, "The Russell 2000 series id.", default: "RUT"),
            roundNumber,
        ]
    ) { q, _, env in
        try json(try await reportResult(q, env))
    }

    /// The report for a query (also the dashboard's and `/report.html`'s source).
    static func reportResult(_ q: QueryParameters, _ env: APIEnvironment) async throws -> ReportResult {
        var parameters = ReportParameters()
        parameters.symbol = try q.string("symbol") ?? "RUT"
        parameters.roundNumber = try q.double(roundNumber) ?? ReportParameters().roundNumber
        parameters.signals = env.signals
        parameters.version = env.version
        let asOf = try q.day("as_of")
        if asOf == nil { parameters.today = env.today() }
        let compute: @Sendable () async throws -> ReportResult = { [parameters] in
            let day: Day
            if let asOf { day = asOf } else { day = try await env.store.latestDay() ?? Day(rawValue: 0) }
            var report = try await env.store.run(ReportJob(parameters: parameters), asOf: day)
            try await report.attachLedger(from: env.store)
            return report
        }
        let key = "\(parameters.symbol)|\(parameters.roundNumber)|\(asOf?.iso ?? "latest")|\(parameters.today?.iso ?? "")"
        if let memo = env.reportMemo { return try await memo(key, compute) }
        return try await compute()
    }

    /// Above 0, as `report --round-number` requires.
    static let roundNumber = APIParameter(ReportParameters.Declared.roundNumber)

    static let breakouts = APIEndpoint(
        "/api/v1/breakouts", command: "riskflow breakouts --format json", summary: "Every break of the all-time closing high, with its qualification.",
        shape: "array",
        parameters: [
            .asOf, .from, .to, APIParameter("symbol", .string, "The price series.", default: "RUT"),
            APIParameter("volume_from", .string, "Volume source when the symbol has none.", default: "IWM"),
            APIParameter("basket", .list, "Participation basket, comma-separated."),
            APIParameter("threshold", .number, "A round-number level; reports whether a break first crossed it."),
        ]
    ) { q, _, env in
        var config = env.signals
        if let s = try q.string("symbol") { config.breakout.symbol = s.uppercased() }
        if let s = try q.string("volume_from") { config.breakout.volumeFrom = s.uppercased() }
        if let b = try q.symbols("basket") { config.breakout.basket = b }
        if let t = try q.double("threshold") { config.breakout.threshold = t }
        return try json(try await env.store.run(BreakoutsJob(config: config, window: try dateWindow(q)), asOf: try await env.asOf(q)))
    }

    static let liquidity = APIEndpoint(
        "/api/v1/liquidity", command: "riskflow liquidity --format json", summary: "Net liquidity (Fed assets − TGA − reverse repo), its changes and regime.",
        shape: "array", parameters: [.asOf] + window
    ) { q, _, env in
        try json(try await env.store.run(LiquidityJob(config: env.signals, window: try dateWindow(q)), asOf: try await env.asOf(q)))
    }

    static let stage = APIEndpoint(
        "/api/v1/stage", command: "riskflow stage --format json", summary: "The risk-curve stage (0–4) with the evidence for each condition, and its history.",
        parameters: [.asOf] + window
    ) { q, _, env in
        try json(try await env.store.run(StageJob(config: env.signals, window: try dateWindow(q)), asOf: try await env.asOf(q)))
    }

    static let altseason = APIEndpoint(
        "/api/v1/altseason", command: "riskflow altseason --format json", summary: "The altcoin season index, now and in history.", shape: "array",
        parameters: [
            .asOf, .from, .to, altTop, altWindow,
        ]
    ) { q, _, env in
        var config = env.signals
        if let top = try q.int(altTop) { config.altseason.top = top }
        if let w = try q.int(altWindow) { config.altseason.window = w }
        return try json(try await env.store.run(AltSeasonJob(config: config, window: try dateWindow(q)), asOf: try await env.asOf(q)))
    }

    static let altTop = APIParameter(SignalConfig.AltSeasonConfig.Declared.top)
    static let altWindow = APIParameter(SignalConfig.AltSeasonConfig.Declared.window)

    static let supercycle = APIEndpoint(
        "/api/v1/supercycle", command: "riskflow supercycle --format json", summary: "Persistence, rotation vs exit, and runway, with historical percentiles.",
        parameters: [.asOf]
    ) { q, _, env in
        try json(try await env.store.run(SupercycleJob(config: env.signals), asOf: try await env.asOf(q)))
    }

    // MARK: - Research

    static let leadlag = APIEndpoint(
        "/api/v1/leadlag", command: "riskflow leadlag --format json",
        summary: "Cross-correlation, Granger causality both ways, VAR lag order and ADF for two series.",
        parameters: [
            .asOf, .from, .to, APIParameter("x", .string, "The candidate leader (a stored series id).", required: true, example: "RUT"),
            APIParameter("y", .string, "The candidate follower.", required: true, example: "ETH"),
            APIParameter("freq", .choice(LeadLagOptions.Frequency.allCases.map(\.rawValue)), "daily or weekly.", default: "daily"),
            maxLag, xcorrLags,
            APIParameter("returns", .choice(ReturnKind.allCases.map(\.rawValue)), "log or simple returns.", default: "log"),
            APIParameter("align", .choice(LeadLagOptions.Alignment.allCases.map(\.rawValue)), "returns or closes.", default: "returns"),
            APIParameter("transform", .choice(LeadLagOptions.Transform.allCases.map(\.rawValue)), "returns, or diff.", default: "returns"),
            rollingWindow, rollingStep,
        ]
    ) { q, _, env in
        var o = LeadLagOptions()
        o.frequency = try q.choice("freq") ?? .daily
        o.returns = try q.choice("returns") ?? .log
        o.align = try q.choice("align") ?? .returns
        o.transform = try q.choice("transform") ?? .returns
        o.maxLag = try q.int(maxLag) ?? o.maxLag
        o.xcorrLags = try q.int(xcorrLags) ?? o.xcorrLags
        o.step = try q.int(rollingStep) ?? o.step
        o.window = try q.int(rollingWindow)
        if let w = o.window, w <= 3 * o.maxLag + 1 {
            throw APIError.inconsistent("window", "\(w) is too short for \(o.maxLag) lags: it must exceed \(3 * o.maxLag + 1)")
        }
        o.from = try q.day("from")
        o.to = try q.day("to")
        // Without as_of the analysis uses everything stored (as `riskflow leadlag` does).
        let job = LeadLagJob(x: try q.required("x"), y: try q.required("y"), options: o)
        return try json(try await env.store.run(job, asOf: try q.day("as_of") ?? .latestPossible))
    }

    static let maxLag = APIParameter(LeadLagOptions.Declared.maxLag)
    static let xcorrLags = APIParameter(LeadLagOptions.Declared.xcorrLags)
    static let rollingWindow = APIParameter(LeadLagOptions.Declared.window)
    static let rollingStep = APIParameter(LeadLagOptions.Declared.step)

    static let series = APIEndpoint(
        "/api/v1/series", command: "riskflow data list --format json",
        summary: "Every stored series and ranking table with unit, calendar, coverage, source, last sync and staleness.", shape: "array",
        parameters: [APIParameter("as_of", .date, "Coverage as published by this day; freshness judged on it (default: everything stored, judged today).")]
    ) { q, _, env in
        try json(try await env.store.dataListRows(asOf: try q.day("as_of"), today: env.today()))
    }

    static let seriesOne = APIEndpoint(
        "/api/v1/series/{id}", command: "riskflow data show ID --format json",
        summary: "The observations of one series (or a ranking table's snapshots) as known on a day.",
        pathParameter: "The series id (see /api/v1/series).",
        parameters: [
            APIParameter("as_of", .date, "Only observations published on or before this day (default: everything stored)."), .from, .to,
        ]
    ) { q, id, env in
        let id = id ?? ""
        let asOf = try q.day("as_of"), from = try q.day("from"), to = try q.day("to")
        if try await env.store.hasRanking(id) {
            var t = try await env.store.ranking(id, asOf: asOf, from: from, to: to)
            if from == nil && to == nil { t = t.lastSnapshot }
            return try json(RankingRendering.document(t, asOf: asOf))
        }
        let info = try await env.store.info(id)
        let bars = try await env.store.bars(id, asOf: asOf, from: from, to: to)
        return try json(BarsRendering.document(bars, kind: info.metadata.kind, asOf: asOf))
    }

    /// The server caps draws at 100,000 a request (the command line allows 10,000,000): one
    /// request must not hold a shared server's cores for minutes.
    static let draws = APIParameter(
        EventStudySettings.Declared.draws, cap: 100_000, capNote: "at most 100,000 a request; the command line allows more")
    static let seed = APIParameter(EventStudySettings.Declared.seed)

    static let events = APIEndpoint(
        "/api/v1/events", command: "riskflow events --format json",
        summary: "Event study: forward returns of ETH, BTC and the alt basket after breakouts (or given dates).",
        parameters: [
            .asOf,
            APIParameter(
                "events", .string, "'breakouts' or comma-separated dates YYYY-MM-DD.", default: "breakouts",
                pattern: "^(?:breakouts|\(APIPattern.list(of: APIPattern.day).dropFirst().dropLast()))$",
                meaning: "'breakouts' or a comma-separated list of dates (YYYY-MM-DD)"),
            APIParameter("symbol", .string, "The index whose breakouts are the events.", default: "RUT"),
            APIParameter("status", .choice(BreakoutSelection.allCases.map(\.rawValue)), "Breakouts taken.", default: "qualified"),
            APIParameter("follower", .list, "Followers, comma-separated; ALTS is the alt basket.", default: "ETH,BTC,ALTS"),
            APIParameter(
                EventStudySettings.Declared.horizons, pattern: APIPattern.list(of: APIPattern.horizonDays),
                meaning: "a comma-separated list of days 1…3650"),
            draws, seed,
        ]
    ) { q, _, env in
        var config = env.signals
        if let s = try q.string("symbol") { config.breakout.symbol = s.uppercased() }
        let status: BreakoutSelection = try q.choice("status") ?? .qualified
        let source: EventSource
        if let e = try q.string("events"), e != "breakouts" {
            guard let days = try q.days("events"), !days.isEmpty else { throw APIError.badParameter("events", "no dates given") }
            source = .dates(days)
        } else {
            source = .breakouts(status)
        }
        var settings = EventStudySettings()
        settings.horizons = try horizons(q)
        settings.draws = try q.int(draws) ?? settings.draws
        settings.seed = try q.uint64("seed") ?? settings.seed
        let followers = try q.symbols("follower") ?? ["ETH", "BTC", "ALTS"]
        let job = EventsJob(config: config, source: source, followers: followers, settings: settings)
        return try json(try await env.store.run(job, asOf: try await env.asOf(q)))
    }

    static func horizons(_ q: QueryParameters) throws -> [Int] {
        guard let text = try q.string("horizons") else { return EventStudySettings.Declared.horizons.defaultValue }
        switch EventStudySettings.Declared.parseHorizons(text) {
        case .success(let hs): return hs
        case .failure(let e): throw APIError.badParameter("horizons", e.message)
        }
    }

    static let scorecard = APIEndpoint(
        "/api/v1/scorecard", command: "riskflow scorecard --format json",
        summary: "The commentary's claims C1–C8 against the data: bottom line, Holm family, precedents, the call and the claims with effects, power, robustness and verdicts.", shape: "object",
        parameters: [.asOf, draws, seed]
    ) { q, _, env in
        var p = ScorecardParameters()
        p.signals = env.signals
        p.draws = try q.int(draws) ?? p.draws
        p.seed = try q.uint64("seed") ?? p.seed
        var result = try await env.store.run(ScorecardJob(parameters: p), asOf: try await env.asOf(q))
        try await result.attachLedger(from: env.store)
        return try json(result)
    }

    static let calls = APIEndpoint(
        "/api/v1/calls", command: "riskflow calls --format json",
        summary: "The calls ledger: every call frozen when made (riskflow's signals, live or replayed, and external calls), its scores, and the track record per kind, source, origin, follower and horizon.",
        parameters: [.asOf]
    ) { q, _, env in
        try json(try await CallLedgerReport.stored(in: env.store, asOf: try await env.asOf(q)))
    }

    static let strategies = ["breakout-hold", "stage", "liquidity", "new-high", "dates"]

    static let backtest = APIEndpoint(
        "/api/v1/backtest", command: "riskflow backtest --format json",
        summary: "Backtest a strategy on one instrument: next-row fills, costs, metrics against buy-and-hold.",
        parameters: [
            .asOf, .from, .to, APIParameter("strategy", .choice(strategies), "The strategy.", required: true),
            APIParameter("symbol", .string, "The traded instrument (ETH, BTC, ALTS or any stored series).", default: "ETH"),
            APIParameter("signal", .string, "breakout-hold: the index whose qualified breakouts are the signals.", default: "RUT"),
            hold, minStage, lookback,
            APIParameter("entries", .dates, "dates: entry signal days, comma-separated."),
            APIParameter("exits", .dates, "dates: exit signal days, comma-separated."),
            feesBP, slippageBP,
            APIParameter("fill", .choice(FillPrice.allCases.map(\.rawValue)), "Fill at the close or the open of the fill row.", default: "close"),
            periods,
            APIParameter("equity", .boolean, "Include the daily value curve.", default: "false"),
        ]
    ) { q, _, env in
        let name = try q.required("strategy")
        // Every flag is checked whatever the strategy, as the command does.
        let hold = try q.int(hold)
        let minStage = try q.int(minStage) ?? BacktestStrategy.Declared.minStage.defaultValue
        let lookback = try q.int(lookback) ?? BacktestStrategy.Declared.lookback.defaultValue
        let entries = try q.days("entries") ?? [], exits = try q.days("exits") ?? []
        let signal = (try q.string("signal") ?? "RUT").uppercased()
        let strategy: BacktestStrategy
        switch name {
        case "breakout-hold": strategy = .breakoutHold(signal: signal, holdDays: hold ?? 90)
        case "stage": strategy = .stage(minStage: minStage)
        case "liquidity": strategy = .liquidity
        case "new-high": strategy = .newHigh(lookback: lookback, holdRows: hold ?? BacktestStrategy.defaultHoldRows)
        case "dates":
            guard !entries.isEmpty else { throw APIError.inconsistent("entries", "required by strategy dates") }
            strategy = .dates(entries: entries, exits: exits)
        default: throw APIError.badParameter("strategy", "'\(name)' is not one of \(strategies.joined(separator: ", "))")
        }
        let costs = Costs(feesBP: try q.double(feesBP) ?? Costs().feesBP, slippageBP: try q.double(slippageBP) ?? Costs().slippageBP)
        let periods = try q.double(periods)
        let job = BacktestJob(
            symbol: try q.string("symbol") ?? "ETH", strategy: strategy, config: env.signals, costs: costs, fill: try q.choice("fill") ?? .close,
            window: try dateWindow(q), periodsPerYear: periods)
        var result = try await env.store.run(job, asOf: try await env.asOf(q))
        if try q.bool("equity") == true { result.equityOutput = result.equity }
        return try json(result)
    }

    static let hold = APIParameter(BacktestStrategy.Declared.hold)
    static let minStage = APIParameter(BacktestStrategy.Declared.minStage)
    static let lookback = APIParameter(BacktestStrategy.Declared.lookback)
    static let feesBP = APIParameter(Costs.Declared.feesBP)
    static let slippageBP = APIParameter(Costs.Declared.slippageBP)
    static let periods = APIParameter(BacktestStrategy.Declared.periods)
}
