import Foundation
import RiskflowCore
@testable import RiskflowReport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `true` when `text` parses as well-formed XML.
func isWellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

@Suite("SVG charts") struct ChartTests {
    @Test func downsamplingKeepsPeaksAndMarkedDays() {
        let n = 20_000
        let days = (0..<n).map { Day(rawValue: Int32($0)) }
        var values = (0..<n).map { sin(Double($0) / 300) }
        values[12_345] = 50  // a spike
        let marked: Set<Day> = [days[777], days[15_001]]
        let (d, v) = Downsample.minMax(days: days, values: values, columns: 900, keep: marked)
        #expect(d.count < 4 * 900 + 10)
        #expect(zip(d, v).contains { $0.0 == days[12_345] && $0.1 == 50 })
        #expect(d.contains(days[777]) && d.contains(days[15_001]))
        #expect(d.first == days[0] && d.last == days[n - 1])
        #expect(zip(d, d.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func chartsAreWellFormedSVGWithAxesAndTitles() {
        let days = (0..<12_000).map { Day(rawValue: Int32(5_000 + $0)) }
        var chart = SVGTimeChart(
            title: "A & B <test>",
            lines: [.init(label: "x", days: days, values: days.map { 100 + Double($0.rawValue % 97) }, color: "#000")])
        chart.logScale = true
        chart.markers = [.init(day: days[100], color: "#f00", label: "break")]
        chart.bands = [.init(from: days[10], to: days[40], color: "#0f0", opacity: 0.2)]
        chart.references = [.init(value: 150, color: "#00f", label: "ref")]
        let svg = chart.svg()
        #expect(isWellFormedXML(svg))
        #expect(svg.contains("<title>A &amp; B &lt;test&gt;</title>"))
        #expect(svg.contains("class=\"xtick\"") && svg.contains("class=\"ytick\""))
        #expect(svg.count < 200_000)
        let bars = SVGBarChart(title: "r", labels: Array(-5...5), values: (-5...5).map { Double($0) / 10 }, highlight: 5, guide: 0.2)
        #expect(isWellFormedXML(bars.svg()))
    }

    @Test func scalesAndTicks() {
        let lin = LinearScale(domain: 0...10, range: (0, 100))
        #expect(lin.map(5) == 50)
        #expect(lin.ticks() == [0, 2, 4, 6, 8, 10])
        let log = LinearScale(domain: 1...1000, range: (100, 0), isLog: true)
        #expect(abs(log.map(10) - 66.666_666_666_666_67) < 1e-9)
        #expect(log.ticks().contains(100))
        let t = DateTicks.ticks(from: try! Day(iso: "1990-03-01"), to: try! Day(iso: "2026-08-21"))
        #expect(t.first?.1 == "1995" && t.count <= 10)
    }
}

@Suite("JSON output") struct JSONTextTests {
    struct Sample: Codable { var a: Double; var b: Double? }

    @Test func fullPrecisionNullsAndNoFailureOnNaN() throws {
        let text = try JSONText.encode([Sample(a: 0.1 + 0.2, b: nil)])
        #expect(text.contains("0.30000000000000004"))
        #expect(try JSONText.encode(Sample(a: .nan, b: 1)).contains("\"NaN\""))
    }
}
