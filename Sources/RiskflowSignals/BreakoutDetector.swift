import RiskflowCore

/// Finds qualified breakouts (SPEC §4.1, issue definitions).
///
/// Sessions are the rows of the symbol's own calendar. A **break** on session t is
/// close[t] > H, where H = max(close[0…t−1]) was first set at session h with
/// t − h ≥ `baseSessions` (63): a breakout from a base, not every new high in a run.
/// Because H must be 63 sessions old, two breaks are at least 63 sessions apart.
/// **Volume**: mean volume of t−4…t ≥ 1.2 × mean of t−54…t−5, on the volume source's
/// own rows ending at t (the symbol's, else `volumeFrom`'s, e.g. IWM for RUT).
/// **Breadth**: share of basket members whose last close known on t is above their own
/// 50-session mean (rows ending at that close) ≥ 60 %, fewer than 3 members → no breadth.
/// A member whose last close is more than `[staleness] sessions` (10) weekdays old on t, or
/// that has no data or fewer than 50 sessions, is left out and named in `breadth_excluded`.
/// **Sustained**: closes t+1…t+5 all above H; the signal date is t+5, never earlier.
/// Everything at t uses data up to t only; the sustain check uses t+1…t+5 and the
/// event is `pending` until they exist.
public enum BreakoutDetector {
    public static func detect(
        _ data: MarketData, config c: SignalConfig.BreakoutConfig, staleness: SignalConfig.StalenessConfig = .init()
    ) throws -> [Breakout] {
        guard let bars = data[c.symbol] else {
            throw SignalError(.missingInput, "no data for \(c.symbol)")
        }
        let closes = bars.close
        let n = closes.count
        var volumeSource: Bars? = bars.hasVolume ? bars : nil
        var volumeName: String? = bars.hasVolume ? bars.id : nil
        if volumeSource == nil, let from = c.volumeFrom, let v = data[from], v.hasVolume {
            volumeSource = v
            volumeName = from
        }
        let basket = c.basket.map { (id: $0.uppercased(), bars: data[$0]) }
        var events: [Breakout] = []
        var high = -Double.infinity
        var highIndex = -1
        for t in 0..<n {
            let close = closes[t]
            if t > 0 && close > high && t - highIndex >= c.baseSessions && highIndex >= 0 {
                events.append(
                    event(
                        at: t, level: high, base: t - highIndex, bars: bars, volume: volumeSource,
                        volumeName: volumeName, basket: basket, config: c, staleness: staleness))
            }
            if close > high {
                high = close
                highIndex = t
            }
        }
        return events
    }

    /// The session a failed break failed on: the first of the `sustainSessions` closes
    /// after the break at or below the broken level (`nil` when the break did not fail).
    /// It is the day the failure was known.
    public static func failureDay(of b: Breakout, in bars: Bars, config c: SignalConfig.BreakoutConfig) -> Day? {
        guard b.status == .failed else { return nil }
        let t = bars.days.lowerBound(of: b.breakDate)
        guard t < bars.count, bars.days[t] == b.breakDate else { return nil }
        let last = min(t + c.sustainSessions, bars.count - 1)
        guard t + 1 <= last else { return nil }
        return (t + 1...last).first { bars.close[$0] <= b.level }.map { bars.days[$0] }
    }

    static func event(
        at t: Int, level: Double, base: Int, bars: Bars, volume: Bars?, volumeName: String?,
        basket: [(id: String, bars: Bars?)], config c: SignalConfig.BreakoutConfig, staleness: SignalConfig.StalenessConfig
    ) -> Breakout {
        let day = bars.days[t]
        var reasons: [String] = []
        var flags: [String] = []
        let ratio = volumeRatio(volume, on: day, config: c)
        if let ratio {
            if ratio < c.volumeRatio { reasons.append("volume ratio below \(trim(c.volumeRatio))") }
        } else {
            reasons.append("no volume")
        }
        let (breadth, members, excluded) = self.breadth(basket, on: day, config: c, staleness: staleness)
        if let breadth {
            if breadth < c.breadthShare { reasons.append("breadth below \(Int((c.breadthShare * 100).rounded()))%") }
        } else {
            reasons.append("no breadth")
        }
        // Holiday filter.
        let (_, month, dom) = day.components
        if (month == 12 && dom >= 15) || (month == 1 && dom <= 5), let r = ratio, r < 1 { flags.append("holiday-thin") }
        // Sustain: closes t+1…t+5 all above H.
        let status: Breakout.Status
        var signal: Day? = nil
        let last = t + c.sustainSessions
        let seen = min(last, bars.count - 1)
        let fellBack = t + 1 <= seen && (t + 1...seen).contains { bars.close[$0] <= level }
        if fellBack {
            status = .failed
        } else if last >= bars.count {
            status = .pending
        } else {
            signal = bars.days[last]
            status = reasons.isEmpty ? .qualified : .unconfirmed
        }
        // YTD at the break.
        let startOfYear = bars.days.lowerBound(of: day.startOfYear)
        let ytd = startOfYear > 0 ? bars.close[t] / bars.close[startOfYear - 1] - 1 : nil
        let crossed = c.threshold.map { level <= $0 && bars.close[t] > $0 }
        return Breakout(
            symbol: bars.id, breakDate: day, signalDate: signal, level: level, close: bars.close[t],
            baseSessions: base, volumeRatio: ratio, volumeSource: ratio == nil ? nil : volumeName, breadth: breadth,
            breadthMembers: members, breadthExcluded: excluded, ytdReturn: ytd, thresholdCrossed: crossed, status: status,
            reasons: reasons, flags: flags)
    }

    static func mean(_ v: [Double], from: Int, through: Int) -> Double? {
        guard from >= 0, through >= from else { return nil }
        var s = 0.0
        for i in from...through {
            if v[i].isNaN { return nil }
            s += v[i]
        }
        return s / Double(through - from + 1)
    }

    static func trim(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : "\(x)"
    }
}

/// A signal that cannot be computed: a code and the reason in words.
public typealias SignalError = CodedError<SignalErrorCode>

public enum SignalErrorCode: String, Sendable {
    /// An input series is not in the data (not stored, or not known as of the day).
    case missingInput = "missing_input"
}
