import RiskflowCore

/// Accumulates parsed rows column by column, then orders and validates them.
package struct RowBuffer {
    package var days: [Day] = []
    package var lines: [Int32] = []
    package var open: [Double] = []
    package var high: [Double] = []
    package var low: [Double] = []
    package var close: [Double] = []
    package var volume: [Double] = []
    package var marketCap: [Double] = []

    package init() {}

    /// Columns of `count` rows whose values are set later through ``withColumnPointers(_:)``.
    package init(uninitializedCount n: Int) {
        days = [Day](unsafeUninitializedCapacity: n) { _, c in c = n }
        lines = [Int32](unsafeUninitializedCapacity: n) { _, c in c = n }
        open = [Double](unsafeUninitializedCapacity: n) { _, c in c = n }
        high = [Double](unsafeUninitializedCapacity: n) { _, c in c = n }
        low = [Double](unsafeUninitializedCapacity: n) { _, c in c = n }
        close = [Double](unsafeUninitializedCapacity: n) { _, c in c = n }
        volume = [Double](unsafeUninitializedCapacity: n) { _, c in c = n }
        marketCap = [Double](unsafeUninitializedCapacity: n) { _, c in c = n }
    }

    /// Gives `body` pointers to every column, for workers that fill disjoint row ranges.
    package mutating func withColumnPointers(_ body: (ColumnPointers) -> Void) {
        days.withUnsafeMutableBufferPointer { d in
            lines.withUnsafeMutableBufferPointer { li in
                open.withUnsafeMutableBufferPointer { o in
                    high.withUnsafeMutableBufferPointer { h in
                        low.withUnsafeMutableBufferPointer { l in
                            close.withUnsafeMutableBufferPointer { c in
                                volume.withUnsafeMutableBufferPointer { v in
                                    marketCap.withUnsafeMutableBufferPointer { m in
                                        // trap-ok: only CSVFastPath.parse calls this, on ≥ 1 row (it
                                        // returns early without data bytes, and any data byte makes a row).
                                        body(
                                            ColumnPointers(
                                                days: d.baseAddress!, lines: li.baseAddress!, open: o.baseAddress!,
                                                high: h.baseAddress!, low: l.baseAddress!, close: c.baseAddress!,
                                                volume: v.baseAddress!, marketCap: m.baseAddress!))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Moves `count` rows starting at `from` down to `to` (`to ≤ from`).
    package mutating func moveRows(from: Int, count: Int, to: Int) {
        guard from != to, count > 0 else { return }
        func move<T>(_ a: inout [T]) {
            a.withUnsafeMutableBufferPointer { b in
                // trap-ok: count > 0 rows are moved (checked above), so the column has storage.
                (b.baseAddress! + to).update(from: b.baseAddress! + from, count: count)
            }
        }
        move(&days)
        move(&lines)
        move(&open)
        move(&high)
        move(&low)
        move(&close)
        move(&volume)
        move(&marketCap)
    }

    /// Drops rows after the first `count`.
    package mutating func truncate(to count: Int) {
        let extra = days.count - count
        guard extra > 0 else { return }
        days.removeLast(extra)
        lines.removeLast(extra)
        open.removeLast(extra)
        high.removeLast(extra)
        low.removeLast(extra)
        close.removeLast(extra)
        volume.removeLast(extra)
        marketCap.removeLast(extra)
    }

    /// Parses one data row. Returns `false` when the row has no close/value and is
    /// skipped.
    package mutating func append(
        fields: [FieldRange], count n: Int, line: CSVScanner.Line, scanner: CSVScanner, layout: CSVLayout,
        file: String, adjust: Bool
    ) throws(ImportError) -> Bool {
        let bytes = scanner.bytes
        func number(_ column: Int?, zeroIsMissing: Bool = false) throws(ImportError) -> Double {
            guard let column, column < n else { return .nan }
            let f = fields[column]
            switch FieldValue.parse(bytes, f, thousands: layout.thousandsSeparators) {
            case .missing: return .nan
            case .value(let v): return zeroIsMissing && v == 0 ? .nan : v
            case .invalid:
                throw ImportError(
                    file: file, line: line.number, field: layout.name(column),
                    reason: "\"\(scanner.text(f))\" is not a number")
            }
        }
        var c = try number(layout.close)
        if c.isNaN { return false }
        let dateField = fields[layout.date]
        guard var day = DateField.parse(bytes, dateField, style: layout.dateStyle) else {
            throw ImportError(
                file: file, line: line.number, field: layout.name(layout.date),
                reason: "\"\(scanner.text(dateField))\" is not a date (expected \(layout.dateStyle.expectation))")
        }
        day = day + layout.dayShift
        var o = try number(layout.open)
        var h = try number(layout.high)
        var l = try number(layout.low)
        let v = try number(layout.volume, zeroIsMissing: true)
        let m = try number(layout.marketCap, zeroIsMissing: true)
        if adjust, let a = layout.adjClose {
            let adj = try number(a)
            if !adj.isNaN && c != 0 {
                let factor = adj / c
                o *= factor
                h *= factor
                l *= factor
                c = adj
            }
        }
        days.append(day)
        lines.append(Int32(truncatingIfNeeded: line.number))
        open.append(o)
        high.append(h)
        low.append(l)
        close.append(c)
        volume.append(v)
        marketCap.append(m)
        return true
    }

    /// Puts the rows in increasing date order, drops exact duplicates, and checks
    /// ordering and values.
    package mutating func finish(layout: CSVLayout, file: String, skipped: Int) throws(ImportError) -> ParsedCSV {
        let reversed = days.count >= 2 && days[days.count - 1] < days[0]
        if reversed {
            days.reverse()
            lines.reverse()
            open.reverse()
            high.reverse()
            low.reverse()
            close.reverse()
            volume.reverse()
            marketCap.reverse()
        }
        var duplicates = 0
        var w = 0
        for r in 0..<days.count {
            if w > 0 && days[r] <= days[w - 1] {
                if days[r] < days[w - 1] {
                    throw ImportError(
                        file: file, line: Int(lines[r]), field: layout.name(layout.date),
                        reason:
                            "date \(days[r].iso) is out of order: it follows \(days[w - 1].iso) (line \(lines[w - 1])); rows must be in increasing or decreasing date order"
                    )
                }
                let same =
                    close[r] == close[w - 1] && sameOrBothMissing(open[r], open[w - 1])
                    && sameOrBothMissing(high[r], high[w - 1]) && sameOrBothMissing(low[r], low[w - 1])
                    && sameOrBothMissing(volume[r], volume[w - 1])
                    && sameOrBothMissing(marketCap[r], marketCap[w - 1])
                if !same {
                    throw ImportError(
                        file: file, line: Int(lines[r]), field: layout.name(layout.date),
                        reason:
                            "duplicate date \(days[r].iso) with different values (also on line \(lines[w - 1]))")
                }
                duplicates += 1
                continue
            }
            if r != w {
                days[w] = days[r]
                lines[w] = lines[r]
                open[w] = open[r]
                high[w] = high[r]
                low[w] = low[r]
                close[w] = close[r]
                volume[w] = volume[r]
                marketCap[w] = marketCap[r]
            }
            w += 1
        }
        if w < days.count {
            days.removeLast(days.count - w)
            lines.removeLast(lines.count - w)
            open.removeLast(open.count - w)
            high.removeLast(high.count - w)
            low.removeLast(low.count - w)
            close.removeLast(close.count - w)
            volume.removeLast(volume.count - w)
            marketCap.removeLast(marketCap.count - w)
        }
        try validateValues(layout: layout, file: file)
        return ParsedCSV(
            format: layout.format, seriesHint: layout.seriesHint, holdsValues: layout.holdsValues, days: days,
            open: open, high: high, low: low, close: close, volume: volume, marketCap: marketCap,
            skippedMissing: skipped, droppedDuplicates: duplicates, wasReversed: reversed)
    }

    private func validateValues(layout: CSVLayout, file: String) throws(ImportError) {
        for r in 0..<days.count {
            if !close[r].isFinite {
                throw ImportError(
                    file: file, line: Int(lines[r]), field: layout.name(layout.close),
                    reason: "\(close[r]) is not a finite number")
            }
            if !layout.holdsValues {
                try requirePositive(close[r], layout.close, row: r, layout: layout, file: file)
                try requirePositive(open[r], layout.open, row: r, layout: layout, file: file)
                try requirePositive(high[r], layout.high, row: r, layout: layout, file: file)
                try requirePositive(low[r], layout.low, row: r, layout: layout, file: file)
            }
            if volume[r] < 0 {
                throw ImportError(
                    file: file, line: Int(lines[r]), field: layout.volume.map(layout.name),
                    reason: "volume \(volume[r]) is negative")
            }
            if marketCap[r] < 0 {
                throw ImportError(
                    file: file, line: Int(lines[r]), field: layout.marketCap.map(layout.name),
                    reason: "market cap \(marketCap[r]) is negative")
            }
        }
    }
}

/// Raw pointers to the columns of a ``RowBuffer``; workers write disjoint rows.
package struct ColumnPointers: @unchecked Sendable {
    package let days: UnsafeMutablePointer<Day>
    package let lines: UnsafeMutablePointer<Int32>
    package let open: UnsafeMutablePointer<Double>
    package let high: UnsafeMutablePointer<Double>
    package let low: UnsafeMutablePointer<Double>
    package let close: UnsafeMutablePointer<Double>
    package let volume: UnsafeMutablePointer<Double>
    package let marketCap: UnsafeMutablePointer<Double>
}

extension RowBuffer {
    @inline(__always)
    fileprivate func requirePositive(_ value: Double, _ column: Int?, row r: Int, layout: CSVLayout, file: String)
        throws(ImportError)
    {
        if value <= 0 {
            throw ImportError(
                file: file, line: Int(lines[r]), field: column.map(layout.name),
                reason: "price \(value) is not positive")
        }
    }
}

@inline(__always)
private func sameOrBothMissing(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

extension DateStyle {
    package var expectation: String {
        switch self {
        case .iso(let allowTime): allowTime ? "YYYY-MM-DD, optionally with a time" : "YYYY-MM-DD"
        case .monthNameDayYear: "a date like \"Feb 20, 2018\""
        case .unixTime: "Unix time in seconds, milliseconds or microseconds"
        }
    }
}
