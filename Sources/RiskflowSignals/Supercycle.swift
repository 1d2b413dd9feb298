import RiskflowCore

/// Persistence: how long the current up-trend has lasted versus completed ones.
public struct PersistenceDiagnostic: Sendable, Codable, Equatable {
    public var symbol: String
    /// Consecutive sessions, ending on the last day, with the close above its
    /// 200-session mean (0 when below today).
    public var currentRun: Int
    /// Percentile (0–100) of the current run among all completed runs: the share of
    /// completed runs shorter than it.
    public var percentile: Double?
    public var completedRuns: Int
    public var medianRun: Double?

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case symbol
        case currentRun = "current_run"
        case percentile
        case completedRuns = "completed_runs"
        case medianRun = "median_run"
    }
}

/// Rotation vs exit across risk assets over 63-session (91-calendar-day) windows.
public struct RotationDiagnostic: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        /// The equal-weighted return is positive and leadership changed within the window.
        case rotation
        /// Positive, with the same leader throughout.
        case broadRally = "broad_rally"
        /// Negative, with at least 80 % of the assets down together.
        case exit
        case mixed
    }
    public var assets: [String]
    public var state: State
    /// Each asset's return over the window, and the leader.
    public var returns: [String: Double]
    public var leader: String
    /// Equal-weighted mean return.
    public var aggregate: Double
    /// Changes of leader over the trailing 63 sessions.
    public var leadershipChanges: Int
    /// Percentile of `leadership_changes` in history (share of days with fewer).
    public var percentile: Double?

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case assets
        case state
        case returns
        case leader
        case aggregate
        case leadershipChanges = "leadership_changes"
        case percentile
    }
}

/// Runway: how far a high-beta asset sits below its high, and for how long.
public struct RunwayDiagnostic: Sendable, Codable, Equatable {
    public var symbol: String
    /// close / running maximum − 1 (≤ 0).
    public var drawdown: Double
    /// Calendar days since the all-time high.
    public var daysSinceHigh: Int
    public var high: Double
    public var highDate: Day
    /// Percentile of the drawdown in history: the share of days whose drawdown was at
    /// least as deep (100 = at the high; low values = unusually deep).
    public var percentile: Double

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case symbol
        case drawdown
        case daysSinceHigh = "days_since_high"
        case high
        case highDate = "high_date"
        case percentile
    }
}

public struct SupercycleReport: Sendable, Codable, Equatable {
    public var asOf: Day
    public var persistence: [PersistenceDiagnostic]
    public var rotation: RotationDiagnostic?
    public var runway: [RunwayDiagnostic]

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case persistence
        case rotation
        case runway
    }
}

/// The three supercycle diagnostics of SPEC §4.5, each with today's value and its
/// historical percentile (definitions on each result type).
public enum Supercycle {
    /// The diagnostics with the inputs and windows of `config.supercycle`; the runway
    /// symbol "ALTS" is the alt basket (``AltBasket``, built with `config.altseason`).
    public static func compute(_ data: MarketData, config: SignalConfig) -> SupercycleReport {
        let c = config.supercycle
        let runway = c.runwaySymbols.compactMap { s in
            s.uppercased() == AltBasket.symbol ? AltBasket.build(data, config: config.altseason) : data.closes(s)
        }
        return compute(data, config: c, runwaySeries: runway)
    }

    /// The diagnostics, with the runway measured on the given series.
    public static func compute(_ data: MarketData, config c: SignalConfig.SupercycleConfig, runwaySeries: [Series])
        -> SupercycleReport
    {
        let persistence = c.trendSymbols.compactMap { s in data[s].map { persistenceOf($0.closes, average: c.trendAverage) } }
        let rotation = rotationOf(data, assets: c.rotationAssets.filter { data[$0] != nil }, config: c)
        let runway = runwaySeries.filter { !$0.isEmpty }.map(runwayOf)
        return SupercycleReport(asOf: data.asOf, persistence: persistence, rotation: rotation, runway: runway)
    }

