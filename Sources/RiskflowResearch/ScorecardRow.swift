import RiskflowCore

/// A claim's verdict.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case supported, contradicted, inconclusive
}

/// One claim of the commentary put to the data (SPEC §1). JSON keys: `id, claim, test,
/// statistic, value, n, p, p_holm, verdict, reason, command, as_of` (every key written,
/// `null` when missing), plus `details` (the numbers behind the row).
public struct ScorecardRow: Sendable, Encodable, Equatable {
    public var id: String
    /// The claim, in the commentary's words.
    public var claim: String
    /// The test riskflow runs, with its parameters.
    public var test: String
    /// What `value` is.
    public var statistic: String
    @NullEncoded public var value: Double? = nil
    /// The sample size the verdict rests on.
    public var n: Int
    /// The test's p-value (one-sided in the claimed direction unless the test says
    /// otherwise), and after Holm's adjustment across every p the scorecard reports.
    @NullEncoded public var p: Double? = nil
    @NullEncoded public var pHolm: Double? = nil
    public var verdict: Verdict
    public var reason: String
    /// The riskflow command that shows the numbers.
    public var command: String
    public var asOf: Day
    /// The numbers behind the row, by name.
    public var details: [String: ScorecardValue]

    enum CodingKeys: String, CodingKey {
        case id, claim, test, statistic, value, n, p
        case pHolm = "p_holm"
        case verdict, reason, command
        case asOf = "as_of"
        case details
    }
}

/// A value in a row's details: a number, a text, a day, a list or an object.
public indirect enum ScorecardValue: Sendable, Encodable, Equatable {
    case number(Double?)
    case text(String)
    case day(Day?)
    case list([ScorecardValue])
    case object([String: ScorecardValue])

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let x): if let x, x.isFinite { try c.encode(x) } else { try c.encodeNil() }
        case .text(let s): try c.encode(s)
        case .day(let d): if let d { try c.encode(d) } else { try c.encodeNil() }
        case .list(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// The verdict rules, fixed in code before looking at any answer (README, "Scorecard").
public enum VerdictRules {
    /// Significance level of the Holm-adjusted p.
    public static let alpha = 0.05
    /// Fewer observations (events, cycles) than this: inconclusive whatever the p-value.
    public static let minimumSample = 5

    /// A statistical claim: supported when the Holm-adjusted p < α and the effect has the
    /// claimed sign; contradicted when p_holm < α with the opposite sign; inconclusive
    /// otherwise (n too small, data missing, not significant), with the reason.
    ///
    /// - Parameters:
    ///   - effect: the effect in the claim's direction (> 0 is the claimed sign).
    ///   - oneSidedInClaimedDirection: `p` tests only the claimed direction (a
    ///     permutation test); then a significant opposite effect cannot be seen and the
    ///     claim can only be supported or inconclusive.
    public static func statistical(
        effect: Double?, n: Int, pHolm: Double?, oneSidedInClaimedDirection: Bool
    ) -> (Verdict, String) {
        guard let effect, let pHolm else { return (.inconclusive, "data missing") }
        if n < minimumSample { return (.inconclusive, "small sample (n = \(n), fewer than \(minimumSample))") }
        if pHolm < alpha {
            if effect > 0 { return (.supported, "significant after Holm (p_holm = \(format(pHolm))) with the claimed sign") }
            if !oneSidedInClaimedDirection {
                return (.contradicted, "significant after Holm (p_holm = \(format(pHolm))) with the opposite sign")
            }
        }
        return (.inconclusive, "not significant after Holm (p_holm = \(format(pHolm)))")
    }

    static func format(_ p: Double) -> String {
        p < 0.0001 ? "< 0.0001" : String(Double(Int((p * 10_000).rounded())) / 10_000)
    }
}
