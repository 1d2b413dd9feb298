import RiskflowStats

/// The Holm family of the scorecard (`ids, m, k`): the statistical claims whose test can
/// reach a verdict, and the candidates the power was computed for.
public struct ScorecardFamily: Sendable, Encodable, Equatable {
    /// The claims in the family (statistical, not `insufficient`).
    public var ids: [String]
    /// Its size (Holm's m).
    public var m: Int
    /// The candidates: statistical claims whose test ran (data present, n ≥ 2), counted
    /// before any power filter; power and MDE are computed at α = 0.05 / k.
    public var k: Int
}

/// A statistical claim's test, before the family and its α are known.
struct StatisticalTest {
    /// The effect in the claim's units; > 0 is the claimed direction.
    var estimate: Double?
    /// A claim that there is *no* effect (C5): supported when well powered and nothing
    /// is found, contradicted when something is.
    var claimsNoEffect = false
    /// The claim's smallest effect of interest (a parameter, not tuned to the data).
    var effectOfInterest: Double
    /// Power and MDE at a level α (computed from n and the null's spread, never from the
    /// observed effect), and, when the power is short, what it would take.
    var power: (_ alpha: Double) -> (mde: Double?, power: Double?, needed: String?)
    /// The robustness grid: each cell's effect and two-sided p.
    var cells: [(label: String, effect: Double?, p: Double?)]
}

/// A row with the test that decides it (`nil` for factual and descriptive rows, whose
/// verdicts are set when they are made).
struct ClaimOutcome {
    var row: ScorecardRow
    var test: StatisticalTest?
}

/// The verdict rules, fixed in code and in the README before looking at any answer.
///
/// 1. **Candidates**: statistical claims whose test ran (p known, n ≥ 2); k of them.
/// 2. **Power** at α = 0.05/k and the claim's smallest effect of interest; below 0.8 the
///    claim is `insufficient` whatever its p (the row says the MDE and what it would take).
///    Power depends on n and the null's spread only, so this filter keeps Holm's error
///    control (Bourgon, Gentleman and Huber 2010).
/// 3. **Holm** across the rest (the family, m claims): `p_holm`.
/// 4. **Headline**: p_holm < 0.05 with the claimed sign → `supported`, the other sign →
///    `contradicted`, else `unsupported`. A claim of no effect: p_holm < 0.05 →
///    `contradicted`, else `supported`.
/// 5. **Robustness**: each grid cell gets the same rule at its own p (α = 0.05, no
///    adjustment); `agreement` = the share of cells whose verdict equals the headline. A
///    `supported` or `contradicted` headline with agreement < 2/3 becomes `mixed`.
public enum VerdictRules {
    public static let alpha = 0.05
    /// Power needed at the smallest effect of interest.
    public static let powerNeeded = Power.target
    /// Share of grid cells that must agree with a supported or contradicted headline.
    public static let agreementNeeded = 2.0 / 3

    /// The verdict of a test at level α (a grid cell, or the headline with p_holm).
    static func verdict(effect: Double?, p: Double?, claimsNoEffect: Bool, alpha: Double = alpha) -> Verdict {
        guard let p, let effect else { return .insufficient }
        if claimsNoEffect { return p < alpha ? .contradicted : .supported }
        guard p < alpha else { return .unsupported }
        return effect > 0 ? .supported : effect < 0 ? .contradicted : .unsupported
    }

