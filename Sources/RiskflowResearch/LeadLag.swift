import RiskflowCore
import RiskflowStats

/// One Granger test in one direction (JSON keys are a public interface).
public struct GrangerRow: Sendable, Codable, Equatable {
    public var cause: String
    public var effect: String
    public var lag: Int
    public var nobs: Int
    public var f: Double
    public var p: Double
    public var dfNum: Int
    public var dfDenom: Int
    public var chi2: Double
    public var chi2P: Double
    public var lr: Double
    public var lrP: Double
    /// The HAC (Newey–West) Wald p of the cause's lags (statsmodels `OLS(...).fit(cov_type=
    /// "HAC", cov_kwds={"maxlags": ⌊4·(n/100)^(2/9)⌋})` and `wald_test`, χ²); `nil` when
    /// the robust covariance is singular.
    @NullEncoded public var pHac: Double? = nil

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case cause
        case effect
        case lag
        case nobs
        case f
        case p
        case dfNum = "df_num"
        case dfDenom = "df_denom"
        case chi2
        case chi2P = "chi2_p"
        case lr
        case lrP = "lr_p"
        case pHac = "p_hac"
    }
}

/// The cross-correlation peak: the lag with the largest |r|.
public struct CorrelationPeak: Sendable, Codable, Equatable {
    public var lag: Int
    public var r: Double
}

/// The VAR orders chosen by each criterion.
public struct VAROrders: Sendable, Codable, Equatable {
    public var aic: Int
    public var bic: Int
    public var hqic: Int
    public var fpe: Int
}

/// An ADF test summary.
public struct ADFSummary: Sendable, Codable, Equatable {
    public var stat: Double
    public var p: Double
    public var lags: Int
    public var nobs: Int
}

/// One rolling window's statistics.
public struct RollingLeadLag: Sendable, Codable, Equatable {
    public var start: Day
    public var end: Day
    public var n: Int
    /// Pearson r at lag 0.
    @NullEncoded public var r: Double? = nil
    /// Granger ssr-F p-values for lags 1…maxLag, x → y; `nil` where the window is too
    /// short or a fit is singular.
    public var pXToY: [Double?]
    public var pYToX: [Double?]

    /// The smallest p over the lags, x → y and y → x (`nil` when no lag could be fit).
    /// Not a valid test by itself (several lags are tried): a map of where a lead appears.
    public var smallestPXToY: Double? { pXToY.compactMap { $0 }.min() }
    public var smallestPYToX: Double? { pYToX.compactMap { $0 }.min() }

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case start
        case end
        case n
        case r
        case pXToY = "p_x_to_y"
        case pYToX = "p_y_to_x"
    }
}

/// The lead-lag analysis of two series (`riskflow leadlag`).
public struct LeadLagResult: Sendable, Codable, Equatable {
    public var x: String
    public var y: String
    public var frequency: LeadLagOptions.Frequency
    public var returns: ReturnKind
    public var align: LeadLagOptions.Alignment
    public var transform: LeadLagOptions.Transform
    public var n: Int
    public var first: Day
    public var last: Day
    public var xcorr: [LaggedCorrelation]
    public var xcorrPeak: CorrelationPeak?
    public var granger: [GrangerRow]
    public var varOrder: VAROrders
    /// ADF of each series' own log returns at the chosen frequency (first differences
    /// with `transform = diff`), as the peers' `adf.py --returns log`, whatever `returns` is.
    public var adf: [String: ADFSummary]
    /// ADF of each series' levels at the chosen frequency (`adf.py --returns none`).
    public var adfLevels: [String: ADFSummary]
    public var window: Int?
    public var step: Int?
    public var rolling: [RollingLeadLag]?

    /// ±1.96/√n: the 95 % band of a cross-correlation under no correlation.
    public var xcorrBand: Double { 1.96 / Double(n).squareRoot() }

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case x
        case y
        case frequency
        case returns
        case align
        case transform
        case n
        case first
        case last
        case xcorr
        case xcorrPeak = "xcorr_peak"
        case granger
        case varOrder = "var_order"
        case adf
        case adfLevels = "adf_levels"
        case window
        case step
        case rolling
    }
}

