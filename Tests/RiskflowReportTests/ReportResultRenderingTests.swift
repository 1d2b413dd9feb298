import Foundation
import RiskflowCore
@testable import RiskflowReport
import RiskflowResearch
import RiskflowSignals
import RiskflowTestSupport
import Testing

/// The terminal summary, the JSON and the HTML of `riskflow report` render one value
/// (``ReportResult``), computed by ``ReportJob`` and nowhere else.
@Suite("report renderers") struct ReportResultRenderingTests {
    /// A small market: an index with a break of its high, a stock, a macro series, a coin.
    static func market() -> MarketData {
        let days = sessions(400, from: "2024-01-01")
        var closes = (0..<400).map { 2000 + 2 * Double($0 % 50) }
        closes[300] = 2700  // breaks the high, above the round number
        let rut = bars("RUT", days: days, close: closes)
        let stock = bars("AAPL", days: days, close: days.map { _ in 190 }, unit: .usd)
        let rate = bars("DGS10", days: days, close: days.map { _ in 4.2 }, unit: .percent)
        var crypto = bars("BTC", days: days, close: (0..<400).map { 40_000 + Double($0) }, unit: .usd, calendar: .daily)
        crypto.marketCap = crypto.close.map { $0 * 19e6 }
        return MarketData(
            asOf: days.last!, bars: ["RUT": rut, "AAPL": stock, "DGS10": rate, "BTC": crypto],
            kinds: ["RUT": .index, "AAPL": .stock, "DGS10": .macro, "BTC": .crypto])
    }

    static func result() throws -> ReportResult {
        var p = ReportParameters()
        p.version = "test"
        return try ReportJob(parameters: p).run(market())
    }

    @Test func everyKindIsListedIncludingStocks() throws {
        let r = try Self.result()
        #expect(r.coverageByKind.map(\.kind) == [.index, .stock, .macro, .crypto])
        #expect(r.coverage.map(\.id) == ["RUT", "AAPL", "DGS10", "BTC"])
        let terminal = r.terminal(style: .plain)
        #expect(terminal.contains("  stock     1 series, 2024-01-01 … "))
        let html = HTMLReport.render(r)
        #expect(html.contains("<tr><td>stock</td><td>AAPL</td>"))
    }

    @Test func aNumberChangedInTheValueChangesInEveryOutput() throws {
        var r = try Self.result()
        let summary = try #require(r.russell2000)
        #expect(summary.lastClose == 2000 + 2 * Double(399 % 50))
        r.russell2000?.lastClose = 4321.5
        r.firstCloseAbove = day("2024-05-06")
        let terminal = r.terminal(style: .plain)
        let json = try JSONText.encode(r)
        let html = HTMLReport.render(r)
        #expect(terminal.contains("last close      4,321.50 on"))
        #expect(json.contains("\"last_close\" : 4321.5"))
        #expect(html.contains("<b>4,321.50</b>"))
        #expect(terminal.contains("first close above 2,600 on 2024-05-06"))
        #expect(json.contains("\"first_close_above\" : \"2024-05-06\""))
        #expect(html.contains("<b>2024-05-06</b>"))
    }

    @Test func theRoundNumberIsTheFirstCloseAboveIt() throws {
        let r = try Self.result()
        #expect(r.firstCloseAbove == sessions(400, from: "2024-01-01")[300])
        #expect(r.firstCloseAboveLevel == 2700)
        #expect(r.charts.allTimeHigh.last == 2700)
        #expect(r.charts.aftermath.count == r.charts.breakouts.count)
    }

    @Test func theJSONKeepsItsPublicKeysOnly() throws {
        let r = try Self.result()
        let object = try JSONSerialization.jsonObject(with: Data(try JSONText.encode(r).utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["as_of", "russell2000", "coverage", "signals", "round_number", "first_close_above", "lead_lag", "scorecard", "stale_inputs", "inputs_as_of", "track_record"])
    }
}
