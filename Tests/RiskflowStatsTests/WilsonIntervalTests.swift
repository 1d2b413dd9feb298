import RiskflowStats
import Testing

/// The Wilson interval against statsmodels `proportion_confint(k, n, alpha=0.05,
/// method="wilson")` (values printed by statsmodels 0.15, committed here).
@Suite("Wilson interval") struct WilsonIntervalTests {
    static let statsmodels: [(k: Int, n: Int, low: Double, high: Double)] = [
        (0, 1, 0.0, 0.7934506856227627),
        (1, 1, 0.2065493143772374, 1.0),
        (3, 10, 0.10779126740630104, 0.6032218525388546),
        (7, 12, 0.31951131254954973, 0.8067396863412435),
        (0, 25, 0.0, 0.13319225093904855),
        (25, 25, 0.8668077490609515, 1.0),
        (13, 40, 0.20084502231782703, 0.4798225381012234),
        (500, 1000, 0.4690696003681042, 0.5309303996318958),
    ]

    @Test func equalsStatsmodels() throws {
        for c in Self.statsmodels {
            let ci = try #require(wilsonInterval(successes: c.k, trials: c.n))
            #expect(abs(ci.low - c.low) <= 1e-12, "\(c.k)/\(c.n)")
            #expect(abs(ci.high - c.high) <= 1e-12, "\(c.k)/\(c.n)")
        }
    }

    @Test func noIntervalOutsideItsDomain() {
        #expect(wilsonInterval(successes: 0, trials: 0) == nil)
        #expect(wilsonInterval(successes: 3, trials: 2) == nil)
        #expect(wilsonInterval(successes: -1, trials: 2) == nil)
    }
}
