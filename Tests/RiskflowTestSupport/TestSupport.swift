import Foundation
import RiskflowCore

// Helpers shared by every test target (as swift-numerics' `_TestSupport`): one copy of
// each, so the tests of different targets build their inputs the same way.

/// A day from ISO text; traps on a typo (tests only).
public func day(_ s: String) -> Day { try! Day(iso: s) }

/// Weekday sessions from `start` (2020-01-06, a Monday, by default).
public func sessions(_ n: Int, from start: String = "2020-01-06") -> [Day] {
    var out: [Day] = []
    var d = day(start)
    while out.count < n {
        if !d.isWeekend { out.append(d) }
        d = d + 1
    }
    return out
}

/// A series from (ISO day, value) pairs.
public func series(_ pairs: [(String, Double)], id: String = "S", unit: ValueUnit = .usd, calendar: SeriesCalendar = .daily)
    -> Series
{
    Series(id: id, unit: unit, calendar: calendar, days: pairs.map { day($0.0) }, values: pairs.map(\.1))
}

/// Bars with closes (and optionally volumes) only; every other column missing.
public func bars(
    _ id: String, days: [Day], close: [Double], volume: [Double]? = nil, unit: ValueUnit = .indexPoints,
    calendar: SeriesCalendar = .nyse
) -> Bars {
    let nan = [Double](repeating: .nan, count: days.count)
    return Bars(
        id: id, unit: unit, calendar: calendar, days: days, open: nan, high: nan, low: nan, close: close,
        volume: volume ?? nan, marketCap: nan)
}

/// Bars from (ISO day, close) pairs.
public func bars(_ id: String, _ rows: [(String, Double)], unit: ValueUnit = .usd, calendar: SeriesCalendar = .nyse) -> Bars {
    bars(id, days: rows.map { day($0.0) }, close: rows.map(\.1), unit: unit, calendar: calendar)
}

/// |a − b| ≤ max(absolute, relative · |b|); a missing or non-finite expectation `b`
/// matches a missing or non-finite `a`.
public func close(_ a: Double?, _ b: Double?, relative: Double = 1e-9, absolute: Double = 0) -> Bool {
    guard let b, b.isFinite else { return a.map { !$0.isFinite } ?? true }
    guard let a else { return false }
    if a == b { return true }
    return abs(a - b) <= max(absolute, relative * abs(b))
}

/// `close` with a relative tolerance and an absolute floor of 1e-15.
public func close(_ a: Double?, _ b: Double?, _ relative: Double) -> Bool {
    close(a, b, relative: relative, absolute: 1e-15)
}

/// A value shared between a test and a thread it starts (tests only; the library's one
/// parallel primitive is `Parallel.map`, which needs no lock).
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    public init(_ value: Value) { self.value = value }
    public func set(_ v: Value) { lock.withLock { value = v } }
    public func get() -> Value { lock.withLock { value } }
}
