import RiskflowCore

/// A claim's verdict (JSON: exactly these strings). The rules are in ``VerdictRules``.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// Significant after Holm with the claimed sign and the robustness grid agrees (for a
    /// claim of no effect: well powered and nothing found).
    case supported
    /// Significant after Holm with the opposite sign (a no-effect claim: significant), and
    /// the grid agrees.
    case contradicted
    /// Not significant, and the test had power ≥ 0.8 at the smallest effect of interest.
    case unsupported
    /// The test cannot detect the smallest effect of interest (power < 0.8), whatever p.
    case insufficient
    /// Would be supported or contradicted, but fewer than 2/3 of the grid's cells agree.
    case mixed
    /// A factual claim checked directly against the data.
    case isTrue = "true"
    case isFalse = "false"
    /// A diagnostic with no test behind it.
    case descriptive
}

/// An effect with its interval and unit (`estimate, ci_low, ci_high, unit`).
public struct ScorecardEffect: Sendable, Codable, Equatable {
    @NullEncoded public var estimate: Double? = nil
    @NullEncoded public var ciLow: Double? = nil
    @NullEncoded public var ciHigh: Double? = nil
    /// What the numbers are ("share", "return", "partial R²").
    public var unit: String

    enum CodingKeys: String, CodingKey {
        case estimate
        case ciLow = "ci_low"
        case ciHigh = "ci_high"
        case unit
    }
}

/// A test's power (`mde, effect_of_interest, alpha, power_at_effect`), at α = 0.05/k.
public struct ScorecardPower: Sendable, Codable, Equatable {
    /// The minimum detectable effect at power 0.8 (`nil` when no effect is detectable).
    @NullEncoded public var mde: Double? = nil
    /// The claim's smallest effect of interest (fixed before the data were looked at).
    public var effectOfInterest: Double
    public var alpha: Double
    @NullEncoded public var powerAtEffect: Double? = nil

    enum CodingKeys: String, CodingKey {
        case mde
        case effectOfInterest = "effect_of_interest"
        case alpha
        case powerAtEffect = "power_at_effect"
    }
}

/// The same test over the fixed robustness grid (`agreement, cells`).
public struct ScorecardRobustness: Sendable, Codable, Equatable {
    public struct Cell: Sendable, Codable, Equatable {
        public var label: String
        @NullEncoded public var effect: Double? = nil
        @NullEncoded public var p: Double? = nil
        public var verdict: Verdict
    }
    /// The share of cells whose verdict equals the headline's.
    @NullEncoded public var agreement: Double? = nil
    public var cells: [Cell]
}

/// One part of a factual claim (`claim, value, verdict`).
public struct ScorecardSubClaim: Sendable, Encodable, Equatable {
    public var claim: String
    public var value: RoundNumberEvidence
    public var verdict: Verdict
}

/// One claim of the commentary put to the data (SPEC §1). JSON keys: `id, claim, test,
/// statistic, value, n, p, p_holm, verdict, reason, effect, power, robustness, sub_claims,
/// command, details` (every key written, `null` where it does not apply).
public struct ScorecardRow: Sendable, Encodable, Equatable {
    public var id: String
    /// The claim, in the commentary's words.
    public var claim: String
    /// The test riskflow runs, with its parameters.
    public var test: String
    /// What `value` is.
    public var statistic: String
    public var value: Double?
    /// The sample size the verdict rests on (events, cycles, weeks).
    public var n: Int
    /// The test's two-sided p-value, and after Holm's adjustment across the family.
    public var p: Double?
    public var pHolm: Double? = nil
    public var verdict: Verdict
    public var reason: String
    public var effect: ScorecardEffect? = nil
    public var power: ScorecardPower? = nil
    public var robustness: ScorecardRobustness? = nil
    public var subClaims: [ScorecardSubClaim]? = nil
    /// The riskflow command that shows the numbers.
    public var command: String
    /// The numbers behind the row, typed per claim.
    public var details: ScorecardDetails

    enum CodingKeys: String, CodingKey {
        case id, claim, test, statistic, value, n, p
        case pHolm = "p_holm"
        case verdict, reason, effect, power, robustness
        case subClaims = "sub_claims"
        case command, details
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func put<T: Encodable>(_ v: T?, _ k: CodingKeys) throws {
            if let v { try c.encode(v, forKey: k) } else { try c.encodeNil(forKey: k) }
        }
        try c.encode(id, forKey: .id)
        try c.encode(claim, forKey: .claim)
        try c.encode(test, forKey: .test)
        try c.encode(statistic, forKey: .statistic)
        try put(value.flatMap { $0.isFinite ? $0 : nil }, .value)
        try c.encode(n, forKey: .n)
        try put(p, .p)
        try put(pHolm, .pHolm)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(reason, forKey: .reason)
        try put(effect, .effect)
        try put(power, .power)
        try put(robustness, .robustness)
        try put(subClaims, .subClaims)
        try c.encode(command, forKey: .command)
        try c.encode(details, forKey: .details)
    }
}
