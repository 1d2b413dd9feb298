import RealModule

// Trailing rolling-window statistics over contiguous `[Double]`.
//
// Every function returns an array of the input's length whose entry t summarises the
// window x[t−w+1…t] (row t included), with `NaN` until the window is full and `NaN` for
// any window that contains a `NaN`: pandas `Series.rolling(w).f()` with
// `min_periods = w`.

/// Rolling sum over a trailing window of `window` rows.
///
/// A window below 1 gives all `NaN` (no window fits).
/// - Returns: one value per input row; `NaN` for the first `window − 1` rows and for
///   windows containing `NaN`.
/// - Complexity: O(*n*), one pass with a running sum re-based every `window` rows so
///   rounding error does not accumulate over long inputs.
public func rollingSum(_ x: [Double], window: Int) -> [Double] {
    guard window > 0 else { return [Double](repeating: .nan, count: x.count) }
    return RollingMoments.compute(x, window: window, output: .sum)
}

/// Rolling arithmetic mean over a trailing window (pandas `rolling(w).mean()`).
///
/// A window below 1 gives all `NaN` (no window fits).
/// - Complexity: O(*n*).
public func rollingMean(_ x: [Double], window: Int) -> [Double] {
    guard window > 0 else { return [Double](repeating: .nan, count: x.count) }
    return RollingMoments.compute(x, window: window, output: .mean)
}

/// Rolling sample standard deviation (ddof = 1) over a trailing window
/// (pandas `rolling(w).std()`).
///
/// Accuracy: sums of deviations from a shift that is re-based on the window every
/// `window` rows, so the result agrees with an exact two-pass computation to about
/// 1e-13 relative (pandas' online update drifts by up to ~1e-8 relative).
/// A window of 1 gives `NaN` (ddof 1), as pandas does; a window below 1 gives all `NaN`.
/// - Complexity: O(*n*).
public func rollingStd(_ x: [Double], window: Int) -> [Double] {
    guard window > 0 else { return [Double](repeating: .nan, count: x.count) }
    return RollingMoments.compute(x, window: window, output: .std)
}

enum RollingMoments {
    enum Output { case sum, mean, std }

    static func compute(_ input: [Double], window w: Int, output: Output) -> [Double] {
        let n = input.count
        var out = [Double](repeating: .nan, count: n)
        guard n >= w else { return out }
        input.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                var shift = 0.0
                var s1 = 0.0  // Σ (x − shift) over the valid values in the window
                var s2 = 0.0  // Σ (x − shift)²
                var nans = 0
                var sinceRebase = 0
                let fw = Double(w)
                for t in 0..<n {
                    let v = x[t]
                    if v.isNaN { nans += 1 } else {
                        let d = v - shift
                        s1 += d
                        s2 += d * d
                    }
                    if t >= w {
                        let old = x[t - w]
                        if old.isNaN { nans -= 1 } else {
                            let d = old - shift
                            s1 -= d
                            s2 -= d * d
                        }
                    }
                    sinceRebase += 1
                    if t >= w - 1 && sinceRebase >= w && nans == 0 {
                        // Re-base: recompute the sums exactly around the newest value.
                        shift = v
                        s1 = 0
                        s2 = 0
                        for k in (t - w + 1)...t {
                            let d = x[k] - shift
                            s1 += d
                            s2 += d * d
                        }
                        sinceRebase = 0
                    }
                    guard t >= w - 1, nans == 0 else { continue }
                    switch output {
                    case .sum: o[t] = s1 + fw * shift
                    case .mean: o[t] = s1 / fw + shift
                    case .std:
                        guard w > 1 else { continue }
                        let m = s1 / fw
                        let variance = Swift.max(0, (s2 - m * s1) / (fw - 1))
                        o[t] = Double.sqrt(variance)
                    }
                }
            }
        }
        return out
    }
}

/// Rolling maximum over a trailing window (pandas `rolling(w).max()`).
///
/// A window below 1 gives all `NaN` (no window fits).
/// - Complexity: O(*n*) with a monotonic deque of indices (each index enters and leaves
///   once), no allocation per element.
public func rollingMax(_ x: [Double], window: Int) -> [Double] {
    guard window > 0 else { return [Double](repeating: .nan, count: x.count) }
    return RollingExtremum.compute(x, window: window, isMax: true)
}

/// Rolling minimum over a trailing window (pandas `rolling(w).min()`).
///
/// A window below 1 gives all `NaN` (no window fits).
/// - Complexity: O(*n*).
public func rollingMin(_ x: [Double], window: Int) -> [Double] {
    guard window > 0 else { return [Double](repeating: .nan, count: x.count) }
    return RollingExtremum.compute(x, window: window, isMax: false)
}

enum RollingExtremum {
    static func compute(_ input: [Double], window w: Int, isMax: Bool) -> [Double] {
        let n = input.count
        var out = [Double](repeating: .nan, count: n)
        guard n >= w else { return out }
        // The deque lives in a ring buffer whose capacity is a power of two ≥ w + 1 (it
        // never holds more than w indices), so wrapping is a mask, not a division.
        var cap = 1
        while cap < w + 1 { cap <<= 1 }
        let mask = cap - 1
        var ring = [Int](repeating: 0, count: cap)
        input.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                ring.withUnsafeMutableBufferPointer { q in
                    var head = 0, tail = 0  // tail − head = size; positions taken & mask
                    var lastNaN = -1
                    for t in 0..<n {
                        let v = x[t]
                        if v.isNaN {
                            lastNaN = t
                        } else {
                            // Drop from the back every index whose value can no longer win.
                            if isMax {
                                while tail != head && x[q[(tail &- 1) & mask]] <= v { tail &-= 1 }
                            } else {
                                while tail != head && x[q[(tail &- 1) & mask]] >= v { tail &-= 1 }
                            }
                            q[tail & mask] = t
                            tail &+= 1
                        }
                        // Drop from the front the index that left the window.
                        if tail != head && q[head & mask] <= t - w { head &+= 1 }
                        if t >= w - 1 && lastNaN <= t - w && tail != head {
                            o[t] = x[q[head & mask]]
                        }
                    }
                }
            }
        }
        return out
    }
}
