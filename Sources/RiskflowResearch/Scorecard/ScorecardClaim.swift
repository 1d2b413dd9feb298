/// One claim of the scorecard, in a file of its own (`Claims/C1.swift` … `C8.swift`): its
/// id and its test, evaluated on the scorecard's shared context (the data as of the day,
/// the breakouts and their grid variants, the followers, the alt season). The verdicts
/// are decided afterwards, over the whole family, by ``VerdictRules``.
protocol ScorecardClaim {
    /// `C1` … `C8`.
    static var id: String { get }
    /// The claim's row, test and robustness grid on `scorecard`'s context.
    static func evaluate(_ scorecard: Scorecard) -> ClaimOutcome
}

extension Scorecard {
    /// Every claim, in the scorecard's order.
    static var claims: [any ScorecardClaim.Type] {
        [ClaimC1.self, ClaimC2.self, ClaimC3.self, ClaimC4.self, ClaimC5.self, ClaimC6.self, ClaimC7.self, ClaimC8.self]
    }
}
