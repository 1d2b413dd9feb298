import Foundation
@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
import RiskflowCore
import RiskflowTestSupport

func fixture(_ name: String) throws -> [UInt8] {
    let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    return [UInt8](try Data(contentsOf: url))
}

func parse(_ text: String, file: String = "test.csv", format: CSVFormat? = nil) throws(ImportError) -> ParsedCSV {
    try CSVParser.parse(Array(text.utf8), file: file, options: .init(format: format))
}

/// A fresh store: a SQLite file in its own temporary folder, or a new PostgreSQL database.
func temporaryStore(_ backend: TestBackend = .sqlite) async throws -> any RiskflowStore {
    try await backend.freshStore()
}

/// Equality that treats NaN as equal to NaN.
func sameColumns(_ a: Bars, _ b: Bars) -> Bool {
    func eq(_ x: [Double], _ y: [Double]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
    return a.days == b.days && eq(a.open, b.open) && eq(a.high, b.high) && eq(a.low, b.low) && eq(a.close, b.close)
        && eq(a.volume, b.volume) && eq(a.marketCap, b.marketCap)
}

/// Element-wise equality that treats NaN as equal to NaN.
func sameValues(_ x: [Double], _ y: [Double]) -> Bool {
    x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}
