/// Where each field of a detected format sits, and how to read it.
package struct CSVLayout: Sendable {
    package var format: CSVFormat
    /// Lines before the first data row.
    package var headerLines: Int
    /// Fields per data row.
    package var columnCount: Int
    /// Column names, for error messages.
    package var names: [String]
    package var date: Int
    package var open: Int?
    package var high: Int?
    package var low: Int?
    package var close: Int
    package var adjClose: Int?
    package var volume: Int?
    package var marketCap: Int?
    package var dateStyle: DateStyle
    /// Numbers may carry `$` and thousands separators (inside quotes).
    package var thousandsSeparators = false
    /// Days added to each parsed date (CoinGecko: −1).
    package var dayShift = 0
    /// The series id the file names (FRED's column header), if any.
    package var seriesHint: String?
    /// `true` for `date,value` and FRED layouts: values, not prices.
    package var holdsValues = false
    /// The last field (volume) may be absent (Stooq).
    package var lastFieldOptional = false

    package func name(_ column: Int) -> String { column < names.count ? names[column] : "field \(column + 1)" }
}

extension CSVLayout {
    /// Detects the layout from the first lines, or builds the one `forced` names.
    ///
    /// - Parameter lines: the text of the first (up to three) non-blank lines.
    /// - Throws: ``ImportError`` (line 1) when no known layout matches, listing them.
    package static func detect(lines: [[String]], forced: CSVFormat?, file: String) throws(ImportError) -> CSVLayout {
        guard let first = lines.first else {
            throw ImportError(file: file, line: 0, reason: "file is empty")
        }
        let candidates: [CSVLayout] = CSVFormat.allCases.compactMap { make($0, lines: lines) }
        if let forced {
            if let match = candidates.first(where: { $0.format == forced }) { return match }
            throw ImportError(
                file: file, line: 1,
                reason:
                    "header \"\(first.joined(separator: ","))\" does not match format '\(forced.rawValue)' (expected \(forced.signature))"
            )
        }
        if let match = candidates.first { return match }
        let known = CSVFormat.allCases.map { "  \($0.rawValue): \($0.signature)" }.joined(separator: "\n")
        throw ImportError(
            file: file, line: 1,
            reason: "unknown header \"\(first.joined(separator: ","))\"; known formats:\n\(known)")
    }

