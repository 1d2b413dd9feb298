import Foundation
import RiskflowCore
import Testing
import RiskflowTestSupport

@Suite("Data quality") struct DataQualityTests {
    func bars(_ days: [Day], _ close: [Double], calendar: SeriesCalendar = .nyse) -> Bars {
        RiskflowTestSupport.bars("T", days: days, close: close, unit: .usd, calendar: calendar)
    }

    @Test func cleanSeriesHasNoFinding() {
        var days: [Day] = []
        var d = day("2026-01-05")
        while days.count < 100 {
            if !d.isWeekend { days.append(d) }
            d = d + 1
        }
        let close: [Double] = (0..<100).map { (i: Int) -> Double in
            let wiggle: Double = Double(i % 7) * 0.5
            return 100.0 + wiggle + Double(i) * 0.01
        }
        #expect(DataQuality.check(bars(days, close), kind: .etf).issues.isEmpty)
    }

    @Test func errorsAndWarnings() {
        let days = ["2026-01-02", "2026-01-02", "2026-01-03", "2026-01-05", "2026-01-20"].map(day)
        let r = DataQuality.check(bars(days, [10, 11, 12, -1, 5]), kind: .etf)
        let kinds = Set(r.issues.map(\.kind))
        #expect(kinds.isSuperset(of: [.duplicate, .weekend, .nonPositive, .gap]))
        #expect(r.hasErrors)
        let gap = r.issues.first { $0.kind == .gap }!
        #expect(gap.severity == .warning)
        #expect(gap.day == day("2026-01-05"))
        #expect(gap.until == day("2026-01-20"))
        // Macro values may be negative.
        let macro = DataQuality.check(bars(["2026-01-05", "2026-01-06"].map(day), [-0.5, 0.1]), kind: .macro)
        #expect(!macro.hasErrors)
        // A macro value on a weekend (ICE month-end) is a warning, a weekend price an error.
        let weekend = DataQuality.check(bars(["2026-01-30", "2026-01-31"].map(day), [3.1, 3.2]), kind: .macro)
        #expect(weekend.issues.map(\.severity) == [.warning])
    }

    @Test func staleRunsAndOutliers() {
        let n = 120
        let days = (0..<n).map { Day(rawValue: 20_000 + Int32($0)) }
        var close = (0..<n).map { 100 * (1 + 0.01 * sin(Double($0))) }
        for i in 30..<36 { close[i] = 99 }  // 6 identical closes
        close[100] = close[99] * 1.5  // +40 % log return in a ~0.7 % vol series
        let r = DataQuality.check(bars(days, close, calendar: .daily), kind: .crypto)
        let stale = r.issues.filter { $0.kind == .stale }
        #expect(stale.count == 1)
        #expect(stale[0].day == days[30])
        #expect(stale[0].until == days[35])
        let outliers = r.issues.filter { $0.kind == .outlier }
        #expect(outliers.map(\.day).contains(days[100]))
        #expect(!r.hasErrors)
    }
}
