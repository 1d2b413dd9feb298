import RiskflowCore
import Testing

@Suite("Units") struct ValueUnitTests {
    @Test func moneyScales() throws {
        #expect(try ValueUnit.millionsUSD.factor(to: .billionsUSD) == 0.001)
        #expect(try ValueUnit.billionsUSD.factor(to: .millionsUSD) == 1000)
        #expect(try ValueUnit.usd.convert(2.5e9, to: .billionsUSD) == 2.5)
        // WALCL (millions) minus RRPONTSYD (billions), both in billions.
        let walcl = 6_745_699.0, rrp = 0.2
        let net = try ValueUnit.millionsUSD.convert(walcl, to: .billionsUSD) - rrp
        #expect(abs(net - 6745.499) < 1e-9)
    }

    @Test func percentAndRatio() throws {
        #expect(try ValueUnit.percent.convert(4.25, to: .ratio) == 0.0425)
    }

    @Test(arguments: [(ValueUnit.usd, ValueUnit.percent), (.millionsUSD, .indexPoints), (.count, .usd)])
    func mismatchIsAnError(from: ValueUnit, to: ValueUnit) {
        #expect(!from.isConvertible(to: to))
        #expect(throws: UnitError(from: from, to: to)) { try from.convert(1, to: to) }
    }

    @Test func seriesConversion() throws {
        let s = Series(id: "WALCL", unit: .millionsUSD, calendar: .weekly, days: [Day(rawValue: 0)], values: [7_000_000])
        let b = try s.converted(to: .billionsUSD)
        #expect(b.values == [7000])
        #expect(b.unit == .billionsUSD)
        #expect(throws: UnitError.self) { try s.converted(to: .percent) }
    }
}
