import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// Computes the scorecard's claims from one `MarketData` (as of a day). Each claim's test,
/// its smallest effect of interest and its robustness grid are fixed here and in the
/// README; nothing is tuned to make a claim look true or false. Each claim is a
/// ``ScorecardClaim`` in its own file (`Claims/C1.swift` … `C8.swift`); the helpers they
/// share are in `Scorecard+Events.swift` and `Scorecard+Granger.swift`, the commentary's
/// call and the precedents in `Scorecard+Today.swift`; ``VerdictRules`` turns the claims
/// into verdicts.
struct Scorecard {
    let data: MarketData
    let p: ScorecardParameters
    let c: SignalConfig
    let breakouts: [Breakout]
    let qualified: [Day]
    let unconfirmed: [Day]
    let eth: Series?
    let btc: Series?
    let basket: Series?
    let alt: AltSeasonReport?
    /// The alt season days that are not thin (the only ones used as evidence).
    let altDays: [AltSeasonDay]
    /// The breakout rule's grid variants: (label, the breakouts found, their qualified
    /// signal days, their unconfirmed ones).
    let variants: [(label: String, breakouts: [Breakout], qualified: [Day], unconfirmed: [Day])]

    /// - Parameters: the breakouts, alt season and basket when the caller has them already
    ///   (the report), else computed here.
    init(
        data: MarketData, parameters: ScorecardParameters, breakouts known: [Breakout]? = nil,
        altSeason knownAlt: AltSeasonReport?? = nil, basket knownBasket: Series?? = nil
    ) {
        self.data = data
        p = parameters
        c = parameters.signals
        breakouts = known ?? (try? BreakoutDetector.detect(data, config: c.breakout, staleness: c.staleness)) ?? []
        let index = data[c.breakout.symbol]
        qualified = EventsJob.eventDays(breakouts, .qualified, index: index, config: c.breakout)
        unconfirmed = EventsJob.eventDays(breakouts, .unconfirmed, index: index, config: c.breakout)
        eth = data.closes(p.ethereum)
        btc = data.closes(p.bitcoin)
        let config = c
        basket = knownBasket ?? {
            let b = AltBasket.build(data, config: config.altseason)
            return b.isEmpty ? nil : b
        }()
        alt = knownAlt ?? (try? AltSeasonModel.compute(data, config: c.altseason))
        altDays = (alt?.days ?? []).filter { !$0.thin }
        // The grid's breakout rules: base 40/126 sessions, volume ratio 1.0/1.5 (63 and 1.2
        // are the headline's).
        var variants: [(String, [Breakout], [Day], [Day])] = []
        let settings: [(String, (inout SignalConfig.BreakoutConfig) -> Void)] = [
            ("base 40 sessions", { $0.baseSessions = 40 }), ("base 126 sessions", { $0.baseSessions = 126 }),
            ("volume ratio 1.0", { $0.volumeRatio = 1.0 }), ("volume ratio 1.5", { $0.volumeRatio = 1.5 }),
        ]
        for (label, change) in settings {
            var b = config.breakout
            change(&b)
            let found = (try? BreakoutDetector.detect(data, config: b, staleness: config.staleness)) ?? []
            variants.append((
                label, found, EventsJob.eventDays(found, .qualified, index: index, config: b),
                EventsJob.eventDays(found, .unconfirmed, index: index, config: b)))
        }
        self.variants = variants
    }

    var asOf: Day { data.asOf }
    var settings: EventStudySettings {
        var s = EventStudySettings()
        s.horizons = p.horizons
        s.draws = p.draws
        s.seed = p.seed
        return s
    }

