/// The unit a series' values are expressed in.
///
/// Units are explicit because FRED mixes them: `WALCL` and `WTREGEN` are in millions of
/// US dollars, `RRPONTSYD` in billions. Combining values of different units without an
/// explicit ``convert(_:to:)`` is an error (``UnitError``), never a silent mix.
public enum ValueUnit: String, Sendable, Codable, CaseIterable, Hashable {
    /// Index points (Russell 2000, S&P 500, VIX, NFCI…).
    case indexPoints = "index_points"
    /// US dollars.
    case usd
    /// Millions of US dollars (FRED `WALCL`, `WTREGEN`, `WRESBAL`).
    case millionsUSD = "millions_usd"
    /// Billions of US dollars (FRED `RRPONTSYD`, `M2SL`).
    case billionsUSD = "billions_usd"
    /// Percent: 4.25 means 4.25 % (yields, spreads).
    case percent
    /// A plain ratio or fraction: 0.0425 means 4.25 %.
    case ratio
    /// A count (contracts, shares, coins).
    case count

    /// The factor that turns one of this unit into `base` units, for units that share a
    /// dimension: US dollars for the three money units, ratio for percent.
    var scale: (dimension: Dimension, factor: Double) {
        switch self {
        case .usd: (.money, 1)
        case .millionsUSD: (.money, 1e6)
        case .billionsUSD: (.money, 1e9)
        case .percent: (.fraction, 0.01)
        case .ratio: (.fraction, 1)
        case .indexPoints: (.index, 1)
        case .count: (.count, 1)
        }
    }

    enum Dimension: Sendable { case money, fraction, index, count }

    /// `true` when values of `self` can be converted to `other`.
    public func isConvertible(to other: ValueUnit) -> Bool {
        scale.dimension == other.scale.dimension
    }

    /// The factor by which a value in `self` is multiplied to express it in `target`.
    ///
    /// `ValueUnit.millionsUSD.factor(to: .billionsUSD) == 0.001`.
    /// - Throws: ``UnitError`` when the units measure different things (USD vs percent).
    public func factor(to target: ValueUnit) throws(UnitError) -> Double {
        let a = scale, b = target.scale
        guard a.dimension == b.dimension else { throw UnitError(from: self, to: target) }
        return a.factor / b.factor
    }

    /// Converts one value from `self` to `target`.
    /// - Throws: ``UnitError`` when the units are not convertible.
    public func convert(_ value: Double, to target: ValueUnit) throws(UnitError) -> Double {
        self == target ? value : value * (try factor(to: target))
    }

    /// A short human label ("millions USD").
    public var label: String {
        switch self {
        case .indexPoints: "index points"
        case .usd: "USD"
        case .millionsUSD: "millions USD"
        case .billionsUSD: "billions USD"
        case .percent: "percent"
        case .ratio: "ratio"
        case .count: "count"
        }
    }
}

/// Two units that measure different things were combined or converted.
public struct UnitError: Error, Sendable, Equatable, CustomStringConvertible {
    public var from: ValueUnit
    public var to: ValueUnit
    public init(from: ValueUnit, to: ValueUnit) {
        self.from = from
        self.to = to
    }
    public var description: String {
        "cannot convert \(from.label) to \(to.label): they measure different things"
    }
}
