import Foundation
import RiskflowCore
import RiskflowServer
@testable import RiskflowRuntime
import Testing

/// The OpenAPI document's patterns are the server's checks: a day the pattern admits is a
/// day `Day` parses and the reverse, so schemathesis' schema-valid values are never refused.
@Suite("API patterns agree with the server's parsing")
struct APIPatternTests {
    @Test func theDayPatternAdmitsExactlyTheCalendarDays() {
        let pattern = "^\(APIPattern.day)$"
        for year in ["0000", "0004", "1900", "1999", "2000", "2023", "2024", "2100", "2400", "9999"] {
            for month in 0...13 {
                for day in 0...32 {
                    let text = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
                    #expect(APIPattern.matches(text, pattern) == (Day(text) != nil), "\(text)")
                }
            }
        }
        for text in ["2024-1-01", "2024-01-1", "20240101", "2024-01-01T00:00", " 2024-01-01", "+2024-01-01", "2024-01-01\n"] {
            // Malformed: the server refuses it (the pattern, or the parse after it).
            #expect(Day(text) == nil, "\(text) parses")
        }
    }

    @Test func horizonListsAreDays1To3650() {
        let pattern = APIPattern.list(of: APIPattern.horizonDays)
        for h in [0, 1, 9, 10, 99, 100, 999, 1000, 2999, 3000, 3599, 3600, 3649, 3650, 3651, 9999] {
            #expect(APIPattern.matches("\(h)", pattern) == (1...3650).contains(h), "\(h)")
        }
        for ok in ["30,60, 90 ,180", " 1", "3650 , 1"] { #expect(APIPattern.matches(ok, pattern), "\(ok)") }
        for bad in ["", ",", "30,", ",30", "30,,60", "030", "+30", "30x", "3e1"] { #expect(!APIPattern.matches(bad, pattern), "\(bad)") }
    }

    @Test func listsNeedOneValue() {
        for ok in ["ETH", " ETH , BTC", "A,"] { #expect(APIPattern.matches(ok, APIPattern.nonEmptyList), "\(ok)") }
        for bad in ["", ",", " , ,"] { #expect(!APIPattern.matches(bad, APIPattern.nonEmptyList), "\(bad)") }
    }
}