public enum LeadLag {
    /// Runs the analysis on two series (closes or values).
    ///
    /// - Throws: ``LeadLagError`` with a plain explanation (too few aligned rows, a
    ///   constant series, a log return of a non-positive value).
    public static func analyze(x: Series, y: Series, options o: LeadLagOptions) throws -> LeadLagResult {
        let moves: AlignedMoves
        do { moves = try o.align(x: x, y: y) } catch let e as ReturnError {
            throw LeadLagError(.nonPositiveValues, e.description, underlying: e)
        }
        let n = moves.days.count
        guard n > 3 * o.maxLag + 1, let first = moves.days.first, let last = moves.days.last else {
            throw LeadLagError(
                .tooFewObservations, "only \(n) aligned \(o.frequency.rawValue) observations of \(x.id) and \(y.id); Granger tests with \(o.maxLag) lags need more than \(3 * o.maxLag + 1)"
            )
        }
        let xcorr = CrossCorrelation.compute(x: moves.x, y: moves.y, maxLag: min(o.xcorrLags, n - 2))
        let peak = xcorr.compactMap { c in c.r.map { CorrelationPeak(lag: c.lag, r: $0) } }
            .max { abs($0.r) < abs($1.r) || (abs($0.r) == abs($1.r) && abs($0.lag) > abs($1.lag)) }
        let granger: [GrangerRow]
        let order: VAROrderSelection
        switch statistics(x: x.id, y: y.id, moves: moves, maxLag: o.maxLag) {
        case .success(let v): (granger, order) = v
        case .failure(let e): throw LeadLagError(.statistics, "\(x.id) vs \(y.id): \(e.message)", underlying: e)
        }
        var adf: [String: ADFSummary] = [:], adfLevels: [String: ADFSummary] = [:]
        func summary(_ values: [Double]) -> ADFSummary? {
            (try? ADFResult.test(values)).map { ADFSummary(stat: $0.stat, p: $0.p, lags: $0.lags, nobs: $0.nobs) }
        }
        for s in [x, y] where o.adf {
            let levels = o.prepared(s)
            let moves: Series? =
                o.transform == .diff ? levels.differences() : (try? levels.returns(.log)) ?? (try? levels.returns(.simple))
            if let m = moves, let r = summary(m.values) { adf[s.id] = r }
            if let r = summary(levels.values) { adfLevels[s.id] = r }
        }
        var rolling: [RollingLeadLag]? = nil
        if let w = o.window {
            rolling = rollingWindows(moves, window: w, step: o.step, maxLag: o.maxLag)
        }
        return LeadLagResult(
            x: x.id, y: y.id, frequency: o.frequency, returns: o.returns, align: o.align, transform: o.transform, n: n, first: first, last: last, xcorr: xcorr, xcorrPeak: peak,
            granger: granger, varOrder: VAROrders(aic: order.aic, bic: order.bic, hqic: order.hqic, fpe: order.fpe),
            adf: adf, adfLevels: adfLevels, window: o.window, step: o.window == nil ? nil : o.step, rolling: rolling)
    }

    /// Granger both ways and the VAR order, or the statistics error.
    static func statistics(x: String, y: String, moves: AlignedMoves, maxLag: Int) -> Result<
        ([GrangerRow], VAROrderSelection), StatsError
    > {
        do {
            let (forward, backward) = try Granger.testBothWays(x: moves.x, y: moves.y, maxLag: maxLag)
            let order = try VAROrderSelection.select([moves.y, moves.x], maxLag: maxLag)
            var forwardRows = rows(cause: x, effect: y, forward), backwardRows = rows(cause: y, effect: x, backward)
            for i in forwardRows.indices {
                forwardRows[i].pHac = try? Granger.hacWald(x: moves.x, y: moves.y, lag: forwardRows[i].lag).p
            }
            for i in backwardRows.indices {
                backwardRows[i].pHac = try? Granger.hacWald(x: moves.y, y: moves.x, lag: backwardRows[i].lag).p
            }
            return .success((forwardRows + backwardRows, order))
        } catch {
            return .failure(error)
        }
    }

    static func rows(cause: String, effect: String, _ results: [GrangerResult]) -> [GrangerRow] {
        results.map {
            GrangerRow(
                cause: cause, effect: effect, lag: $0.lag, nobs: $0.nobs, f: $0.f, p: $0.p, dfNum: $0.dfNum,
                dfDenom: $0.dfDenom, chi2: $0.chi2, chi2P: $0.chi2P, lr: $0.lr, lrP: $0.lrP)
        }
    }

    /// Windows of `window` rows ending at rows window−1, window−1+step, …, computed in
    /// parallel across cores (each window's Granger tests share one set of
    /// cross-products).
    public static func rollingWindows(_ m: AlignedMoves, window w: Int, step: Int, maxLag: Int) -> [RollingLeadLag] {
        guard w <= m.days.count else { return [] }
        let ends = Array(stride(from: w - 1, to: m.days.count, by: step))
        return Parallel.map(ends.count) { i in
            let end = ends[i]
            let lo = end - w + 1
            let xs = Array(m.x[lo...end]), ys = Array(m.y[lo...end])
            let usable = (1...maxLag).filter { w > 3 * $0 + 1 }.max() ?? 0
            var forward = [Double?](repeating: nil, count: maxLag)
            var backward = [Double?](repeating: nil, count: maxLag)
            if usable > 0, let both = try? Granger.testBothWays(x: xs, y: ys, maxLag: usable) {
                for r in both.xToY { forward[r.lag - 1] = r.p }
                for r in both.yToX { backward[r.lag - 1] = r.p }
            }
            return RollingLeadLag(
                start: m.days[lo], end: m.days[end], n: w, r: CrossCorrelation.pearson(xs, 0, ys, 0, w),
                pXToY: forward, pYToX: backward)
        }
    }
}
