import RiskflowCore
@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
import Testing
import RiskflowTestSupport

/// The parallel fast path must accept and reject exactly what the general path does,
/// with the same line numbers, also when the problem is in a later chunk.
@Suite("CSV fast path equals general path") struct CSVFastPathTests {
    /// A canonical file of `rows` rows (over 1 MiB from ~25,000 rows, so several chunks).
    func canonical(rows: Int, blankEvery: Int? = nil, missingEvery: Int? = nil) -> String {
        var s = "date,open,high,low,close,volume\n"
        var d = day("1950-01-01")
        for i in 0..<rows {
            if let b = blankEvery, i % b == b - 1 { s += "\n" }
            let close = (missingEvery.map { i % $0 == 0 } ?? false) ? "" : "\(100 + Double(i % 997) / 8)"
            s += "\(d.iso),\(100 + Double(i % 13) / 4),\(110 + Double(i % 7)),\(90 - Double(i % 5)),\(close),\(i % 3 == 0 ? "" : String(1000 + i))\n"
            d = d + 1
        }
        return s
    }

    func both(_ text: String, file: String = "big.csv") -> (Result<ParsedCSV, ImportError>, Result<ParsedCSV, ImportError>) {
        let bytes = Array(text.utf8)
        var general = CSVReadOptions()
        general.allowsFastPath = false
        let a = Result(catching: { () throws(ImportError) in try CSVParser.parse(bytes, file: file) })
        let b = Result(catching: { () throws(ImportError) in try CSVParser.parse(bytes, file: file, options: general) })
        return (a, b)
    }

    func expectSame(_ text: String) throws {
        let (fast, general) = both(text)
        switch (fast, general) {
        case (.success(let f), .success(let g)):
            #expect(f.days == g.days)
            #expect(f.rowCount == g.rowCount)
            #expect(f.skippedMissing == g.skippedMissing)
            #expect(sameColumns(f.bars(id: "X", unit: .usd, calendar: .daily), g.bars(id: "X", unit: .usd, calendar: .daily)))
        case (.failure(let f), .failure(let g)):
            #expect(f == g)
        default:
            Issue.record("fast \(fast) vs general \(general)")
        }
    }

    @Test func largeCleanFile() throws {
        let text = canonical(rows: 60_000)
        #expect(text.utf8.count > 2 << 20)
        try expectSame(text)
        let p = try CSVParser.parse(Array(text.utf8), file: "big.csv")
        #expect(p.rowCount == 60_000)
        #expect(p.days.last == day("1950-01-01") + 59_999)
    }

    @Test func blankLinesAndMissingClosesLeaveNoHoles() throws {
        let text = canonical(rows: 60_000, blankEvery: 7_001, missingEvery: 5_003)
        try expectSame(text)
        let p = try CSVParser.parse(Array(text.utf8), file: "big.csv")
        #expect(p.skippedMissing == 12)
        #expect(p.rowCount == 60_000 - 12)
    }

    @Test func errorsInALaterChunkNameTheirLine() throws {
        var lines = canonical(rows: 60_000).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line 50,001 is a data row far into the second half of the file.
        lines[50_000] = lines[50_000].replacingFirstClose(with: "12x")
        let text = lines.joined(separator: "\n")
        try expectSame(text)
        let e = #expect(throws: ImportError.self) { try CSVParser.parse(Array(text.utf8), file: "big.csv") }
        #expect(e?.line == 50_001)
        #expect(e?.field == "close")
        // Two errors: the earlier one is reported.
        lines[10] = lines[10].replacingFirstClose(with: "oops")
        let two = lines.joined(separator: "\n")
        try expectSame(two)
        #expect((try? CSVParser.parse(Array(two.utf8), file: "big.csv")) == nil)
    }

    @Test func truncatedLastLineAndOrderingInBigFiles() throws {
        var text = canonical(rows: 40_000)
        text += "2059-07-01,1,2"
        try expectSame(text)
        let e = #expect(throws: ImportError.self) { try CSVParser.parse(Array(text.utf8), file: "big.csv") }
        #expect(e?.reason.hasPrefix("truncated last line") == true)
        #expect(e?.line == 40_002)
        var lines = canonical(rows: 40_000).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.swapAt(30_000, 30_001)
        try expectSame(lines.joined(separator: "\n"))
    }
}

extension String {
    /// Replaces the close (5th field) of a canonical row.
    fileprivate func replacingFirstClose(with text: String) -> String {
        var f = split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        f[4] = text
        return f.joined(separator: ",")
    }
}

extension Result where Failure == ImportError {
    init(catching body: () throws(ImportError) -> Success) {
        do { self = .success(try body()) } catch { self = .failure(error) }
    }
}

@Suite("Newline counting") struct NewlineCountTests {
    @Test func wordAtATimeCountEqualsAByteLoop() {
        var g = SystemRandomNumberGenerator()
        for trial in 0..<200 {
            let n = Int.random(in: 0...300, using: &g)
            // Bytes near 0x0A and with the high bit set are where word tricks go wrong.
            let alphabet: [UInt8] = [10, 11, 9, 0x8A, 0x0B, 0, 0xFF, 44, 48, 0x7F, 0x80]
            let bytes = (0..<n).map { _ in trial % 2 == 0 ? alphabet.randomElement(using: &g)! : UInt8.random(in: 0...255, using: &g) }
            let lo = n > 3 ? Int.random(in: 0...3, using: &g) : 0
            let got = bytes.withUnsafeBufferPointer { b in
                b.baseAddress.map { CSVFastPath.countNewlines($0, from: lo, to: n) } ?? 0
            }
            #expect(got == bytes[min(lo, n)...].filter { $0 == 10 }.count, "trial \(trial)")
        }
    }
}
