import RiskflowCore

/// One row of `data show --format json`; absent fields are `null`.
public struct BarRow: Sendable, Codable, Equatable {
    public var date: Day
    @NullEncoded public var open: Double? = nil
    @NullEncoded public var high: Double? = nil
    @NullEncoded public var low: Double? = nil
    public var close: Double
    @NullEncoded public var volume: Double? = nil
    @NullEncoded public var marketCap: Double? = nil

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case date
        case open
        case high
        case low
        case close
        case volume
        case marketCap = "market_cap"
    }
}

/// `data show --format json`: the series' metadata and its rows.
public struct BarsDocument: Sendable, Codable, Equatable {
    public var id: String
    public var kind: String
    public var unit: String
    public var calendar: String
    public var asOf: Day?
    public var rows: [BarRow]

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case id
        case kind
        case unit
        case calendar
        case asOf = "as_of"
        case rows
    }
}

/// Renders the bars of one series as a table, canonical CSV or JSON.
public enum BarsRendering {
    public static func document(_ bars: Bars, kind: SeriesKind, asOf: Day?) -> BarsDocument {
        func opt(_ x: Double) -> Double? { x.isNaN ? nil : x }
        let rows = (0..<bars.count).map { i in
            BarRow(
                date: bars.days[i], open: opt(bars.open[i]), high: opt(bars.high[i]), low: opt(bars.low[i]),
                close: bars.close[i], volume: opt(bars.volume[i]), marketCap: opt(bars.marketCap[i]))
        }
        return BarsDocument(
            id: bars.id, kind: kind.rawValue, unit: bars.unit.rawValue, calendar: bars.calendar.rawValue, asOf: asOf,
            rows: rows)
    }

    public static func table(_ bars: Bars, holdsValues: Bool, style: TerminalStyle) -> String {
        let decimals = bars.close.contains { abs($0) < 1 && $0 != 0 } ? 6 : 2
        if holdsValues {
            var t = TextTable(columns: [.init("date"), .init("value", .right)])
            t.rows = (0..<bars.count).map { [bars.days[$0].iso, NumberText.grouped(bars.close[$0], decimals: decimals)] }
            return t.render(style: style)
        }
        let withCap = bars.marketCap.contains { !$0.isNaN }
        var columns: [TextTable.Column] = [
            .init("date"), .init("open", .right), .init("high", .right), .init("low", .right), .init("close", .right),
            .init("volume", .right),
        ]
        if withCap { columns.append(.init("market cap", .right)) }
        var t = TextTable(columns: columns)
        t.rows = (0..<bars.count).map { i in
            var row = [
                bars.days[i].iso, NumberText.grouped(bars.open[i], decimals: decimals),
                NumberText.grouped(bars.high[i], decimals: decimals), NumberText.grouped(bars.low[i], decimals: decimals),
                NumberText.grouped(bars.close[i], decimals: decimals), NumberText.grouped(bars.volume[i], decimals: 0),
            ]
            if withCap { row.append(NumberText.grouped(bars.marketCap[i], decimals: 0)) }
            return row
        }
        return t.render(style: style)
    }
}
