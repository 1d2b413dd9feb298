import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// What the Granger claims (C3 and C5 in `Claims/`) share: weekly moves, the grid's cells,
/// VAR lag choices and power. The F test is the statsmodels ssr F test; power and MDE come
/// from the noncentral F (Cohen's λ = f²·(u + v + 1)); the grid varies the lag (1–13 and
/// the AIC/BIC choice), the inference (classical vs HAC) and the sample.
extension Scorecard {
    /// Weekly log changes of two series, aligned as `riskflow leadlag --freq weekly` does.
    func weeklyMoves(_ x: Series, _ y: Series) -> AlignedMoves? {
        var o = LeadLagOptions()
        o.frequency = .weekly
        return try? o.align(x: x, y: y)
    }

    /// One Granger test (cause → effect) on the rows whose day `keep` accepts: its F, p,
    /// denominator df and the partial R² signed by the cause's leading cross-correlations
    /// (lags 1…lag).
    struct GrangerCell {
        var f: Double, p: Double, u: Int, v: Int, signedR2: Double, nobs: Int
    }

    func grangerCell(_ m: AlignedMoves, causeIsX: Bool, lag: Int, keep: (Day) -> Bool = { _ in true }) -> GrangerCell? {
        let rows = m.days.indices.filter { keep(m.days[$0]) }
        let cause = rows.map { causeIsX ? m.x[$0] : m.y[$0] }, effect = rows.map { causeIsX ? m.y[$0] : m.x[$0] }
        guard let g = try? Granger.single(x: cause, y: effect, lag: lag) else { return nil }
        let leading = CrossCorrelation.compute(x: cause, y: effect, maxLag: lag).filter { $0.lag >= 1 }.compactMap(\.r)
            .reduce(0, +)
        let r2 = Power.partialR2(f: g.f, u: g.dfNum, v: g.dfDenom)
        return GrangerCell(f: g.f, p: g.p, u: g.dfNum, v: g.dfDenom, signedR2: leading < 0 ? -r2 : r2, nobs: g.nobs)
    }

    /// The VAR lag (1…maxLag) chosen by AIC or BIC for the pair.
    func varLag(_ m: AlignedMoves, maxLag: Int, bic: Bool) -> Int? {
        guard let o = try? VAROrderSelection.select([m.y, m.x], maxLag: maxLag) else { return nil }
        return max(1, bic ? o.bic : o.aic)
    }

    /// The lag, AIC/BIC, HAC and sample cells of a Granger test.
    func grangerCells(_ m: AlignedMoves, causeIsX: Bool, headlineLag: Int) -> [(label: String, effect: Double?, p: Double?)] {
        var cells: [(String, Double?, Double?)] = []
        for lag in 1...13 {
            let g = grangerCell(m, causeIsX: causeIsX, lag: lag)
            cells.append(("lag \(lag) weeks", g?.signedR2, g?.p))
        }
        for bic in [false, true] {
            if let lag = varLag(m, maxLag: 13, bic: bic) {
                let g = grangerCell(m, causeIsX: causeIsX, lag: lag)
                cells.append(("lag \(lag) chosen by \(bic ? "BIC" : "AIC") over 1–13", g?.signedR2, g?.p))
            }
        }
        let head = grangerCell(m, causeIsX: causeIsX, lag: headlineLag)
        let hac = try? Granger.hacWald(x: causeIsX ? m.x : m.y, y: causeIsX ? m.y : m.x, lag: headlineLag)
        cells.append(("classical F at lag \(headlineLag)", head?.signedR2, head?.p))
        cells.append(("HAC (Newey–West) Wald at lag \(headlineLag)", head?.signedR2, hac?.p))
        if let first = m.days.first, let last = m.days.last {
            for s in Self.samples(first: first, last: last) {
                let g = grangerCell(m, causeIsX: causeIsX, lag: headlineLag, keep: s.keep)
                cells.append((s.label, g?.signedR2, g?.p))
            }
        }
        return cells
    }

    /// The power closure of an F test with `u` numerator and `v` denominator df.
    static func fPower(u: Int, v: Int, effectOfInterest r2: Double)
        -> (Double) -> (mde: Double?, power: Double?, needed: String?)
    {
        { alpha in
            let power = Power.fTest(f2: Power.f2(partialR2: r2), u: u, v: v, alpha: alpha)
            let needed = power < Power.target
                ? Power.fTestObservationsNeeded(u: u, r2: r2, alpha: alpha).map { "about \($0 + 2 * u + 1) weeks would be needed (there are \(v + 2 * u + 1))" }
                : nil
            return (Power.fTestMDE(u: u, v: v, alpha: alpha), power, needed)
        }
    }

}
