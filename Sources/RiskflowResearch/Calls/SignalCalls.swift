import Foundation
import RiskflowCore
import RiskflowSignals

/// The calls riskflow's own signals make on one day: the signal events first known that
/// day. Pure: the caller loads ``inputs(config:followers:)`` as of the day and as of the
/// day before (the store's point-in-time reads) and passes both; replaying a period is
/// this, day by day.
///
/// An event is a call on the first day the data shows it (so a value published a day
/// late — a Wednesday liquidity level known on Thursday — makes its call on Thursday,
/// never earlier), when the event itself is at most ``maxEventAge`` days old: an old event
/// that appears only through a revision of old data is not a call about today. Events:
/// - a breakout of the index qualifies (its signal day) — up;
/// - the risk-curve stage reaches 4 from below — up;
/// - the alt season index crosses 75 upwards between two days that are not thin — up;
/// - the net-liquidity regime changes — up when it moves towards expanding (contracting
///   → neutral or expanding, neutral → expanding), down when it moves away.
///
/// The followers (default ETH, the alt basket ALTS and BTC) are called to move in the
/// event's direction over the horizons (default 30, 60, 90 calendar days).
public enum SignalCalls {
    public static let defaultFollowers = ["ETH", AltBasket.symbol, "BTC"]
    public static let defaultHorizons = [30, 60, 90]
    /// The alt season level whose upward crossing is a call.
    public static let altSeasonLevel = 75.0
    /// The oldest event (calendar days before the day it is first known) that is a call.
    public static let maxEventAge = 10

    /// One signal event: what happened, on which day, in which direction.
    public struct Event: Sendable, Equatable, Hashable {
        public var kind: Call.Kind
        public var subject: String
        /// The event's own day (a breakout's signal day, a regime change's week).
        public var day: Day
        public var direction: Call.Direction
        /// The event in words, without the call's followers.
        public var words: String
        /// The parameter section that produced it (canonical JSON), by name.
        public var parameters: [String: String]

        /// Identity across days: kind, subject and day.
        var identity: String { "\(kind.rawValue)|\(subject)|\(day.iso)" }
    }

    /// The series the signals and the followers need.
    public static func inputs(config: SignalConfig, followers: [String]) -> DataRequest {
        var request = BreakoutDetector.inputs(config).union(RiskCurveStage.inputs(config))
            .union(AltSeasonModel.inputs(config)).union(LiquidityModel.inputs(config))
        let plain = followers.filter { $0 != AltBasket.symbol }
        request = request.union(DataRequest(symbols: plain))
        return request
    }

    /// Every signal event in `data` (as known on its as-of day). A signal whose inputs
    /// are missing has no events; its error is returned by name.
    public static func events(_ data: MarketData, config: SignalConfig) -> (events: [Event], errors: [String: String]) {
        var errors: [String: String] = [:]
        var out: [Event] = []
        do {
            for x in try BreakoutDetector.evaluate(data, config: config) where x.status == .qualified {
                guard let d = x.signalDate else { continue }
                out.append(Event(
                    kind: .qualifiedBreakout, subject: x.symbol, day: d, direction: .up,
                    words: "\(x.symbol) breakout qualified on \(d.iso) (broke \(x.breakDate.iso) above \(NumberText.grouped(x.level)))",
                    parameters: ["breakout": encoded(config.breakout)]))
            }
        } catch { errors["breakouts"] = "\(error)" }
        do {
            let spells = try RiskCurveStage.evaluate(data, config: config).spells
            for i in spells.indices.dropFirst() where spells[i].stage == 4 && spells[i - 1].stage < 4 {
                out.append(Event(
                    kind: .stageFour, subject: "stage", day: spells[i].from, direction: .up,
                    words: "risk-curve stage reached 4 (crypto spillover) from \(spells[i - 1].stage) on \(spells[i].from.iso)",
                    parameters: ["stage": encoded(config.stage)]))
            }
        } catch { errors["stage"] = "\(error)" }
        do {
            let days = try AltSeasonModel.evaluate(data, config: config).days.filter { !$0.thin }
            for i in days.indices.dropFirst() where days[i - 1].index < altSeasonLevel && days[i].index >= altSeasonLevel {
                out.append(Event(
                    kind: .altSeason, subject: "altseason", day: days[i].date, direction: .up,
                    words: "alt season index crossed \(Int(altSeasonLevel)) on \(days[i].date.iso) (\(Int(days[i - 1].index.rounded())) → \(Int(days[i].index.rounded())))",
                    parameters: ["altseason": encoded(config.altseason)]))
            }
        } catch { errors["altseason"] = "\(error)" }
        do {
            for c in try LiquidityModel.evaluate(data, config: config).changes where c.from != .unknown && c.to != .unknown {
                out.append(Event(
                    kind: .liquidityRegime, subject: "net_liquidity", day: c.date, direction: rank(c.to) > rank(c.from) ? .up : .down,
                    words: "net liquidity regime \(c.from.rawValue) → \(c.to.rawValue) on \(c.date.iso)",
                    parameters: ["liquidity": encoded(config.liquidity)]))
            }
        } catch { errors["liquidity"] = "\(error)" }
        return (out, errors)
    }

    /// The events first known on `day`: in `today` (the events as of `day`) and not in
    /// `yesterday` (as of the day before), at most ``maxEventAge`` days old.
    public static func firstKnown(on day: Day, today: [Event], yesterday: [Event]) -> [Event] {
        let seen = Set(yesterday.map(\.identity))
        return today.filter { !seen.contains($0.identity) && $0.day <= day && day - $0.day <= maxEventAge }
    }

    /// The calls made on `day`: one per event first known that day, each with its claim,
    /// the followers' references from `data` (as known on `day`) and the parameters.
    public static func calls(
        on day: Day, events: [Event], data: MarketData, config: SignalConfig, followers: [String] = defaultFollowers,
        horizons: [Int] = defaultHorizons, version: String, origin: Call.Origin
    ) -> [Call] {
        guard !events.isEmpty else { return [] }
        let reference = references(data: data, config: config, followers: followers, horizons: horizons)
        let described = "\(followers.joined(separator: ", ")) \(horizons.map(String.init).joined(separator: "/")) days"
        return events.map { e in
            Call(
                kind: e.kind, knownAt: day, claim: "\(e.words): \(described) \(e.direction.rawValue)", subject: e.subject,
                followers: followers, horizons: horizons, direction: e.direction, source: "riskflow", parameters: e.parameters,
                version: version, origin: origin, reference: reference)
        }
    }

    /// Each follower's reference at each horizon from `data` (as known on the call's
    /// day); the alt basket is built as the alt season builds it. A follower missing from
    /// the data gets an empty reference (n = 0).
    public static func references(data: MarketData, config: SignalConfig, followers: [String], horizons: [Int]) -> [CallReference] {
        var out: [CallReference] = []
        for f in followers {
            let closes: Series? = f == AltBasket.symbol ? AltBasket.build(data, config: config.altseason) : data.closes(f)
            for h in horizons {
                if let closes, closes.count > 0 {
                    var r = CallReference.build(closes, horizon: h)
                    r.follower = f
                    out.append(r)
                } else {
                    out.append(CallReference(follower: f, horizon: h, n: 0, percentiles: []))
                }
            }
        }
        return out
    }

    /// contracting < neutral < expanding.
    static func rank(_ r: LiquidityRow.Regime) -> Int {
        switch r {
        case .contracting: return 0
        case .neutral: return 1
        case .expanding: return 2
        case .unknown: return 1
        }
    }

    /// A parameter section as canonical JSON (sorted keys), for the call's record.
    static func encoded<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }
}
