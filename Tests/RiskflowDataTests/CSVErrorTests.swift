import RiskflowCore
@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
import Testing

@Suite("CSV bad input") struct CSVErrorTests {
    @Test func emptyAndHeaderOnly() {
        let empty = #expect(throws: ImportError.self) { try parse("", file: "e.csv") }
        #expect(empty?.description == "e.csv: file is empty")
        let blank = #expect(throws: ImportError.self) { try parse("\n\n", file: "e.csv") }
        #expect(blank?.description == "e.csv: file is empty")
        let header = #expect(throws: ImportError.self) { try parse("date,value\n", file: "h.csv") }
        #expect(header?.description == "h.csv: no data rows")
    }

    @Test func notANumberNamesFileLineAndColumn() {
        let text = "date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1,2,0.5,\"12,3x\",100\n"
        let e = #expect(throws: ImportError.self) { try parse(text, file: "IWM.csv") }
        #expect(e?.description == #"IWM.csv:3: column 'close': "12,3x" is not a number"#)
    }

    @Test func badDate() {
        let e = #expect(throws: ImportError.self) { try parse("date,value\n2020-01-02,1\n2020-02-30,2\n", file: "x.csv") }
        #expect(e?.line == 3)
        #expect(e?.field == "date")
        #expect(e?.reason.contains("\"2020-02-30\" is not a date") == true)
    }

    @Test func wrongColumnCountAndTruncatedLastLine() {
        let wrong = #expect(throws: ImportError.self) {
            try parse("date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5\n2020-01-03,1,2,0.5,1.5,7\n")
        }
        #expect(wrong?.line == 2)
        #expect(wrong?.reason.hasPrefix("expected 6 fields") == true)
        let truncated = #expect(throws: ImportError.self) {
            try parse("date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1,2")
        }
        #expect(truncated?.line == 3)
        #expect(truncated?.reason.hasPrefix("truncated last line") == true)
    }

    @Test func duplicates() throws {
        let exact = try parse("date,value\n2020-01-02,1\n2020-01-02,1\n2020-01-03,2\n")
        #expect(exact.droppedDuplicates == 1)
        #expect(exact.rowCount == 2)
        let differing = #expect(throws: ImportError.self) {
            try parse("date,value\n2020-01-02,1\n2020-01-03,2\n2020-01-03,2.5\n", file: "d.csv")
        }
        #expect(differing?.description == "d.csv:4: column 'date': duplicate date 2020-01-03 with different values (also on line 3)")
    }

    @Test func outOfOrder() {
        let e = #expect(throws: ImportError.self) {
            try parse("date,value\n2020-01-02,1\n2020-01-05,2\n2020-01-03,3\n")
        }
        #expect(e?.line == 4)
        #expect(e?.reason.contains("out of order") == true)
    }

    @Test func negativeAndZeroPrices() {
        let neg = #expect(throws: ImportError.self) {
            try parse("date,open,high,low,close,volume\n2020-01-02,1,2,0.5,-3.2,100\n", file: "p.csv")
        }
        #expect(neg?.description == "p.csv:2: column 'close': price -3.2 is not positive")
        let zero = #expect(throws: ImportError.self) { try parse("Date,Open,High,Low,Close,Volume\n2020-01-02,0,2,0.5,1,100\n") }
        #expect(zero?.field == "Open")
        let vol = #expect(throws: ImportError.self) { try parse("date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1,-5\n") }
        #expect(vol?.field == "volume")
        // Values (FRED, date,value) may be negative.
        #expect((try? parse("DATE,T10Y2Y\n2020-01-02,-0.25\n"))?.close == [-0.25])
    }

    @Test func bomCRLFQuotesAndTrailingBlankLines() throws {
        let text = "\u{FEFF}date,open,high,low,close,volume\r\n\"2020-01-02\",1,2,0.5,\"1.5\",100\r\n2020-01-03,1,2,0.5,1.6,\r\n\r\n\r\n"
        let p = try parse(text)
        #expect(p.format == .canonical)
        #expect(p.close == [1.5, 1.6])
        #expect(p.volume[1].isNaN)
    }

    @Test func monthNameDatesMustBeReal() {
        let e = #expect(throws: ImportError.self) {
            try parse("Date,Open,High,Low,Close,Volume,Market Cap\n\"Feb 30, 2018\",1,1,1,1,1,1\n")
        }
        #expect(e?.reason.contains("Feb 20, 2018") == true)
    }
}
