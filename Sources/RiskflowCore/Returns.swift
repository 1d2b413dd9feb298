import RealModule

/// How a return between two values is measured.
public enum ReturnKind: String, Sendable, Codable, CaseIterable {
    /// ln(v_t / v_{t−1}).
    case log
    /// v_t / v_{t−1} − 1.
    case simple
}

/// A log return asked of a value that is not strictly positive.
public struct ReturnError: Error, Sendable, Equatable, CustomStringConvertible {
    public var seriesID: String
    public var day: Day
    public var value: Double
    public init(seriesID: String, day: Day, value: Double) {
        self.seriesID = seriesID
        self.day = day
        self.value = value
    }
    public var description: String {
        "\(seriesID): log return needs strictly positive values, found \(value) on \(day.iso)"
    }
}

extension Series {
    /// Returns between consecutive rows of the series' own calendar, dated by the later
    /// row; the first row has no return and is dropped.
    ///
    /// Matches the peers' `_common.returns`: `log` = ln(c_t/c_{t−1}), `simple` =
    /// c_t/c_{t−1} − 1. The result is a ratio series (0.01 = 1 %).
    /// - Throws: ``ReturnError`` for a log return of a non-positive value.
    /// - Complexity: O(*n*).
    public func returns(_ kind: ReturnKind = .log) throws(ReturnError) -> Series {
        guard count > 1 else {
            return Series(unchecked: id, unit: .ratio, calendar: calendar, days: [], values: [])
        }
        var out = [Double](repeating: 0, count: count - 1)
        switch kind {
        case .simple:
            for i in 1..<count { out[i - 1] = values[i] / values[i - 1] - 1 }
        case .log:
            for i in 0..<count where values[i] <= 0 {
                throw ReturnError(seriesID: id, day: days[i], value: values[i])
            }
            for i in 1..<count { out[i - 1] = Double.log(values[i] / values[i - 1]) }
        }
        return Series(unchecked: id, unit: .ratio, calendar: calendar, days: Array(days[1...]), values: out)
    }

    /// First differences v_t − v_{t−1}, in the series' own unit, dated by the later row.
    /// - Complexity: O(*n*).
    public func differences() -> Series {
        guard count > 1 else { return Series(unchecked: id, unit: unit, calendar: calendar, days: [], values: []) }
        var out = [Double](repeating: 0, count: count - 1)
        for i in 1..<count { out[i - 1] = values[i] - values[i - 1] }
        return Series(unchecked: id, unit: unit, calendar: calendar, days: Array(days[1...]), values: out)
    }

    /// Forward simple returns over a horizon of `days` calendar days, one per row.
    ///
    /// For the row on day d the exit is the first row dated on or after d + `days`, and
    /// the return is v_exit / v_d − 1; `NaN` when no row is that late (the horizon runs
    /// past the data). Calendar-day horizons let weekday and every-day series be
    /// compared over the same span.
    /// A horizon below 1 day gives all `NaN`.
    /// - Complexity: O(*n*).
    public func forwardReturns(calendarDays horizon: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: count)
        guard horizon > 0 else { return out }
        var j = 0
        for i in 0..<count {
            let target = days[i] + horizon
            if j < i { j = i }
            while j < count && days[j] < target { j += 1 }
            if j == count { break }
            out[i] = values[j] / values[i] - 1
        }
        return out
    }
}


extension Series {
    /// The simple return from the first row on or after `day` to the first row on or
    /// after `day + horizon` calendar days; `nil` when either row is missing (the
    /// horizon runs past the data) or the entry row is more than `maxDelay` days after
    /// `day` (the series did not exist yet).
    /// - Complexity: O(log *n*).
    public func forwardReturn(from day: Day, calendarDays horizon: Int, maxDelay: Int = 5) -> Double? {
        let i = days.lowerBound(of: day)
        let j = days.lowerBound(of: day + horizon)
        guard i < count, j < count, days[i] - day <= maxDelay, days[j] - (day + horizon) <= maxDelay else { return nil }
        return values[j] / values[i] - 1
    }
}
