import RiskflowCore

/// `data show` of a ranking table: one block per snapshot day.
public enum RankingRendering {
    public static func table(_ t: RankTable, style: TerminalStyle) -> String {
        var out: [String] = []
        for k in 0..<t.count {
            out.append(style.bold("\(t.id) on \(t.days[k].iso)") + style.dim("  \(t.range(k).count) coins"))
            var table = TextTable(columns: [
                .init("rank", .right), .init("symbol"), .init("name"), .init("price", .right), .init("market cap", .right),
                .init("volume 24h", .right),
            ])
            for e in t.entries(k) {
                let decimals = e.price.isNaN || e.price >= 1 ? 2 : 6
                table.rows.append([
                    String(e.rank), e.symbol, e.name, NumberText.grouped(e.price, decimals: decimals),
                    NumberText.grouped(e.marketCap, decimals: 0), NumberText.grouped(e.volume, decimals: 0),
                ])
            }
            out.append(table.render(style: style))
        }
        return out.isEmpty ? "no snapshot of \(t.id) in that range" : out.joined(separator: "\n")
    }

    /// `date,rank,symbol,name,price,market_cap,volume_24h`, the bundled files' format.
    public static func csv(_ t: RankTable) -> String {
        func v(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }
        var rows: [[String]] = []
        for k in 0..<t.count {
            for e in t.entries(k) {
                rows.append([t.days[k].iso, String(e.rank), e.symbol, e.name, v(e.price), v(e.marketCap), v(e.volume)])
            }
        }
        return CSVText.render(header: ["date", "rank", "symbol", "name", "price", "market_cap", "volume_24h"], rows: rows)
    }

    /// JSON: `{"id","kind":"ranking","as_of","snapshots":[{"date","entries":[{"rank","symbol","name","price","market_cap","volume"}]}]}`.
    public static func document(_ t: RankTable, asOf: Day?) -> RankingDocument {
        RankingDocument(
            id: t.id, asOf: asOf,
            snapshots: (0..<t.count).map { k in
                RankingDocument.Snapshot(
                    date: t.days[k],
                    entries: t.entries(k).map {
                        .init(
                            rank: $0.rank, symbol: $0.symbol, name: $0.name, price: $0.price.isNaN ? nil : $0.price,
                            marketCap: $0.marketCap.isNaN ? nil : $0.marketCap, volume: $0.volume.isNaN ? nil : $0.volume)
                    })
            })
    }
}

/// `data show RANKING --format json`.
public struct RankingDocument: Sendable, Encodable {
    public struct Entry: Sendable, Encodable {
        public var rank: Int
        public var symbol: String
        public var name: String
        @NullEncoded public var price: Double? = nil
        @NullEncoded public var marketCap: Double? = nil
        @NullEncoded public var volume: Double? = nil
        enum CodingKeys: String, CodingKey {
            case rank, symbol, name, price
            case marketCap = "market_cap"
            case volume
        }
    }
    public struct Snapshot: Sendable, Encodable {
        public var date: Day
        public var entries: [Entry]
    }
    public var id: String
    public var kind = "ranking"
    public var asOf: Day?
    public var snapshots: [Snapshot]
    enum CodingKeys: String, CodingKey {
        case id, kind
        case asOf = "as_of"
        case snapshots
    }
}