    func result() throws -> ScorecardResult {
        let followers: [Series] = [eth, btc, basket].compactMap { $0 }
        let studies = followers.indices.map { k in
            EventStudy.run(events: qualified, follower: followers[k], settings: settings, stream: UInt64(k))
        }
        var draws = DrawSource.local
        let comparison = GroupComparison.compare(
            confirmed: qualified, unconfirmed: unconfirmed, followers: followers, settings: settings, draws: &draws)
        let events = EventStudyResult(
            asOf: asOf, events: studies.flatMap(\.events), horizons: studies.flatMap(\.horizons),
            path: studies.flatMap(\.path), comparison: comparison, studies: studies, eventDays: qualified,
            parameters: EventsParameters(
                job: EventsJob(config: c, source: .breakouts(.qualified), followers: followers.map(\.id), settings: settings)))
        let call = commentaryCall()
        var claims = Self.claims.map { $0.evaluate(self) }
        let family = VerdictRules.decide(&claims)
        let rows = claims.map(\.row)
        let outcome = call.map(callOutcome)
        return ScorecardResult(
            asOf: asOf, bottomLine: ScorecardBottomLine.sentences(rows: rows, call: outcome), family: family,
            precedents: precedents(), call: outcome, rows: rows, commentaryCall: call, events: events, parameters: p)
    }

    // MARK: Building rows

    /// A statistical row (its verdict is decided by ``VerdictRules``).
    func statistical(
        _ id: String, claim: String, test: String, statistic: String, value: Double?, n: Int, p pValue: Double?,
        effect: ScorecardEffect?, command: String, details: ScorecardDetails, note: String = "",
        decidedBy t: StatisticalTest
    ) -> ClaimOutcome {
        ClaimOutcome(
            row: ScorecardRow(
                id: id, claim: claim, test: test, statistic: statistic, value: value, n: n, p: pValue, verdict: .insufficient,
                reason: note, effect: effect, command: command + " --as-of \(asOf.iso)", details: details),
            test: t)
    }

    /// A factual or descriptive row, its verdict decided here.
    func decided(
        _ id: String, claim: String, test: String, statistic: String, value: Double?, n: Int, verdict: Verdict, reason: String,
        command: String, details: ScorecardDetails, subClaims: [ScorecardSubClaim]? = nil
    ) -> ClaimOutcome {
        ClaimOutcome(
            row: ScorecardRow(
                id: id, claim: claim, test: test, statistic: statistic, value: value, n: n, p: nil, verdict: verdict,
                reason: reason, subClaims: subClaims, command: command + " --as-of \(asOf.iso)", details: details),
            test: nil)
    }

    // MARK: Samples of the robustness grid

    /// The sample cells: the full sample, without 2020-02-01 … 2020-06-30 (the Covid crash
    /// and rebound), and each half of the span `first…last` (split at its middle day).
    static func samples(first: Day, last: Day) -> [(label: String, keep: @Sendable (Day) -> Bool)] {
        let covidFrom = Day(rawValue: 18_293), covidTo = Day(rawValue: 18_443)  // 2020-02-01, 2020-06-30
        let middle = first + (last - first) / 2
        return [
            ("full sample", { _ in true }),
            ("without 2020-02-01…2020-06-30", { $0 < covidFrom || $0 > covidTo }),
            ("first half (to \(middle.iso))", { $0 <= middle }),
            ("second half (from \((middle + 1).iso))", { $0 > middle }),
        ]
    }

    /// Mean of a non-empty array.
    static func mean(_ v: [Double]) -> Double? { v.isEmpty ? nil : v.reduce(0, +) / Double(v.count) }

    /// Sample standard deviation (ddof 1), `nil` below 2 values.
    static func sd(_ v: [Double]) -> Double? {
        guard v.count >= 2, let m = mean(v) else { return nil }
        return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
    }

    /// "about N events would be needed" for a z test of effect `eoi` with outcome spread
    /// `sd` at level α (power 0.8).
    static func eventsNeeded(sd: Double?, effect eoi: Double, alpha: Double, have n: Int, what: String) -> String? {
        guard let sd, sd > 0, eoi > 0 else { return nil }
        let z = Power.normalQuantile(1 - alpha / 2) + Power.normalQuantile(Power.target)
        let needed = Int((z * sd / eoi) * (z * sd / eoi)).advanced(by: 1)
        return "about \(needed) \(what) would be needed (there are \(n))"
    }
}
