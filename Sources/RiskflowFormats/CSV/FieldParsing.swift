import RiskflowCore

/// A numeric field: a value, a missing marker, or garbage.
package enum FieldValue {
    case value(Double)
    case missing
    case invalid

    /// Tokens that mean "no value": empty, `.` (FRED), `null`/`NULL` (Yahoo, CDD), `-`
    /// (CoinMarketCap), `NaN`, `N/A`.
    package static func isMissingToken(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        if n == 0 { return true }
        if n == 1 { return p[s] == 46 || p[s] == 45 }  // "." "-"
        if n == 3 {
            let a = p[s] | 0x20, b = p[s + 1] | 0x20, c = p[s + 2] | 0x20
            return (a == 110 && b == 97 && c == 110) || (p[s + 1] == 47 && a == 110 && c == 97)  // nan, n/a
        }
        if n == 4 {
            return (p[s] | 0x20) == 110 && (p[s + 1] | 0x20) == 117 && (p[s + 2] | 0x20) == 108
                && (p[s + 3] | 0x20) == 108  // null
        }
        return false
    }

    @inline(__always)
    package static func parse(_ p: UnsafeBufferPointer<UInt8>, _ f: FieldRange, thousands: Bool) -> FieldValue {
        var s = f.start, e = f.end
        // Trim spaces.
        while s < e && p[s] == 32 { s += 1 }
        while e > s && p[e - 1] == 32 { e -= 1 }
        if isMissingToken(p, s, e) { return .missing }
        guard let base = p.baseAddress else { return .missing }
        if let v = FastDouble.parseFast(base, s, e) { return .value(v) }
        guard thousands else { return .invalid }
        // `$1,234.5` or `1,234`: drop `$` and separators, keep the rest.
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(e - s)
        for i in s..<e where p[i] != 44 && p[i] != 36 { cleaned.append(p[i]) }
        let v = cleaned.withUnsafeBufferPointer { b in b.baseAddress.flatMap { FastDouble.parse($0, 0, b.count) } }
        return v.map { .value($0) } ?? .invalid
    }
}

/// Date fields in the styles of ``DateStyle``.
package enum DateField {
    package static func parse(_ p: UnsafeBufferPointer<UInt8>, _ f: FieldRange, style: DateStyle) -> Day? {
        var s = f.start, e = f.end
        while s < e && p[s] == 32 { s += 1 }
        while e > s && p[e - 1] == 32 { e -= 1 }
        guard e > s else { return nil }
        let field = UnsafeBufferPointer(rebasing: p[s..<e])
        switch style {
        case .iso(let allowTime):
            if field.count > 10 && !(allowTime && (field[10] == 32 || field[10] == 84)) { return nil }
            return Day.parseISO(field, allowTrailing: allowTime)
        case .monthNameDayYear:
            return parseMonthName(field)
        case .unixTime:
            return parseUnix(field)
        }
    }

    private static let months: [String] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// `Feb 20, 2018` (also `Feb 20 2018`).
    package static func parseMonthName(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard b.count >= 10 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[0..<3]), as: UTF8.self).lowercased()
        guard let m = months.firstIndex(of: name), b[3] == 32 else { return nil }
        var i = 4
        var day = 0
        var dayDigits = 0
        while i < b.count, b[i] >= 48, b[i] <= 57 {
            day = day * 10 + Int(b[i] - 48)
            dayDigits += 1
            i += 1
        }
        guard dayDigits >= 1, dayDigits <= 2 else { return nil }
        if i < b.count && b[i] == 44 { i += 1 }
        guard i < b.count, b[i] == 32 else { return nil }
        i += 1
        guard b.count - i == 4 else { return nil }
        var year = 0
        while i < b.count {
            guard b[i] >= 48, b[i] <= 57 else { return nil }
            year = year * 10 + Int(b[i] - 48)
            i += 1
        }
        return Day(year: year, month: m + 1, day: day)
    }

    /// Unix time (UTC): seconds (≤ 11 digits), milliseconds (12–14) or microseconds
    /// (15–17), optionally with a fractional `.0` part; the UTC day it falls on.
    package static func parseUnix(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        var i = 0
        var value: Int64 = 0
        var digits = 0
        while i < b.count, b[i] >= 48, b[i] <= 57 {
            guard digits < 18 else { return nil }
            value = value * 10 + Int64(b[i] - 48)
            digits += 1
            i += 1
        }
        if i < b.count && b[i] == 46 {
            i += 1
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
        }
        guard i == b.count, digits > 0 else { return nil }
        let seconds: Int64
        switch digits {
        case ...11: seconds = value
        case 12...14: seconds = value / 1000
        case 15...17: seconds = value / 1_000_000
        default: return nil
        }
        let day = seconds / 86_400
        guard day < Int64(Int32.max) else { return nil }
        return Day(rawValue: Int32(day))
    }
}
