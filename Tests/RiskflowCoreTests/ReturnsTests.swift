import Foundation
import RiskflowCore
import Testing
import RiskflowTestSupport

@Suite("Returns and resampling") struct ReturnsTests {
    @Test func simpleAndLogReturnsOnOwnRows() throws {
        let s = series([("2026-01-02", 100), ("2026-01-05", 110), ("2026-01-06", 99)])
        let simple = try s.returns(.simple)
        #expect(simple.days == [day("2026-01-05"), day("2026-01-06")])
        #expect(abs(simple.values[0] - 0.1) < 1e-15)
        #expect(abs(simple.values[1] - (99.0 / 110 - 1)) < 1e-15)
        let log = try s.returns(.log)
        #expect(log.values[0] == Foundation.log(110.0 / 100))
        #expect(log.unit == .ratio)
        #expect(try series([("2026-01-02", 1)]).returns().isEmpty)
    }

    @Test func logReturnOfNonPositiveValueIsAnError() {
        let s = series([("2026-01-02", 0.5), ("2026-01-05", -0.1)], id: "T10Y2Y")
        #expect(throws: ReturnError(seriesID: "T10Y2Y", day: day("2026-01-05"), value: -0.1)) { try s.returns(.log) }
        #expect(s.differences().values.count == 1)
        #expect(abs(s.differences().values[0] - -0.6) < 1e-15)
    }

    @Test func forwardReturnsUseCalendarDays() {
        // Fri, Mon, Tue, Fri, next Mon.
        let s = series([("2026-01-02", 100), ("2026-01-05", 101), ("2026-01-06", 102), ("2026-01-09", 110),
                        ("2026-01-12", 120)])
        let f = s.forwardReturns(calendarDays: 3)
        // From Fri 01-02: first row ≥ Mon 01-05 is 101.
        #expect(abs(f[0] - 0.01) < 1e-15)
        // From Mon 01-05: first row ≥ Thu 01-08 is Fri 01-09 (110).
        #expect(abs(f[1] - (110.0 / 101 - 1)) < 1e-15)
        #expect(abs(f[2] - (110.0 / 102 - 1)) < 1e-15)
        #expect(abs(f[3] - (120.0 / 110 - 1)) < 1e-15)
        #expect(f[4].isNaN)
        #expect(s.forwardReturns(calendarDays: 30).allSatisfy { $0.isNaN })
    }

    @Test func singleForwardReturnNeedsTheSeriesToExist() {
        let s = series([("2015-08-07", 2), ("2015-09-07", 3), ("2015-11-06", 4)])
        #expect(s.forwardReturn(from: day("2015-08-07"), calendarDays: 30) == 0.5)
        // Before the series starts, or past its end: no return (never a silent 0 %).
        #expect(s.forwardReturn(from: day("2014-12-26"), calendarDays: 30) == nil)
        #expect(s.forwardReturn(from: day("2015-09-07"), calendarDays: 90) == nil)
    }

    @Test func weeklyLastMatchesPandasWFRI() {
        // Thursday before a Good-Friday-like holiday, weekend crypto rows, a partial last week.
        let s = series([
            ("2026-03-30", 1), ("2026-04-02", 2),  // Mon, Thu (Fri 04-03 missing) → label 04-03
            ("2026-04-04", 3), ("2026-04-05", 4),  // Sat, Sun → week ending Fri 04-10
            ("2026-04-08", 5),  // Wed → same week
            ("2026-04-21", 6),  // Tue, after an empty week (04-17 dropped)
        ])
        let w = s.weeklyLast()
        #expect(w.days == ["2026-04-03", "2026-04-10", "2026-04-24"].map(day))
        #expect(w.values == [2, 5, 6])
        #expect(w.calendar == .weekly)
    }

    @Test func monthlyLast() {
        let s = series([("2026-01-05", 1), ("2026-01-30", 2), ("2026-03-02", 3)])
        let m = s.monthlyLast()
        #expect(m.days == ["2026-01-31", "2026-03-31"].map(day))
        #expect(m.values == [2, 3])
    }
}
