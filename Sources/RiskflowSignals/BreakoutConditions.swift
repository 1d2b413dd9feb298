import RiskflowCore

/// The breakout rule's inputs on one day, whether or not the day is a break: where the
/// close stands against the prior all-time closing high, how old that high is (the base),
/// the volume ratio and the breadth, each by the rule of ``BreakoutDetector``. It is what
/// `riskflow breakouts` shows for the as-of day and what a claim about one day's breakout
/// ("on substantial volume, broad-based") is checked against.
///
/// JSON keys `date, close, prior_high, prior_high_date, base_sessions, above_prior_high,
/// volume_ratio, volume_source, breadth, breadth_members, breadth_excluded` are a public interface.
public struct BreakoutConditions: Sendable, Codable, Equatable {
    /// The symbol's last session on or before the day asked for.
    public var date: Day
    public var close: Double
    /// The all-time closing high before this session, and the session it was set.
    @NullEncoded public var priorHigh: Double? = nil
    @NullEncoded public var priorHighDate: Day? = nil
    /// Sessions between the prior high and this session (the base a break here would have).
    @NullEncoded public var baseSessions: Int? = nil
    /// `true` when the close is above the prior high (a break by price).
    public var abovePriorHigh: Bool
    @NullEncoded public var volumeRatio: Double? = nil
    @NullEncoded public var volumeSource: String? = nil
    @NullEncoded public var breadth: Double? = nil
    public var breadthMembers: Int
    public var breadthExcluded: [String]

    enum CodingKeys: String, CodingKey {
        case date
        case close
        case priorHigh = "prior_high"
        case priorHighDate = "prior_high_date"
        case baseSessions = "base_sessions"
        case abovePriorHigh = "above_prior_high"
        case volumeRatio = "volume_ratio"
        case volumeSource = "volume_source"
        case breadth
        case breadthMembers = "breadth_members"
        case breadthExcluded = "breadth_excluded"
    }
}

extension BreakoutDetector {
    /// The rule's inputs on the symbol's last session on or before `day` (`nil` when the
    /// symbol has no session by then). Uses data up to that session only.
    /// - Complexity: O(n) for the prior high, O(basket · average) for the breadth.
    public static func conditions(
        _ data: MarketData, on day: Day, config c: SignalConfig.BreakoutConfig,
        staleness: SignalConfig.StalenessConfig = .init()
    ) -> BreakoutConditions? {
        guard let bars = data[c.symbol] else { return nil }
        let t = bars.days.upperBound(of: day) - 1
        guard t >= 0 else { return nil }
        var high = -Double.infinity, highIndex = -1
        for i in 0..<t where bars.close[i] > high {
            high = bars.close[i]
            highIndex = i
        }
        var volume: Bars? = bars.hasVolume ? bars : nil
        var volumeName: String? = bars.hasVolume ? bars.id : nil
        if volume == nil, let from = c.volumeFrom, let v = data[from], v.hasVolume {
            volume = v
            volumeName = from
        }
        let ratio = volumeRatio(volume, on: bars.days[t], config: c)
        let basket = c.basket.map { (id: $0.uppercased(), bars: data[$0]) }
        let (breadth, members, excluded) = self.breadth(basket, on: bars.days[t], config: c, staleness: staleness)
        return BreakoutConditions(
            date: bars.days[t], close: bars.close[t], priorHigh: highIndex >= 0 ? high : nil,
            priorHighDate: highIndex >= 0 ? bars.days[highIndex] : nil, baseSessions: highIndex >= 0 ? t - highIndex : nil,
            abovePriorHigh: highIndex >= 0 && bars.close[t] > high, volumeRatio: ratio,
            volumeSource: ratio == nil ? nil : volumeName, breadth: breadth, breadthMembers: members,
            breadthExcluded: excluded)
    }

    /// Mean volume of the last `volumeRecent` rows of the source ending at `day` over the
    /// mean of the `volumeBase` rows before them (`nil` without enough rows or volume).
    static func volumeRatio(_ volume: Bars?, on day: Day, config c: SignalConfig.BreakoutConfig) -> Double? {
        guard let v = volume else { return nil }
        let i = v.days.upperBound(of: day) - 1
        let need = c.volumeRecent + c.volumeBase
        guard i >= need - 1 else { return nil }
        let recent = mean(v.volume, from: i - c.volumeRecent + 1, through: i)
        let before = mean(v.volume, from: i - need + 1, through: i - c.volumeRecent)
        guard let recent, let before, before > 0 else { return nil }
        return recent / before
    }

    /// The share of basket members above their `breadthAverage`-session mean on `day`
    /// (`nil` with fewer than `breadthMinimumMembers` counted), the members counted, and
    /// the ones left out with why (no data, stale, too short a history).
    static func breadth(
        _ basket: [(id: String, bars: Bars?)], on day: Day, config c: SignalConfig.BreakoutConfig,
        staleness: SignalConfig.StalenessConfig
    ) -> (share: Double?, members: Int, excluded: [String]) {
        var above = 0, members = 0
        var excluded: [String] = []
        for (id, bars) in basket {
            guard let m = bars else {
                excluded.append(Staleness.note(id, last: nil))
                continue
            }
            let i = m.knownDays.upperBound(of: day) - 1
            guard i >= 0 else {
                excluded.append(Staleness.note(id, last: nil))
                continue
            }
            guard !Staleness.isStale(m.days[i], on: day, calendar: m.calendar, config: staleness) else {
                excluded.append(Staleness.note(id, last: m.days[i]))
                continue
            }
            guard i >= c.breadthAverage - 1, let avg = mean(m.close, from: i - c.breadthAverage + 1, through: i) else {
                excluded.append("\(id) excluded: fewer than \(c.breadthAverage) sessions")
                continue
            }
            members += 1
            if m.close[i] > avg { above += 1 }
        }
        let share = members >= c.breadthMinimumMembers ? Double(above) / Double(members) : nil
        return (share, members, excluded)
    }
}
