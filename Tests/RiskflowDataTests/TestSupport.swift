import Foundation
@testable import RiskflowData
import RiskflowCore

func day(_ s: String) -> Day { try! Day(iso: s) }

func fixture(_ name: String) throws -> [UInt8] {
    let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    return [UInt8](try Data(contentsOf: url))
}

func parse(_ text: String, file: String = "test.csv", format: CSVFormat? = nil) throws(ImportError) -> ParsedCSV {
    try CSVParser.parse(Array(text.utf8), file: file, options: .init(format: format))
}

/// A fresh store in its own temporary folder.
func temporaryStore() throws -> Store {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("riskflow-test-\(UUID().uuidString)")
    return try Store(path: dir.appendingPathComponent("riskflow.sqlite").path)
}

func bars(_ id: String, _ rows: [(String, Double)], unit: ValueUnit = .usd, calendar: SeriesCalendar = .nyse) -> Bars {
    let nan = [Double](repeating: .nan, count: rows.count)
    return Bars(
        id: id, unit: unit, calendar: calendar, days: rows.map { day($0.0) }, open: nan, high: nan, low: nan,
        close: rows.map(\.1), volume: nan, marketCap: nan)
}

/// Equality that treats NaN as equal to NaN.
func sameColumns(_ a: Bars, _ b: Bars) -> Bool {
    func eq(_ x: [Double], _ y: [Double]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
    return a.days == b.days && eq(a.open, b.open) && eq(a.high, b.high) && eq(a.low, b.low) && eq(a.close, b.close)
        && eq(a.volume, b.volume) && eq(a.marketCap, b.marketCap)
}
