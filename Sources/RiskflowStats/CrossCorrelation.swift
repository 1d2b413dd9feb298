import RealModule
import RiskflowCore

/// Pearson correlation at one lag.
public struct LaggedCorrelation: Sendable, Codable, Equatable {
    /// k > 0: x leads y (x_t against y_{t+k}).
    public var lag: Int
    /// Pearson r; `nil` when undefined (fewer than 2 pairs or a constant side).
    @NullEncoded public var r: Double? = nil
    /// Number of pairs used (n − |k|).
    public var n: Int
}

/// Cross-correlation of two aligned series.
public enum CrossCorrelation {
    /// r(k) = Pearson corr(x_t, y_{t+k}) for k = −maxLag…maxLag over the pairs where both
    /// exist (n − |k| pairs); k > 0 means x leads y.
    ///
    /// This is pandas `df.x.corr(df.y.shift(-k))` (the peers' `xcorr.py`): means of the
    /// pairs, then Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²).
    /// Empty unless `x.count == y.count` and `maxLag ≥ 0`.
    /// - Complexity: O(n · maxLag).
    public static func compute(x: [Double], y: [Double], maxLag: Int) -> [LaggedCorrelation] {
        // Unaligned inputs or a negative maxLag: no lags to report.
        guard x.count == y.count, maxLag >= 0 else { return [] }
        return (-maxLag...maxLag).map { k in
            let n = x.count - abs(k)
            guard n >= 2 else { return LaggedCorrelation(lag: k, r: nil, n: max(0, n)) }
            // Pairs (x_t, y_{t+k}) for t with both indices in range.
            let xStart = k >= 0 ? 0 : -k
            let yStart = k >= 0 ? k : 0
            return LaggedCorrelation(lag: k, r: pearson(x, xStart, y, yStart, n), n: n)
        }
    }

    /// Pearson correlation of x[xs..<xs+n] and y[ys..<ys+n]; `nil` when a side is constant.
    public static func pearson(_ x: [Double], _ xs: Int, _ y: [Double], _ ys: Int, _ n: Int) -> Double? {
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                var mx = 0.0, my = 0.0
                for i in 0..<n {
                    mx += xb[xs + i]
                    my += yb[ys + i]
                }
                mx /= Double(n)
                my /= Double(n)
                var sxy = 0.0, sxx = 0.0, syy = 0.0
                for i in 0..<n {
                    let dx = xb[xs + i] - mx, dy = yb[ys + i] - my
                    sxy += dx * dy
                    sxx += dx * dx
                    syy += dy * dy
                }
                guard sxx > 0, syy > 0 else { return nil }
                return sxy / (sxx * syy).squareRoot()
            }
        }
    }
}
