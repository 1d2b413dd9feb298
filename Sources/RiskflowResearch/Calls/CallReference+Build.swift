import RiskflowCore
import RiskflowStats

extension CallReference {
    /// The reference of `closes` (the follower as known on the call's day) at `horizon`
    /// calendar days. Cost: O(n) for the returns and O(n) per percentile.
    public static func build(_ closes: Series, horizon: Int) -> CallReference {
        var returns = closes.forwardReturns(calendarDays: horizon).filter { $0.isFinite }
        let n = returns.count
        guard n > 0 else { return CallReference(follower: closes.id, horizon: horizon, n: 0, percentiles: []) }
        let q = (0...100).map { k in Percentile.linear(&returns, Double(k)) ?? .nan }
        return CallReference(follower: closes.id, horizon: horizon, n: n, percentiles: q)
    }
}
