import RiskflowCore
import Testing
import RiskflowTestSupport

@Suite("Price summary") struct PriceSummaryTests {
    @Test func allTimeHighDistanceAndYearToDate() throws {
        let s = series([("2025-06-02", 2000), ("2025-12-31", 2500), ("2026-01-05", 2700), ("2026-02-02", 2600)], id: "RUT")
        let p = try #require(PriceSummary(s))
        #expect(p.allTimeHigh == 2700)
        #expect(p.allTimeHighDay == day("2026-01-05"))
        #expect(abs(p.distanceFromHigh - (2600.0 / 2700 - 1)) < 1e-15)
        #expect(p.yearStartDay == day("2025-12-31"))
        #expect(abs(p.yearToDate! - 0.04) < 1e-15)
        #expect(PriceSummary(series([])) == nil)
        #expect(PriceSummary(series([("2026-01-05", 1)]))?.yearToDate == nil)
    }
}
