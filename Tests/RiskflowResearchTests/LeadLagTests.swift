import Foundation
import RiskflowCore
@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
@testable import RiskflowResearch
import RiskflowStats
import Testing
import RiskflowTestSupport

struct PeersFixture: Decodable {
    struct Granger: Decodable { var lag: Int; var nobs: Int; var f: Double; var p: Double?; var chi2: Double; var lr: Double }
    struct VAR: Decodable { var selected: [String: Int] }
    struct XCorr: Decodable { var lag: Int; var r: Double?; var n: Int }
    struct Case: Decodable {
        var name: String
        var dates: [String]
        var x: [Double]
        var y: [Double]
        var x_to_y: [Granger]
        var y_to_x: [Granger]
        var `var`: VAR
        var xcorr: [XCorr]
    }
    var cases: [Case]
    static let shared: PeersFixture = {
        let url = Bundle.module.url(forResource: "leadlag_peers", withExtension: "json")!
        return try! JSONDecoder().decode(PeersFixture.self, from: Data(contentsOf: url))
    }()
}

/// Closes of a bundled series, read straight from the package's snapshot CSV, cut to the
/// rows the peer fixtures were computed from (the snapshot before the 2026-12 refresh:
/// crypto to 2026-08-20, prices to 2026-08-21; the refresh only appended rows).
func bundled(_ path: String, id: String) throws -> Series {
    let bytes = [UInt8](try Data(contentsOf: BundledSnapshot.folder.appendingPathComponent(path)))
    let p = try CSVParser.parse(bytes, file: path)
    let end = p.days.upperBound(of: day(path.hasPrefix("crypto/") ? "2026-08-20" : "2026-08-21"))
    return Series(id: id, unit: .usd, calendar: .daily, days: Array(p.days[..<end]), values: Array(p.close[..<end]))
}

@Suite("Lead-lag pipeline against the peers") struct LeadLagTests {
    @Test(arguments: [("RUT_ETH_W_log_returns", "crypto/ETH.csv", LeadLagOptions.Frequency.weekly),
                      ("RUT_BTC_D_log_returns", "crypto/BTC.csv", .daily)])
    func alignmentAndStatisticsMatch(name: String, follower: String, frequency: LeadLagOptions.Frequency) throws {
        let c = PeersFixture.shared.cases.first { $0.name == name }!
        let rut = try bundled("prices/RUT.csv", id: "RUT")
        let other = try bundled(follower, id: "Y")
        var o = LeadLagOptions()
        o.frequency = frequency
        let moves = try o.align(x: rut, y: other)
        #expect(moves.days.map(\.iso) == c.dates)
        #expect(zip(moves.x, c.x).allSatisfy { close($0, $1, 1e-15) })
        #expect(zip(moves.y, c.y).allSatisfy { close($0, $1, 1e-15) })
        let r = try LeadLag.analyze(x: rut, y: other, options: o)
        #expect(r.n == c.dates.count)
        let forward = r.granger.filter { $0.cause == "RUT" }
        let backward = r.granger.filter { $0.cause == "Y" }
        for (g, w) in zip(forward, c.x_to_y) {
            #expect(g.lag == w.lag && g.nobs == w.nobs)
            #expect(close(g.f, w.f) && close(g.p, w.p) && close(g.chi2, w.chi2) && close(g.lr, w.lr), "lag \(g.lag)")
        }
        for (g, w) in zip(backward, c.y_to_x) { #expect(close(g.f, w.f) && close(g.p, w.p), "lag \(g.lag)") }
        #expect(r.varOrder.aic == c.var.selected["aic"] && r.varOrder.bic == c.var.selected["bic"])
        #expect(r.varOrder.hqic == c.var.selected["hqic"] && r.varOrder.fpe == c.var.selected["fpe"])
        for (g, w) in zip(r.xcorr, c.xcorr) {
            #expect(g.lag == w.lag && g.n == w.n)
            #expect(close(g.r!, w.r, 1e-9))
        }
    }


    @Test func returnsVersusClosesAlignment() throws {
        // Equity Fri, Mon; crypto Fri, Sat, Sun, Mon.
        let eq = Series(id: "EQ", unit: .usd, calendar: .nyse, days: [day("2026-01-02"), day("2026-01-05")], values: [100, 110])
        let cr = Series(
            id: "CR", unit: .usd, calendar: .daily, days: ["2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"].map(day),
            values: [10, 11, 12, 15])
        var o = LeadLagOptions()
        o.returns = .simple
        let byReturns = try o.align(x: eq, y: cr)
        #expect(byReturns.days == [day("2026-01-05")])
        #expect(abs(byReturns.y[0] - 0.25) < 1e-15)  // Sun → Mon
        o.align = .closes
        let byCloses = try o.align(x: eq, y: cr)
        #expect(abs(byCloses.y[0] - 0.5) < 1e-15)  // Fri → Mon
        #expect(abs(byCloses.x[0] - 0.1) < 1e-15)
    }

    @Test func rollingWindowsEqualTheTestOnTheirSlice() throws {
        let rut = try bundled("prices/RUT.csv", id: "RUT").slice(from: day("2020-01-01"))
        let eth = try bundled("crypto/ETH.csv", id: "ETH")
        var o = LeadLagOptions()
        o.frequency = .weekly
        o.maxLag = 2
        o.window = 52
        o.step = 26
        let r = try LeadLag.analyze(x: rut, y: eth, options: o)
        let moves = try o.align(x: rut, y: eth)
        let windows = try #require(r.rolling)
        #expect(windows.count == (moves.days.count - 52) / 26 + 1)
        let w = windows[3]
        let lo = 3 * 26
        #expect(w.start == moves.days[lo] && w.end == moves.days[lo + 51])
        let direct = try Granger.single(x: Array(moves.x[lo..<(lo + 52)]), y: Array(moves.y[lo..<(lo + 52)]), lag: 2)
        #expect(close(w.pXToY[1]!, direct.p, 1e-12))
    }

    @Test func clearErrors() throws {
        let short = Series(id: "A", unit: .usd, calendar: .daily, days: (0..<10).map { Day(rawValue: Int32($0)) },
                           values: (0..<10).map { 1 + Double($0 % 3) })
        let e = #expect(throws: LeadLagError.self) { try LeadLag.analyze(x: short, y: short, options: .init()) }
        #expect(e?.description.contains("need more than 25") == true)
        let negative = Series(id: "SPREAD", unit: .percent, calendar: .daily, days: (0..<100).map { Day(rawValue: Int32($0)) },
                              values: (0..<100).map { sin(Double($0)) })
        let n = #expect(throws: LeadLagError.self) { try LeadLag.analyze(x: negative, y: negative, options: .init()) }
        #expect(n?.code == .nonPositiveValues)
        var o = LeadLagOptions()
        o.transform = .diff
        o.maxLag = 2
        // Pseudo-random levels that go negative: fine as differences.
        var g = SplitMix64(seed: 7)
        func noise() -> Double { g.nextUnit() - 0.5 }
        let a = Series(id: "A", unit: .percent, calendar: .daily, days: negative.days, values: (0..<100).map { _ in noise() })
        let b = Series(id: "B", unit: .percent, calendar: .daily, days: negative.days, values: (0..<100).map { _ in noise() })
        let r = try LeadLag.analyze(x: a, y: b, options: o)
        #expect(r.transform == .diff && r.n == 99)
    }
}