    private static func make(_ format: CSVFormat, lines: [[String]]) -> CSVLayout? {
        let raw = lines[0]
        let lower = raw.map { $0.trimmed.lowercased() }
        func index(_ name: String, in names: [String]) -> Int? { names.firstIndex(of: name) }
        switch format {
        case .canonical:
            guard raw.first == "date" else { return nil }
            if raw == ["date", "value"] {
                return CSVLayout(
                    format: .canonical, headerLines: 1, columnCount: 2, names: raw, date: 0, close: 1,
                    dateStyle: .iso(allowTime: false), holdsValues: true)
            }
            let allowed: Set<String> = ["date", "open", "high", "low", "close", "volume", "market_cap"]
            guard Set(raw).count == raw.count, raw.allSatisfy(allowed.contains), let c = index("close", in: raw)
            else { return nil }
            return CSVLayout(
                format: .canonical, headerLines: 1, columnCount: raw.count, names: raw, date: 0,
                open: index("open", in: raw), high: index("high", in: raw), low: index("low", in: raw), close: c,
                volume: index("volume", in: raw), marketCap: index("market_cap", in: raw),
                dateStyle: .iso(allowTime: false))
        case .yahoo:
            if lower.first == "price", lines.count >= 3, lines[1].first?.lowercased() == "ticker",
                lines[2].first?.lowercased() == "date"
            {
                // yfinance MultiIndex to_csv: names on line 1, the ticker on line 2.
                guard let c = index("close", in: lower) else { return nil }
                var names = lower
                names[0] = "date"
                return CSVLayout(
                    format: .yahoo, headerLines: 3, columnCount: raw.count, names: names, date: 0,
                    open: index("open", in: lower), high: index("high", in: lower), low: index("low", in: lower),
                    close: c, adjClose: index("adj close", in: lower), volume: index("volume", in: lower),
                    dateStyle: .iso(allowTime: true), seriesHint: lines[1].dropFirst().first)
            }
            guard Set(lower) == ["date", "open", "high", "low", "close", "adj close", "volume"], lower[0] == "date",
                let close = index("close", in: lower)
            else { return nil }
            return CSVLayout(
                format: .yahoo, headerLines: 1, columnCount: raw.count, names: raw, date: 0,
                open: index("open", in: lower), high: index("high", in: lower), low: index("low", in: lower),
                close: close, adjClose: index("adj close", in: lower),
                volume: index("volume", in: lower), dateStyle: .iso(allowTime: false))
        case .stooq:
            guard lower == ["date", "open", "high", "low", "close", "volume"] || lower == ["date", "open", "high", "low", "close"]
            else { return nil }
            let hasVolume = lower.count == 6
            return CSVLayout(
                format: .stooq, headerLines: 1, columnCount: raw.count, names: raw, date: 0, open: 1, high: 2, low: 3,
                close: 4, volume: hasVolume ? 5 : nil, dateStyle: .iso(allowTime: false), lastFieldOptional: hasVolume)
        case .fred:
            guard raw.count == 2, lower[0] == "observation_date" || lower[0] == "date", lower[1] != "value",
                !raw[1].trimmed.isEmpty
            else { return nil }
            return CSVLayout(
                format: .fred, headerLines: 1, columnCount: 2, names: raw, date: 0, close: 1,
                dateStyle: .iso(allowTime: false), seriesHint: raw[1].trimmed, holdsValues: true)
        case .coinmarketcap:
            let names = lower.map { $0.replacingStars() }
            if Set(names) == ["date", "open", "high", "low", "close", "volume", "market cap"],
                let date = index("date", in: names), let close = index("close", in: names)
            {
                return CSVLayout(
                    format: .coinmarketcap, headerLines: 1, columnCount: raw.count, names: raw,
                    date: date, open: index("open", in: names), high: index("high", in: names),
                    low: index("low", in: names), close: close,
                    volume: index("volume", in: names), marketCap: index("market cap", in: names),
                    dateStyle: .monthNameDayYear, thousandsSeparators: true)
            }
            if names == ["sno", "name", "symbol", "date", "high", "low", "open", "close", "volume", "marketcap"] {
                return CSVLayout(
                    format: .coinmarketcap, headerLines: 1, columnCount: 10, names: raw, date: 3, open: 6, high: 4,
                    low: 5, close: 7, volume: 8, marketCap: 9, dateStyle: .iso(allowTime: true),
                    seriesHint: lines.count > 1 && lines[1].count > 2 ? lines[1][2].trimmed : nil)
            }
            return nil
        case .coingecko:
            guard lower == ["snapped_at", "price", "market_cap", "total_volume"] else { return nil }
            return CSVLayout(
                format: .coingecko, headerLines: 1, columnCount: 4, names: raw, date: 0, close: 1, volume: 3,
                marketCap: 2, dateStyle: .iso(allowTime: true), dayShift: -1)
        case .binance:
            guard raw.count == 12, let t = raw.first, t.count >= 10, t.allSatisfy(\.isASCIIDigit) else { return nil }
            let names = [
                "open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "trades",
                "taker_base_volume", "taker_quote_volume", "ignore",
            ]
            return CSVLayout(
                format: .binance, headerLines: 0, columnCount: 12, names: names, date: 0, open: 1, high: 2, low: 3,
                close: 4, volume: 7, dateStyle: .unixTime)
        case .cryptodatadownload:
            guard lines.count >= 2, !raw.contains(where: { $0.lowercased() == "close" }) else { return nil }
            let header = lines[1].map { $0.trimmed.lowercased() }
            guard header.count >= 9, header[0] == "unix", header[1] == "date", let c = index("close", in: header)
            else { return nil }
            let volumes = header.indices.filter { header[$0].hasPrefix("volume") }
            return CSVLayout(
                format: .cryptodatadownload, headerLines: 2, columnCount: header.count, names: lines[1], date: 1,
                open: index("open", in: header), high: index("high", in: header), low: index("low", in: header),
                close: c, volume: volumes.last, dateStyle: .iso(allowTime: true))
        }
    }
}

extension String {
    package var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    fileprivate func replacingStars() -> String { String(filter { $0 != "*" }) }
}

extension Character {
    package var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