    /// Decides every statistical row (power, family, Holm, headline, grid) in place.
    static func decide(_ claims: inout [ClaimOutcome]) -> ScorecardFamily {
        let candidates = claims.indices.filter { i in claims[i].test != nil && claims[i].row.p != nil && claims[i].row.n >= 2 }
        let k = max(1, candidates.count)
        let powerAlpha = alpha / Double(k)
        var family: [Int] = []
        for i in claims.indices {
            guard let test = claims[i].test else { continue }
            guard candidates.contains(i) else {
                claims[i].row.verdict = .insufficient
                claims[i].row.reason = claims[i].row.p == nil
                    ? "the test could not run: \(claims[i].row.reason.isEmpty ? "data missing" : claims[i].row.reason)"
                    : "fewer than 2 observations"
                claims[i].row.power = ScorecardPower(mde: nil, effectOfInterest: test.effectOfInterest, alpha: powerAlpha, powerAtEffect: nil)
                continue
            }
            let pw = test.power(powerAlpha)
            claims[i].row.power = ScorecardPower(
                mde: pw.mde, effectOfInterest: test.effectOfInterest, alpha: powerAlpha, powerAtEffect: pw.power)
            if (pw.power ?? 0) < powerNeeded {
                claims[i].row.verdict = .insufficient
                let mde = pw.mde.map { "an effect of \(format($0)) or more" } ?? "no effect of any size"
                claims[i].row.reason = "too little data to judge: at α = \(format(powerAlpha)) the test detects \(mde) with power 0.8, "
                    + "while the smallest effect of interest is \(format(test.effectOfInterest)) (power \(format(pw.power ?? 0)))"
                    + (pw.needed.map { "; \($0)" } ?? "")
            } else {
                family.append(i)
            }
        }
        let adjusted = Holm.adjust(family.compactMap { claims[$0].row.p })
        for (j, i) in family.enumerated() {
            guard let test = claims[i].test else { continue }
            let pHolm = adjusted[j]
            claims[i].row.pHolm = pHolm
            let headline = verdict(effect: test.estimate, p: pHolm, claimsNoEffect: test.claimsNoEffect)
            let cells = test.cells.map {
                ScorecardRobustness.Cell(
                    label: $0.label, effect: $0.effect, p: $0.p,
                    verdict: verdict(effect: $0.effect, p: $0.p, claimsNoEffect: test.claimsNoEffect))
            }
            let agreement = cells.isEmpty ? nil : Double(cells.filter { $0.verdict == headline }.count) / Double(cells.count)
            claims[i].row.robustness = ScorecardRobustness(agreement: agreement, cells: cells)
            var final = headline
            if headline == .supported || headline == .contradicted, let agreement, agreement < agreementNeeded {
                final = .mixed
            }
            claims[i].row.verdict = final
            claims[i].row.reason = reason(final, headline: headline, pHolm: pHolm, agreement: agreement, test: test)
        }
        // Cells of rows outside the family still show, with their own verdicts.
        for i in claims.indices where claims[i].row.robustness == nil {
            guard let test = claims[i].test, !test.cells.isEmpty else { continue }
            let cells = test.cells.map {
                ScorecardRobustness.Cell(
                    label: $0.label, effect: $0.effect, p: $0.p,
                    verdict: verdict(effect: $0.effect, p: $0.p, claimsNoEffect: test.claimsNoEffect))
            }
            claims[i].row.robustness = ScorecardRobustness(agreement: nil, cells: cells)
        }
        return ScorecardFamily(ids: family.map { claims[$0].row.id }, m: family.count, k: candidates.count)
    }

    static func reason(_ v: Verdict, headline: Verdict, pHolm: Double, agreement: Double?, test: StatisticalTest) -> String {
        let grid = agreement.map { "; \(Int(($0 * 100).rounded())) % of the robustness grid agrees" } ?? ""
        switch v {
        case .supported where test.claimsNoEffect:
            return "well powered and nothing found (p_holm = \(format(pHolm)))\(grid)"
        case .supported: return "significant after Holm (p_holm = \(format(pHolm))) with the claimed sign\(grid)"
        case .contradicted where test.claimsNoEffect:
            return "significant after Holm (p_holm = \(format(pHolm))): the effect the claim denies is there\(grid)"
        case .contradicted: return "significant after Holm (p_holm = \(format(pHolm))) with the opposite sign\(grid)"
        case .unsupported:
            return "not significant after Holm (p_holm = \(format(pHolm))) although the test could detect the smallest effect of interest\(grid)"
        case .mixed:
            return "would be \(headline.rawValue) (p_holm = \(format(pHolm))), but only \(Int(((agreement ?? 0) * 100).rounded())) % of the robustness grid agrees (2/3 needed)"
        default: return ""
        }
    }

    /// Four significant decimals ("< 0.0001" below).
    static func format(_ x: Double) -> String {
        if x != 0 && abs(x) < 0.0001 { return x > 0 ? "< 0.0001" : "> −0.0001" }
        return String(Double(Int((x * 10_000).rounded())) / 10_000)
    }
}
