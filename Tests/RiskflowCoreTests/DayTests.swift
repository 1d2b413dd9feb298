import Foundation
import RiskflowCore
import Testing

@Suite("Day") struct DayTests {
    @Test(arguments: zip(
        ["1970-01-01", "1969-12-31", "2000-02-29", "2026-01-02", "1900-03-01", "2400-12-31", "0001-01-01"],
        [0, -1, 11_016, 20_455, -25_508, 157_419, -719_162] as [Int32]))
    func knownDayNumbers(text: String, number: Int32) throws {
        let d = try Day(iso: text)
        #expect(d.rawValue == number)
        #expect(d.iso == text)
    }

    @Test func roundTripsEveryDayOverCenturies() throws {
        var previous: (Int, Int, Int)? = nil
        for n in Int32(-200_000)...Int32(200_000) {
            let d = Day(rawValue: n)
            let c = d.components
            #expect(Day(year: c.year, month: c.month, day: c.day) == d)
            if let p = previous {
                // Components increase by exactly one day.
                let next = c.day == 1 ? (c.month == 1 ? (p.0 + 1 == c.year) : (p.1 + 1 == c.month)) : (p.2 + 1 == c.day)
                #expect(next, "\(d.iso)")
            }
            previous = c
        }
    }

    @Test(arguments: ["2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-1-01", "20250101", "abcd-ef-gh",
                      "", "2025-01-01x", " 2025-01-01"])
    func rejectsInvalidDates(text: String) {
        #expect(throws: DayParseError.self) { try Day(iso: text) }
    }

    @Test func weekdaysAndWeeks() throws {
        #expect(try Day(iso: "1970-01-01").weekday == .thursday)
        #expect(try Day(iso: "2026-01-02").weekday == .friday)
        #expect(try Day(iso: "2026-01-03").isWeekend)
        // W-FRI: Saturday and Sunday belong to the following Friday.
        #expect(try Day(iso: "2026-01-03").weekEndingFriday == Day(iso: "2026-01-09"))
        #expect(try Day(iso: "2026-01-04").weekEndingFriday == Day(iso: "2026-01-09"))
        #expect(try Day(iso: "2026-01-02").weekEndingFriday == Day(iso: "2026-01-02"))
        #expect(try Day(iso: "2026-01-05").weekEndingFriday == Day(iso: "2026-01-09"))
    }

    @Test func monthArithmetic() throws {
        #expect(try Day(iso: "2024-01-31").adding(months: 1) == Day(iso: "2024-02-29"))
        #expect(try Day(iso: "2024-03-31").adding(months: -13) == Day(iso: "2023-02-28"))
        #expect(try Day(iso: "2025-11-01").endOfMonth == Day(iso: "2025-11-30"))
        #expect(try Day(iso: "2024-02-10").endOfMonth == Day(iso: "2024-02-29"))
        #expect(try Day(iso: "2026-08-21").startOfYear == Day(iso: "2026-01-01"))
        #expect(try Day(iso: "2026-08-21") - Day(iso: "2026-01-01") == 232)
    }

    @Test func codableAsISOString() throws {
        let d = try Day(iso: "2026-01-02")
        let json = String(decoding: try JSONEncoder().encode([d]), as: UTF8.self)
        #expect(json == #"["2026-01-02"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: Data(json.utf8)) == [d])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
