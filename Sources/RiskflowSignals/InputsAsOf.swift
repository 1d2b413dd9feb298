import RiskflowCore

/// How current one group of the monitor's inputs is on the as-of day, so a reader sees at
/// once that (say) liquidity is older than prices. JSON keys `group, as_of, series` (each
/// `id, last`) are a public interface.
public struct InputGroupAsOf: Sendable, Codable, Equatable {
    /// One input and the date of its last value known on the as-of day.
    public struct Member: Sendable, Codable, Equatable {
        public var id: String
        /// `nil` when the series is not stored or nothing of it was known yet.
        @NullEncoded public var last: Day? = nil
    }

    /// `prices`, `liquidity`, `rates`, `crypto` or `rankings`.
    public var group: String
    /// The earliest of the members' last values: the day up to which the whole group is
    /// known (`nil` when no member has data).
    @NullEncoded public var asOf: Day? = nil
    public var series: [Member]

    enum CodingKeys: String, CodingKey {
        case group
        case asOf = "as_of"
        case series
    }
}

/// The as-of day of each input group of the signals: prices (the breakout index, its
/// volume source, the broad-equity index), liquidity (Fed assets, TGA, reverse repo),
/// rates (the 10-year yield and the credit spread of the stage), crypto (ETH, BTC) and
/// rankings (the latest ranking snapshot of any table). Values are those known on
/// `data.asOf` (point in time). Groups whose series were not loaded are left out.
/// - Complexity: O(groups · log n).
public enum InputsAsOf {
    public static func compute(_ data: MarketData, config c: SignalConfig) -> [InputGroupAsOf] {
        let groups: [(String, [String])] = [
            ("prices", [c.breakout.symbol] + (c.breakout.volumeFrom.map { [$0] } ?? []) + [c.stage.broadEquity]),
            ("liquidity", [c.liquidity.assets, c.liquidity.treasuryAccount, c.liquidity.reverseRepo]),
            ("rates", [c.stage.rates, c.stage.creditSpread]),
            ("crypto", [c.stage.ethereum, c.stage.bitcoin]),
        ]
        var out: [InputGroupAsOf] = []
        for (name, ids) in groups {
            var seen = Set<String>()
            let unique = ids.map { $0.uppercased() }.filter { seen.insert($0).inserted }
            guard unique.contains(where: { data[$0] != nil }) else { continue }
            let members = unique.map { id -> InputGroupAsOf.Member in
                guard let b = data[id] else { return .init(id: id, last: nil) }
                let i = b.knownDays.upperBound(of: data.asOf) - 1
                return .init(id: id, last: i >= 0 ? b.days[i] : nil)
            }
            let lasts = members.compactMap(\.last)
            out.append(InputGroupAsOf(group: name, asOf: lasts.min(), series: members))
        }
        let snapshots = data.rankingTables.compactMap { t -> InputGroupAsOf.Member? in
            let i = t.days.upperBound(of: data.asOf) - 1
            return i >= 0 ? .init(id: t.id, last: t.days[i]) : nil
        }
        if !snapshots.isEmpty {
            out.append(InputGroupAsOf(group: "rankings", asOf: snapshots.compactMap(\.last).max(), series: snapshots))
        }
        return out
    }

    /// "prices 2026-09-25 · liquidity 2026-08-19 · …" (a group without data shows "–").
    public static func line(_ groups: [InputGroupAsOf]) -> String {
        groups.map { "\($0.group) \($0.asOf?.iso ?? "–")" }.joined(separator: " · ")
    }
}
