import Dispatch
import RiskflowCore

/// The fast path for files without quotes: one pass per line that parses each field in
/// place (no field arrays), run on chunks of the file in parallel across cores. It
/// accepts exactly what the general path accepts and reports the same errors (the one
/// on the earliest line); ``CSVParser`` uses it whenever the data has no `"`.
package enum CSVFastPath {
    /// What each column holds.
    package enum Role: UInt8 { case ignore, date, open, high, low, close, adjClose, volume, marketCap }

    package static func roles(_ layout: CSVLayout) -> [Role] {
        var r = [Role](repeating: .ignore, count: layout.columnCount)
        r[layout.date] = .date
        r[layout.close] = .close
        if let i = layout.open { r[i] = .open }
        if let i = layout.high { r[i] = .high }
        if let i = layout.low { r[i] = .low }
        if let i = layout.adjClose { r[i] = .adjClose }
        if let i = layout.volume { r[i] = .volume }
        if let i = layout.marketCap { r[i] = .marketCap }
        return r
    }

    /// Parses the data rows in `bytes[start..<bytes.count]`, whose first line is line
    /// number `firstLine` of the file.
    ///
    /// Two parallel passes over chunks that end at newlines: the first counts each
    /// chunk's lines, which fixes where its rows go and their line numbers; the second
    /// parses every chunk straight into the shared output columns. Rows are compacted
    /// only where skipped or blank lines left holes.
    package static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, firstLine: Int, layout: CSVLayout, file: String,
        adjust: Bool
    ) throws(ImportError) -> (rows: RowBuffer, skipped: Int) {
        let n = bytes.count
        let size = n - start
        // No data bytes: no rows (what the chunk pass would find), and no buffer to point into.
        guard size > 0, bytes.baseAddress != nil else { return (RowBuffer(), 0) }
        let workers = size > 1 << 20 ? max(1, min(8, Parallel.cores)) : 1
        var bounds = [start]
        for k in 1..<workers {
            var b = start + size * k / workers
            while b < n && bytes[b - 1] != 10 { b += 1 }
            if b > bounds[bounds.count - 1] && b < n { bounds.append(b) }
        }
        bounds.append(n)
        let chunkBounds = bounds
        let chunks = bounds.count - 1
        let shared = SharedBytes(buffer: bytes)
        // Pass 1: lines per chunk (a chunk's last line may lack its newline).
        let counts = Parallel.map(chunks) { k in
            // trap-ok: `parse` returned early for a buffer without storage.
            let p = shared.buffer.baseAddress!
            var c = countNewlines(p, from: chunkBounds[k], to: chunkBounds[k + 1])
            if chunkBounds[k + 1] > chunkBounds[k] && p[chunkBounds[k + 1] - 1] != 10 { c += 1 }
            return c
        }
        var offsets = [Int](repeating: 0, count: chunks + 1)
        for k in 0..<chunks { offsets[k + 1] = offsets[k] + counts[k] }
        let capacity = offsets[chunks]
        let rowOffsets = offsets
        var columns = RowBuffer(uninitializedCount: capacity)
        var results: [ChunkResult] = []
        let roles = roles(layout)
        columns.withColumnPointers { out in
            results = Parallel.map(chunks) { k in
                parseChunk(
                    shared.buffer, from: chunkBounds[k], to: chunkBounds[k + 1], isLastChunk: k == chunks - 1,
                    roles: roles, layout: layout, adjust: adjust, out: out, at: rowOffsets[k],
                    firstLine: firstLine + rowOffsets[k])
            }
        }
        // The first error in file order wins; then close the holes.
        var skipped = 0
        var written = 0
        for k in 0..<chunks {
            let chunk = results[k]
            if let failure = chunk.failure {
                throw ImportError(
                    file: file, line: failure.line, field: failure.column.map(layout.name), reason: failure.reason)
            }
            skipped += chunk.skipped
            columns.moveRows(from: rowOffsets[k], count: chunk.rows, to: written)
            written += chunk.rows
        }
        columns.truncate(to: written)
        return (columns, skipped)
    }

    /// Number of `\n` bytes in p[from..<to], eight bytes at a time: XOR with 0x0A in
    /// every byte turns newlines into zero bytes, which the exact zero-byte test
    /// ~(((x & 0x7F…) + 0x7F…) | x | 0x7F…) marks with one high bit each (no false
    /// positives, unlike the cheaper "has a zero byte" test).
    package static func countNewlines(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var i = from
        var count = 0
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        let raw = UnsafeRawPointer(p)
        while i + 8 <= to {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ newlines
            let t = ~(((x & lows) &+ lows) | x | lows)
            count &+= t.nonzeroBitCount
            i += 8
        }
        while i < to {
            if p[i] == 10 { count += 1 }
            i += 1
        }
        return count
    }

    package struct Failure {
        /// The file's line number.
        var line: Int
        var column: Int?
        var reason: String
    }

    package struct ChunkResult {
        /// Rows written from the chunk's offset.
        var rows = 0
        var skipped = 0
        var failure: Failure?
    }

    package static func parseChunk(
        _ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, isLastChunk: Bool, roles: [Role], layout: CSVLayout,
        adjust: Bool, out: ColumnPointers, at rowOffset: Int, firstLine: Int
    ) -> ChunkResult {
        var result = ChunkResult()
        var row = rowOffset
        // trap-ok: only `parse` calls this, after returning early for a buffer without storage.
        let p = bytes.baseAddress!
        let columns = roles.count
        let thousands = layout.thousandsSeparators
        var pos = from
        var line = firstLine - 1
        var monthCache = ISOMonthCache()
        let isPlainISO: Bool
        if case .iso = layout.dateStyle { isPlainISO = true } else { isPlainISO = false }
        roles.withUnsafeBufferPointer { roleTable in
            lineLoop: while pos < to {
                line += 1
                var o = Double.nan, h = Double.nan, l = Double.nan, c = Double.nan
                var adj = Double.nan, v = Double.nan, m = Double.nan
                var day: Day? = nil
                var dateField = (0, 0)
                var column = 0
                var atLineEnd = false
                var terminated = false
                while true {
                    let fieldStart = pos
                    while pos < to {
                        let b = p[pos]
                        if b == 44 || b == 10 { break }
                        pos += 1
                    }
                    var fieldEnd = pos
                    if pos >= to {
                        atLineEnd = true
                    } else if p[pos] == 10 {
                        atLineEnd = true
                        terminated = true
                    }
                    if atLineEnd && fieldEnd > fieldStart && p[fieldEnd - 1] == 13 { fieldEnd -= 1 }
                    pos += 1  // past the comma or newline
                    // A blank line.
                    if column == 0 && atLineEnd && fieldEnd == fieldStart { continue lineLoop }
                    if column < columns {
                        let role = roleTable[column]
                        switch role {
                        case .ignore: break
                        case .date:
                            if isPlainISO && fieldEnd - fieldStart == 10 {
                                day = monthCache.parse(p + fieldStart)
                            } else {
                                day = DateField.parse(
                                    bytes,
                                    FieldRange(start: fieldStart, end: fieldEnd, quoted: false, hasEscapes: false),
                                    style: layout.dateStyle)
                            }
                            dateField = (fieldStart, fieldEnd)
                        default:
                            var value: Double
                            if let x = FastDouble.parseFast(p, fieldStart, fieldEnd) {
                                value = x
                            } else {
                                let range = FieldRange(start: fieldStart, end: fieldEnd, quoted: false, hasEscapes: false)
                                switch FieldValue.parse(bytes, range, thousands: thousands) {
                                case .value(let x): value = x
                                case .missing: value = .nan
                                case .invalid:
                                    let text = String(
                                        decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<fieldEnd]),
                                        as: UTF8.self)
                                    result.failure = Failure(
                                        line: line, column: column, reason: "\"\(text)\" is not a number")
                                    return
                                }
                            }
                            switch role {
                            case .open: o = value
                            case .high: h = value
                            case .low: l = value
                            case .close: c = value
                            case .adjClose: adj = value
                            case .volume: v = value == 0 ? .nan : value
                            case .marketCap: m = value == 0 ? .nan : value
                            case .ignore, .date: break
                            }
                        }
                    }
                    column += 1
                    if atLineEnd { break }
                }
                if column != columns && !(layout.lastFieldOptional && column == columns - 1) {
                    let what = "expected \(columns) fields (\(layout.names.joined(separator: ","))), found \(column)"
                    let truncated = isLastChunk && !terminated
                    result.failure = Failure(line: line, column: nil, reason: truncated ? "truncated last line: \(what)" : what)
                    return
                }
                if c.isNaN {
                    result.skipped += 1
                    continue
                }
                guard let parsedDay = day else {
                    let text = String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[dateField.0..<dateField.1]), as: UTF8.self)
                    result.failure = Failure(
                        line: line, column: layout.date,
                        reason: "\"\(text)\" is not a date (expected \(layout.dateStyle.expectation))")
                    return
                }
                if adjust && !adj.isNaN && c != 0 {
                    let f = adj / c
                    o *= f
                    h *= f
                    l *= f
                    c = adj
                }
                out.days[row] = parsedDay + layout.dayShift
                out.lines[row] = Int32(truncatingIfNeeded: line)
                out.open[row] = o
                out.high[row] = h
                out.low[row] = l
                out.close[row] = c
                out.volume[row] = v
                out.marketCap[row] = m
                row += 1
            }
        }
        result.rows = row - rowOffset
        return result
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Parses `YYYY-MM-DD` remembering the day number of the last month seen, so rows of
/// the same month (most rows, in a daily file) skip the calendar arithmetic.
package struct ISOMonthCache {
    package var key = -1
    package var firstOfMonth: Int32 = 0
    package var daysInMonth = 0

    @inline(__always)
    package mutating func parse(_ b: UnsafePointer<UInt8>) -> Day? {
        guard b[4] == 45, b[7] == 45 else { return nil }
        var year = 0
        for i in 0..<4 {
            let d = Int(b[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            year = year &* 10 &+ d
        }
        let m1 = Int(b[5]) &- 48, m2 = Int(b[6]) &- 48, d1 = Int(b[8]) &- 48, d2 = Int(b[9]) &- 48
        guard m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9 else {
            return nil
        }
        let month = m1 * 10 + m2
        let day = d1 * 10 + d2
        let k = year * 16 + month
        if k != key {
            guard let first = Day(year: year, month: month, day: 1) else { return nil }
            key = k
            firstOfMonth = first.rawValue
            daysInMonth = first.endOfMonth.rawValue - first.rawValue + 1 > 0 ? Int(first.endOfMonth.rawValue - first.rawValue + 1) : 0
        }
        guard day >= 1 && day <= daysInMonth else { return nil }
        return Day(rawValue: firstOfMonth + Int32(day - 1))
    }
}

/// The input bytes, read (never written) by every worker while the caller keeps them alive.
package struct SharedBytes: @unchecked Sendable {
    package let buffer: UnsafeBufferPointer<UInt8>
}
