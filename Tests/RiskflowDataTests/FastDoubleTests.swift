@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
import Testing

@Suite("Fast number parsing") struct FastDoubleTests {
    func parse(_ s: String) -> Double? {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer { FastDouble.parse($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, 0, $0.count) }
    }

    @Test(arguments: [
        ("0", 0.0), ("-0.5", -0.5), ("+3", 3), ("168.97", 168.97), ("74800", 74800), ("1e3", 1000), ("2.5E-3", 0.0025),
        ("0.000000000000000000000000001", 1e-27), ("12345678901234567890123", 1.2345678901234568e22),
        ("3017.87", 3017.87), ("0.1", 0.1), (".5", 0.5), ("5.", 5), ("1.7976931348623157e308", 1.7976931348623157e308),
        ("9007199254740993", 9007199254740992),
    ])
    func parsesExactly(text: String, expected: Double) {
        #expect(parse(text) == expected)
    }

    @Test(arguments: ["", "-", ".", "1.2.3", "12,3x", "abc", "1e", "1e+", "inf", "nan", "0x10", "1 2", "--1"])
    func rejects(text: String) {
        #expect(parse(text) == nil)
    }

    @Test func agreesWithTheStandardLibraryOnRandomValues() {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            let bits = UInt64.random(in: 0...UInt64.max, using: &g)
            let x = Double(bitPattern: bits)
            guard x.isFinite else { continue }
            #expect(parse("\(x)") == x)
            let y = Double(Int.random(in: -1_000_000_000...1_000_000_000)) / 10_000
            #expect(parse("\(y)") == y)
        }
    }
}
