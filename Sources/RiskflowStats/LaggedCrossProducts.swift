import RealModule

/// Cross-products of the lagged regressors of a bivariate system, shared by every
/// Granger and VAR fit on the same data.
///
/// Rows are z_t = [1, y_{t−1}…y_{t−L}, x_{t−1}…x_{t−L}, y_t, x_t] for t in [from, n), with
/// x and y shifted by their means first (shifting does not change an OLS fit that has
/// a constant, and it keeps the cross-products well scaled).
struct LaggedCrossProducts {
    let maxLag: Int
    let dim: Int
    let x: [Double]
    let y: [Double]
    /// Σ z zᵀ, dim × dim, row-major.
    var m: [Double]

    init(x rawX: [Double], y rawY: [Double], maxLag: Int, from: Int, to: Int? = nil) {
        let n = rawX.count
        let end = to ?? n
        let mx = rawX.reduce(0, +) / Double(n), my = rawY.reduce(0, +) / Double(n)
        x = rawX.map { $0 - mx }
        y = rawY.map { $0 - my }
        self.maxLag = maxLag
        dim = 2 * maxLag + 3
        var sums = [Double](repeating: 0, count: dim * dim)
        var z = [Double](repeating: 0, count: dim)
        let d = dim
        let cx = x, cy = y
        sums.withUnsafeMutableBufferPointer { mb in
            z.withUnsafeMutableBufferPointer { zb in
                for t in from..<end {
                    LaggedCrossProducts.fill(&zb, x: cx, y: cy, t: t, maxLag: maxLag, lags: maxLag)
                    for i in 0..<d {
                        let zi = zb[i]
                        let row = i * d
                        for j in i..<d { mb[row + j] += zi * zb[j] }
                    }
                }
            }
        }
        for i in 0..<d { for j in 0..<i { sums[i * d + j] = sums[j * d + i] } }
        m = sums
    }

    var yNow: Int { 2 * maxLag + 1 }
    var xNow: Int { 2 * maxLag + 2 }
    func yLag(_ l: Int) -> Int { l }
    func xLag(_ l: Int) -> Int { maxLag + l }

    /// z_t with lags beyond `lags` set to 0.
    func fill(_ z: inout UnsafeMutableBufferPointer<Double>, t: Int, lags: Int) {
        LaggedCrossProducts.fill(&z, x: x, y: y, t: t, maxLag: maxLag, lags: lags)
    }

    static func fill(
        _ z: inout UnsafeMutableBufferPointer<Double>, x: [Double], y: [Double], t: Int, maxLag: Int, lags: Int
    ) {
        z[0] = 1
        for l in 1...maxLag {
            z[l] = l <= lags ? y[t - l] : 0
            z[maxLag + l] = l <= lags ? x[t - l] : 0
        }
        z[2 * maxLag + 1] = y[t]
        z[2 * maxLag + 2] = x[t]
    }

    /// The cross-products of the columns `columns` over rows [from, n) where the
    /// full matrix covers [maxLag, n): adds the rows from…maxLag−1 (only lags ≤ `lags`
    /// may be used there, and `columns` must use no more).
    func submatrix(_ columns: [Int], extraRowsFrom from: Int, lags: Int) -> [Double] {
        let k = columns.count
        var a = [Double](repeating: 0, count: k * k)
        for (i, ci) in columns.enumerated() {
            for (j, cj) in columns.enumerated() { a[i * k + j] = m[ci * dim + cj] }
        }
        if from < maxLag {
            var buffer = [Double](repeating: 0, count: dim)
            buffer.withUnsafeMutableBufferPointer { zb in
                for t in from..<maxLag {
                    fill(&zb, t: t, lags: lags)
                    for (i, ci) in columns.enumerated() {
                        for (j, cj) in columns.enumerated() { a[i * k + j] += zb[ci] * zb[cj] }
                    }
                }
            }
        }
        return a
    }
}

/// Cholesky factorisation with a conditioning guard, for the normal-equations fast path.
enum GuardedCholesky {
    /// L (row-major, lower) with A = L Lᵀ, or `nil` when a pivot shows near-collinearity
    /// (the part of a column outside the span of the previous ones below 1e-8 of its
    /// norm squared) — then the caller uses Householder QR.
    /// `relativePivot` 0 accepts any positive pivot (for callers that need the exact
    /// answer of a well-posed problem, not the guard).
    static func factor(_ a: [Double], _ k: Int, relativePivot: Double = 1e-8) -> [Double]? {
        var l = a
        for j in 0..<k {
            var s = l[j * k + j]
            for q in 0..<j { s -= l[j * k + q] * l[j * k + q] }
            guard s > relativePivot * a[j * k + j], s > 0 else { return nil }
            let d = s.squareRoot()
            l[j * k + j] = d
            for i in (j + 1)..<max(j + 1, k) {
                var t = l[i * k + j]
                for q in 0..<j { t -= l[i * k + q] * l[j * k + q] }
                l[i * k + j] = t / d
            }
            for i in 0..<j { l[i * k + j] = 0 }
        }
        return l
    }

    /// Solves L w = b.
    static func forward(_ l: [Double], _ k: Int, _ b: [Double]) -> [Double] {
        var w = b
        for i in 0..<k {
            var s = w[i]
            for q in 0..<i { s -= l[i * k + q] * w[q] }
            w[i] = s / l[i * k + i]
        }
        return w
    }
}
