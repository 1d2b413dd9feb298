/// Holm's step-down adjustment of p-values for multiple tests (Holm 1979), as
/// `statsmodels.stats.multitest.multipletests(p, method="holm")`: with the m p-values
/// sorted ascending, p̃₍ᵢ₎ = maxⱼ≤ᵢ min(1, (m − j + 1)·p₍ⱼ₎); returned in input order.
/// It controls the family-wise error rate whatever the dependence between the tests.
///
/// Cost: O(m log m).
public enum Holm {
    public static func adjust(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var adjusted = [Double](repeating: .nan, count: m)
        var running = 0.0
        for (rank, i) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * p[i]))
            adjusted[i] = running
        }
        return adjusted
    }
}
