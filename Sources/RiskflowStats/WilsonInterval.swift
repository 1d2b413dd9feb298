/// The Wilson score interval of a proportion: `k` successes in `n` trials, two-sided at
/// 95 % (z = Φ⁻¹(0.975)), as statsmodels'
/// `proportion_confint(k, n, alpha=0.05, method="wilson")`, clipped to [0, 1].
/// `nil` for `n ≤ 0` or `k` outside `0…n`.
/// - Complexity: O(1).
public func wilsonInterval(successes k: Int, trials n: Int) -> (low: Double, high: Double)? {
    guard n > 0, k >= 0, k <= n else { return nil }
    let z = 1.959963984540054, nn = Double(n), ph = Double(k) / nn
    let centre = (ph + z * z / (2 * nn)) / (1 + z * z / nn)
    let half = z / (1 + z * z / nn) * (ph * (1 - ph) / nn + z * z / (4 * nn * nn)).squareRoot()
    return (max(0, centre - half), min(1, centre + half))
}