    static func persistenceOf(_ s: Series, average: Int) -> PersistenceDiagnostic {
        let mean = rollingMean(s.values, window: average)
        var runs: [Int] = []
        var current = 0
        for i in 0..<s.count {
            if !mean[i].isNaN && s.values[i] > mean[i] {
                current += 1
            } else {
                if current > 0 { runs.append(current) }
                current = 0
            }
        }
        let sorted = runs.sorted()
        let percentile = runs.isEmpty ? nil : 100 * Double(runs.filter { $0 < current }.count) / Double(runs.count)
        let median = sorted.isEmpty ? nil : Double(sorted[sorted.count / 2])
        return PersistenceDiagnostic(
            symbol: s.id, currentRun: current, percentile: percentile, completedRuns: runs.count, medianRun: median)
    }

    static func rotationOf(_ data: MarketData, assets: [String], config c: SignalConfig.SupercycleConfig)
        -> RotationDiagnostic?
    {
        let sessions = c.rotationSessions, days = c.rotationDays
        let series = assets.compactMap { data[$0] }
        guard assets.count >= 2, series.count == assets.count,
            let grid = data[c.rotationCalendar]?.days.filter({ $0 <= data.asOf }), grid.count > sessions
        else { return nil }
        let now = series.map { PointInTime.closes($0, on: grid) }
        let then = series.map { PointInTime.closes($0, on: grid.map { $0 - days }) }
        var leaders = [Int](repeating: -1, count: grid.count)
        var changes = [Int](repeating: 0, count: grid.count)
        for t in 0..<grid.count {
            var best = -Double.infinity
            for k in 0..<assets.count {
                let r = now[k][t] / then[k][t] - 1
                if r.isFinite && r > best {
                    best = r
                    leaders[t] = k
                }
            }
        }
        var history: [Int] = []
        for t in sessions..<grid.count {
            var count = 0
            for u in (t - sessions + 1)...t where leaders[u] != leaders[u - 1] && leaders[u] >= 0 && leaders[u - 1] >= 0 {
                count += 1
            }
            changes[t] = count
            history.append(count)
        }
        let t = grid.count - 1
        // Summed in the order of `assets`, never a dictionary's iteration order (which
        // changes from process to process and would change the last digit).
        let finite = (0..<assets.count).map { now[$0][t] / then[$0][t] - 1 }.filter(\.isFinite)
        var returns: [String: Double] = [:]
        for k in 0..<assets.count {
            let r = now[k][t] / then[k][t] - 1
            if r.isFinite { returns[assets[k]] = r }
        }
        guard !finite.isEmpty, leaders[t] >= 0 else { return nil }
        let aggregate = finite.reduce(0, +) / Double(finite.count)
        let down = finite.filter { $0 < 0 }.count
        let state: RotationDiagnostic.State =
            aggregate > 0
            ? (changes[t] > 0 ? .rotation : .broadRally)
            : (Double(down) >= c.exitShare * Double(returns.count) ? .exit : .mixed)
        let percentile = 100 * Double(history.filter { $0 < changes[t] }.count) / Double(max(1, history.count))
        return RotationDiagnostic(
            assets: assets, state: state, returns: returns, leader: assets[leaders[t]], aggregate: aggregate,
            leadershipChanges: changes[t], percentile: percentile)
    }

    static func runwayOf(_ s: Series) -> RunwayDiagnostic {
        var high = -Double.infinity
        var highDay = s.days[0]
        var drawdowns: [Double] = []
        drawdowns.reserveCapacity(s.count)
        for i in 0..<s.count {
            if s.values[i] >= high {
                high = s.values[i]
                highDay = s.days[i]
            }
            drawdowns.append(s.values[i] / high - 1)
        }
        let current = drawdowns[drawdowns.count - 1]
        let percentile = 100 * Double(drawdowns.filter { $0 <= current }.count) / Double(drawdowns.count)
        return RunwayDiagnostic(
            symbol: s.id, drawdown: current, daysSinceHigh: s.days[s.count - 1] - highDay, high: high,
            highDate: highDay, percentile: percentile)
    }
}
