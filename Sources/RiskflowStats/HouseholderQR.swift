/// Householder QR factorisation, in place, of an n × k column-major matrix (LAPACK
/// `dgeqrf` without pivoting): the one QR riskflow has, used by ``OLS`` and by the VAR
/// log-determinant.
///
/// On return the part of R above the diagonal is stored above the diagonal of `a`
/// (row i, column c > i at `a[c·n + i]`), R's diagonal is in `diagonal`, and the
/// Householder vectors are below it. Every reflection is also applied to `rhs` (Qᵀy),
/// when given.
///
/// Cost: O(n·k²) flops, no allocation.
enum HouseholderQR {
    /// Factors `a` and returns the index of the first column whose part on and below the
    /// diagonal has a norm ≤ `tolerance` × the column's full norm, or is zero (the design
    /// is numerically rank deficient; the factorisation stops there), else `nil`.
    static func factor(
        _ a: UnsafeMutableBufferPointer<Double>, rows n: Int, columns k: Int,
        diagonal: UnsafeMutableBufferPointer<Double>, rhs: UnsafeMutableBufferPointer<Double>?, tolerance: Double
    ) -> Int? {
        for j in 0..<k {
            let col = j * n
            var columnNorm2 = 0.0
            for i in 0..<n { columnNorm2 += a[col + i] * a[col + i] }
            var norm2 = 0.0
            for i in j..<n { norm2 += a[col + i] * a[col + i] }
            let norm = norm2.squareRoot()
            if norm <= tolerance * columnNorm2.squareRoot() || norm == 0 { return j }
            let alpha = a[col + j] > 0 ? -norm : norm
            a[col + j] -= alpha
            var vnorm2 = 0.0
            for i in j..<n { vnorm2 += a[col + i] * a[col + i] }
            diagonal[j] = alpha
            for c in (j + 1)..<max(j + 1, k) {
                let cc = c * n
                var s = 0.0
                for i in j..<n { s += a[col + i] * a[cc + i] }
                let f = 2 * s / vnorm2
                for i in j..<n { a[cc + i] -= f * a[col + i] }
            }
            if let q = rhs {
                var s = 0.0
                for i in j..<n { s += a[col + i] * q[i] }
                let f = 2 * s / vnorm2
                for i in j..<n { q[i] -= f * a[col + i] }
            }
        }
        return nil
    }
}
