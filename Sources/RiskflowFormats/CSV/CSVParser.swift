import RiskflowCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Options for reading one CSV file.
public struct CSVReadOptions: Sendable {
    /// Use this format instead of detecting one.
    public var format: CSVFormat?
    /// For Yahoo files: use the adjusted close and scale open/high/low by Adj Close /
    /// Close (default, like the bundled ETFs); `false` keeps the raw Close.
    public var adjustYahoo: Bool
    /// Use the parallel fast path for files without quotes (tests turn it off to compare).
    package var allowsFastPath = true

    public init(format: CSVFormat? = nil, adjustYahoo: Bool = true) {
        self.format = format
        self.adjustYahoo = adjustYahoo
    }
}

/// The rows of one CSV file, in increasing date order, with what was done to them.
public struct ParsedCSV: Sendable {
    /// The format read (detected or forced).
    public var format: CSVFormat
    /// The id the file itself names (FRED's column, a Kaggle symbol, a yfinance ticker).
    public var seriesHint: String?
    /// `true` when the file holds values (`date,value`, FRED) rather than prices.
    public var holdsValues: Bool
    public var days: [Day]
    public var open: [Double]
    public var high: [Double]
    public var low: [Double]
    public var close: [Double]
    public var volume: [Double]
    public var marketCap: [Double]
    /// Rows skipped because they had no close/value (Yahoo `null`, FRED `.`).
    public var skippedMissing: Int
    /// Exact duplicate rows dropped (same date, same values).
    public var droppedDuplicates: Int
    /// `true` when the file was newest-first and was reversed.
    public var wasReversed: Bool

    public var rowCount: Int { days.count }

    /// The rows as ``Bars``.
    public func bars(id: String, unit: ValueUnit, calendar: SeriesCalendar) -> Bars {
        Bars(
            id: id, unit: unit, calendar: calendar, days: days, open: open, high: high, low: low, close: close,
            volume: volume, marketCap: marketCap)
    }
}

/// Reads CSV files of the formats in ``CSVFormat`` into columns.
public enum CSVParser {
    /// Parses a whole file's bytes.
    ///
    /// - Parameters:
    ///   - bytes: the file content (UTF-8; a BOM is skipped).
    ///   - file: the name used in error messages.
    /// - Throws: ``ImportError`` naming the line and column of the first problem: empty
    ///   file, unknown header, wrong column count, a truncated last line, an unparseable
    ///   date or number, dates out of order, a duplicate date with different values,
    ///   non-positive prices.
    /// - Complexity: O(*n*) in the file size, plus O(*r* log *r*) never (no sorting):
    ///   files must be in increasing or decreasing date order.
    public static func parse(_ bytes: [UInt8], file: String, options: CSVReadOptions = .init()) throws(ImportError)
        -> ParsedCSV
    {
        let result: Result<ParsedCSV, ImportError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(ImportError) {
                return .success(try parse(buffer, file: file, options: options))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    package static func parse(_ buffer: UnsafeBufferPointer<UInt8>, file: String, options: CSVReadOptions) throws(ImportError)
        -> ParsedCSV
    {
        var scanner = CSVScanner(buffer)
        var fields: [FieldRange] = []
        fields.reserveCapacity(16)

        // Header: the first three non-blank lines decide the layout.
        var headLines: [CSVScanner.Line] = []
        var probe = scanner
        while headLines.count < 3, let line = probe.nextLine() {
            if !line.isBlank { headLines.append(line) }
        }
        let headTexts: [[String]] = headLines.map { line in
            _ = scanner.split(line, into: &fields)
            return fields.map { scanner.text($0) }
        }
        let layout = try CSVLayout.detect(lines: headTexts, forced: options.format, file: file)

        // Skip the header lines; note where the data starts and its first line number.
        var seenHeader = 0
        var dataStart = scanner.position
        var linesBeforeData = 0
        while seenHeader < layout.headerLines, let line = scanner.nextLine() {
            linesBeforeData = line.number
            dataStart = scanner.position
            if !line.isBlank { seenHeader += 1 }
        }
        var rows: RowBuffer
        var skipped = 0
        if options.allowsFastPath && !containsQuote(buffer, from: dataStart) {
            (rows, skipped) = try CSVFastPath.parse(
                buffer, start: dataStart, firstLine: linesBeforeData + 1, layout: layout, file: file,
                adjust: options.adjustYahoo)
        } else {
            rows = RowBuffer()
            while let line = scanner.nextLine() {
                if line.isBlank { continue }
                let n = scanner.split(line, into: &fields)
                if n != layout.columnCount {
                    let optionalMissing = layout.lastFieldOptional && n == layout.columnCount - 1
                    if !optionalMissing {
                        let what =
                            "expected \(layout.columnCount) fields (\(layout.names.joined(separator: ","))), found \(n)"
                        throw ImportError(
                            file: file, line: line.number,
                            reason: line.terminated ? what : "truncated last line: \(what)")
                    }
                }
                let ok = try rows.append(
                    fields: fields, count: n, line: line, scanner: scanner, layout: layout, file: file,
                    adjust: options.adjustYahoo)
                if !ok { skipped += 1 }
            }
        }
        if rows.days.isEmpty {
            throw ImportError(
                file: file, line: 0,
                reason: skipped > 0 ? "no usable rows: all \(skipped) data rows lack a value" : "no data rows")
        }
        return try rows.finish(layout: layout, file: file, skipped: skipped)
    }

    /// `true` when a `"` occurs in `buffer[from...]` (then the quote-aware path is used).
    package static func containsQuote(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
        guard from < buffer.count else { return false }
        // trap-ok: from < buffer.count (checked above), so the buffer has storage.
        return memchr(buffer.baseAddress! + from, 34, buffer.count - from) != nil
    }
}
