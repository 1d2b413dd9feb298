import RiskflowCore
import Testing
import RiskflowTestSupport

@Suite("Series and alignment") struct SeriesTests {
    @Test func sliceAndAsOfLookup() {
        let s = series([("2026-01-01", 1), ("2026-01-05", 2), ("2026-01-09", 3)])
        #expect(s.slice(from: day("2026-01-02")).values == [2, 3])
        #expect(s.slice(to: day("2026-01-05")).values == [1, 2])
        #expect(s.slice(from: day("2026-01-06"), to: day("2026-01-08")).isEmpty)
        #expect(s.value(asOf: day("2025-12-31")) == nil)
        #expect(s.value(asOf: day("2026-01-05")) == 2)
        #expect(s.value(asOf: day("2026-01-07")) == 2)
    }

    @Test func invariantsAreEnforced() async {
        await #expect(processExitsWith: .failure) {
            _ = Series(id: "X", unit: .usd, calendar: .daily, days: [Day(rawValue: 2), Day(rawValue: 1)], values: [1, 2])
        }
        await #expect(processExitsWith: .failure) {
            _ = Series(id: "X", unit: .usd, calendar: .daily, days: [Day(rawValue: 1)], values: [.nan])
        }
    }

    @Test func innerJoin() {
        let a = series([("2026-01-01", 1), ("2026-01-02", 2), ("2026-01-04", 4)])
        let b = series([("2026-01-02", 20), ("2026-01-03", 30), ("2026-01-04", 40), ("2026-01-05", 50)])
        let j = a.innerJoined(with: b)
        #expect(j.days == [day("2026-01-02"), day("2026-01-04")])
        #expect(j.x == [2, 4])
        #expect(j.y == [20, 40])
        #expect(a.innerJoined(with: series([])).days.isEmpty)
    }

    @Test func asOfJoinCarriesTheLastKnownValue() {
        // A weekly Wednesday series read on weekdays.
        let weekly = series([("2026-01-07", 100), ("2026-01-14", 110)], calendar: .weekly)
        let targets = ["2026-01-06", "2026-01-07", "2026-01-08", "2026-01-13", "2026-01-14", "2026-01-20"].map(day)
        let v = weekly.asOf(targets)
        #expect(v[0].isNaN)
        #expect(Array(v[1...]) == [100, 100, 100, 110, 110])
        let s = weekly.asOfSeries(on: targets, calendar: .nyse)
        #expect(s.days.first == day("2026-01-07"))
        #expect(s.count == 5)
    }
}
