/// Two series on their common days (an inner join by day).
public struct JoinedPair: Sendable, Equatable {
    /// The days present in both inputs, increasing.
    public var days: [Day]
    /// The first series' values on `days`.
    public var x: [Double]
    /// The second series' values on `days`.
    public var y: [Double]
}

extension Series {
    /// Inner join by day: the days present in both series, with both values.
    ///
    /// This is pandas `pd.concat({"x": a, "y": b}, axis=1, join="inner")`.
    /// - Complexity: O(*n* + *m*).
    public func innerJoined(with other: Series) -> JoinedPair {
        var days: [Day] = [], x: [Double] = [], y: [Double] = []
        let cap = Swift.min(count, other.count)
        days.reserveCapacity(cap)
        x.reserveCapacity(cap)
        y.reserveCapacity(cap)
        var i = 0, j = 0
        while i < count && j < other.count {
            let a = self.days[i], b = other.days[j]
            if a == b {
                days.append(a)
                x.append(values[i])
                y.append(other.values[j])
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return JoinedPair(days: days, x: x, y: y)
    }

    /// As-of join: for each target day, the last value of `self` dated on or before it
    /// (the value known on that day), or `NaN` where `self` has no value yet.
    ///
    /// This is pandas `merge_asof(targets, self, direction="backward")`. `targets` must be
    /// increasing. Pass days already shifted for publication lags: this function only
    /// looks at `self.days`.
    /// - Complexity: O(*n* + *m*).
    public func asOf(_ targets: [Day]) -> [Double] {
        var out = [Double](repeating: .nan, count: targets.count)
        var j = 0
        var last = Double.nan
        for (i, t) in targets.enumerated() {
            while j < count && days[j] <= t {
                last = values[j]
                j += 1
            }
            out[i] = last
        }
        return out
    }

    /// The series carried onto `targets` with ``asOf(_:)``, dropping target days before
    /// its first observation.
    public func asOfSeries(on targets: [Day], calendar: SeriesCalendar) -> Series {
        let v = asOf(targets)
        var d: [Day] = [], out: [Double] = []
        d.reserveCapacity(targets.count)
        out.reserveCapacity(targets.count)
        for i in 0..<targets.count where !v[i].isNaN {
            d.append(targets[i])
            out.append(v[i])
        }
        return Series(unchecked: id, unit: unit, calendar: calendar, days: d, values: out)
    }
}
