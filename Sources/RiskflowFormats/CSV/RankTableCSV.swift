import RiskflowCore

/// Reads a ranking table CSV: `date,rank,symbol,name,price,market_cap,volume_24h`, one
/// row per coin per snapshot day (the bundled `crypto/snapshots*.csv`). Empty price,
/// cap or volume fields are missing; symbols are upper-cased.
public enum RankTableCSV {
    public static let header = ["date", "rank", "symbol", "name", "price", "market_cap", "volume_24h"]

    /// - Throws: ``ImportError`` naming the file, line and column of the first bad field,
    ///   a wrong header, or days out of order.
    public static func parse(_ bytes: [UInt8], file: String, id: String, source: String) throws(ImportError) -> RankTable {
        try bytes.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(ImportError) -> RankTable in
            var scanner = CSVScanner(buffer)
            var fields: [FieldRange] = []
            guard let first = scanner.nextLine() else { throw ImportError(file: file, line: 0, reason: "the file is empty") }
            _ = scanner.split(first, into: &fields)
            let names = fields.map { scanner.text($0).lowercased() }
            guard names == header else {
                throw ImportError(file: file, line: 1, reason: "expected the header \(header.joined(separator: ",")), got \(names.joined(separator: ","))")
            }
            var table = RankTable(id: id, source: source)
            var day: Day? = nil
            var entries: [RankTable.Entry] = []
            func number(_ f: FieldRange, _ column: String, line: Int) throws(ImportError) -> Double {
                let t = scanner.text(f)
                if t.isEmpty { return .nan }
                guard let v = Double(t), v.isFinite, v >= 0 else {
                    throw ImportError(file: file, line: line, field: column, reason: "\"\(t)\" is not a non-negative number")
                }
                return v
            }
            while let line = scanner.nextLine() {
                if line.isBlank { continue }
                guard scanner.split(line, into: &fields) == header.count else {
                    throw ImportError(file: file, line: line.number, reason: "expected \(header.count) fields, got \(fields.count)")
                }
                let dateText = scanner.text(fields[0])
                guard let d = Day(dateText) else {
                    throw ImportError(file: file, line: line.number, field: "date", reason: "\"\(dateText)\" is not a date")
                }
                guard let rank = Int(scanner.text(fields[1])), rank >= 1 else {
                    throw ImportError(file: file, line: line.number, field: "rank", reason: "\"\(scanner.text(fields[1]))\" is not a rank")
                }
                if d != day {
                    if let day {
                        guard d > day else {
                            throw ImportError(file: file, line: line.number, field: "date", reason: "\(d.iso) comes after \(day.iso): dates out of order")
                        }
                        table.append(day: day, entries: entries)
                    }
                    day = d
                    entries.removeAll(keepingCapacity: true)
                }
                entries.append(
                    RankTable.Entry(
                        rank: rank, symbol: scanner.text(fields[2]).uppercased(), name: scanner.text(fields[3]),
                        price: try number(fields[4], "price", line: line.number),
                        marketCap: try number(fields[5], "market_cap", line: line.number),
                        volume: try number(fields[6], "volume_24h", line: line.number)))
            }
            if let day { table.append(day: day, entries: entries) }
            return table
        }
    }
}
