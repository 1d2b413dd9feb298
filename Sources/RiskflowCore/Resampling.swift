extension Series {
    /// Weekly series: the last value of each week ending Friday, labelled with that
    /// Friday, weeks with no observation dropped.
    ///
    /// Matches pandas `s.resample("W-FRI").last().dropna()`: Saturday and Sunday belong
    /// to the following Friday's week, and the label is the Friday even when the last
    /// observation is earlier (a holiday) or the final week is partial.
    /// - Complexity: O(*n*).
    public func weeklyLast() -> Series {
        resampledLast(calendar: .weekly) { $0.weekEndingFriday }
    }

    /// Monthly series: the last value of each calendar month, labelled with the month's
    /// last day (pandas `resample("ME").last().dropna()`).
    /// - Complexity: O(*n*).
    public func monthlyLast() -> Series {
        resampledLast(calendar: .monthly) { $0.endOfMonth }
    }

    private func resampledLast(calendar: SeriesCalendar, label: (Day) -> Day) -> Series {
        var d: [Day] = [], v: [Double] = []
        for i in 0..<count {
            let l = label(days[i])
            if let last = d.last, last == l {
                v[v.count - 1] = values[i]
            } else {
                d.append(l)
                v.append(values[i])
            }
        }
        return Series(unchecked: id, unit: unit, calendar: calendar, days: d, values: v)
    }
}
