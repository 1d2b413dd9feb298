import RealModule

/// One finding of ``DataQuality/check(_:kind:)``.
public struct QualityIssue: Sendable, Codable, Equatable {
    /// `error`: the data is wrong (a computation on it would be wrong). `warning`: worth
    /// a look (a gap, a stale run, an outlier) but may be real.
    public enum Severity: String, Sendable, Codable { case error, warning }

    public enum Kind: String, Sendable, Codable {
        /// Two rows on the same day.
        case duplicate
        /// A day not after the previous row's day.
        case outOfOrder = "out_of_order"
        /// A NYSE-calendar row on a Saturday or Sunday (an error for prices, a warning
        /// for macro values).
        case weekend
        /// A price that is zero or negative.
        case nonPositive = "non_positive"
        /// A value that is NaN or infinite.
        case nonFinite = "non_finite"
        /// More calendar days between two rows than the calendar allows.
        case gap
        /// The same close on many consecutive rows.
        case stale
        /// A move beyond the outlier threshold.
        case outlier
    }

    public var severity: Severity
    public var kind: Kind
    /// The day the finding is about (the later day of a gap, the first day of a run).
    public var day: Day
    /// The end of a gap or run, when it spans days.
    public var until: Day?
    /// What was found, with the numbers.
    public var detail: String
}

/// The result of checking one series.
public struct QualityReport: Sendable, Codable, Equatable {
    public var id: String
    public var rows: Int
    public var issues: [QualityIssue]

    public var errorCount: Int { issues.filter { $0.severity == .error }.count }
    public var warningCount: Int { issues.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { errorCount > 0 }
}

/// Data checks for one series: errors (duplicates, order, weekend rows on the NYSE
/// calendar, non-positive prices, non-finite values) and warnings (calendar gaps,
/// stale runs, outliers).
public enum DataQuality {
    /// Tunable thresholds; the defaults are documented on each property.
    public struct Thresholds: Sendable {
        /// A run of at least this many identical consecutive closes is stale (default 5).
        public var staleRun = 5
        /// A move is an outlier when |move| exceeds this many rolling standard deviations
        /// of the previous moves (default 8).
        public var outlierSigmas = 8.0
        /// Moves in the trailing window for the outlier standard deviation (default 63).
        public var outlierWindow = 63
        public init() {}
    }

    /// Checks `bars` as a series of kind `kind`.
    ///
    /// Moves are log returns for prices and first differences for macro values (which
    /// may be zero or negative). The outlier rule compares the move on row t with the
    /// sample standard deviation (ddof 1) of the `outlierWindow` moves before it (row t
    /// excluded), so one spike does not hide itself.
    /// - Complexity: O(*n*).
    public static func check(_ bars: Bars, kind: SeriesKind, thresholds: Thresholds = .init()) -> QualityReport {
        var issues: [QualityIssue] = []
        let days = bars.days, close = bars.close
        let n = days.count
        for i in 0..<n {
            let d = days[i]
            if i > 0 {
                if d == days[i - 1] {
                    issues.append(.init(severity: .error, kind: .duplicate, day: d, detail: "two rows on \(d.iso)"))
                } else if d < days[i - 1] {
                    issues.append(
                        .init(
                            severity: .error, kind: .outOfOrder, day: d,
                            detail: "\(d.iso) comes after \(days[i - 1].iso)"))
                } else if d - days[i - 1] > bars.calendar.maxNormalSpacing {
                    issues.append(
                        .init(
                            severity: .warning, kind: .gap, day: days[i - 1], until: d,
                            detail:
                                "\(d - days[i - 1]) days without data between \(days[i - 1].iso) and \(d.iso) (\(bars.calendar.rawValue) calendar allows \(bars.calendar.maxNormalSpacing))"
                        ))
                }
            }
            if bars.calendar == .nyse && d.isWeekend {
                // Exchanges do not trade at weekends: a weekend price is wrong. A macro
                // index may be computed on any day (ICE month-end values): a warning.
                issues.append(
                    .init(
                        severity: kind.isPrice ? .error : .warning, kind: .weekend, day: d,
                        detail: "\(d.iso) is a \(d.weekday == .saturday ? "Saturday" : "Sunday") on the NYSE calendar"))
            }
            let c = close[i]
            if !c.isFinite {
                issues.append(.init(severity: .error, kind: .nonFinite, day: d, detail: "close is \(c)"))
            } else if kind.isPrice && c <= 0 {
                issues.append(.init(severity: .error, kind: .nonPositive, day: d, detail: "close \(c) is not positive"))
            }
        }
        issues += staleRuns(days: days, close: close, minimum: thresholds.staleRun)
        issues += outliers(days: days, close: close, isPrice: kind.isPrice, thresholds: thresholds)
        issues.sort { ($0.day, $0.kind.rawValue) < ($1.day, $1.kind.rawValue) }
        return QualityReport(id: bars.id, rows: n, issues: issues)
    }

    static func staleRuns(days: [Day], close: [Double], minimum: Int) -> [QualityIssue] {
        var out: [QualityIssue] = []
        var start = 0
        for i in 1...max(1, close.count) {
            if i < close.count && close[i] == close[start] { continue }
            let length = i - start
            if length >= minimum {
                out.append(
                    .init(
                        severity: .warning, kind: .stale, day: days[start], until: days[i - 1],
                        detail: "close \(close[start]) unchanged on \(length) consecutive rows"))
            }
            start = i
        }
        return out
    }

    static func outliers(days: [Day], close: [Double], isPrice: Bool, thresholds: Thresholds) -> [QualityIssue] {
        let n = close.count
        guard n > thresholds.outlierWindow + 1 else { return [] }
        var moves = [Double](repeating: .nan, count: n - 1)
        for i in 1..<n {
            let a = close[i - 1], b = close[i]
            moves[i - 1] = isPrice ? (a > 0 && b > 0 ? Double.log(b / a) : .nan) : b - a
        }
        let sd = rollingStd(moves, window: thresholds.outlierWindow)
        var out: [QualityIssue] = []
        for k in thresholds.outlierWindow..<moves.count {
            let s = sd[k - 1]  // the window ending just before move k
            let m = moves[k]
            guard s.isFinite, s > 0, m.isFinite else { continue }
            let z = abs(m) / s
            if z > thresholds.outlierSigmas {
                let what = isPrice ? "log return" : "change"
                out.append(
                    .init(
                        severity: .warning, kind: .outlier, day: days[k + 1],
                        detail:
                            "\(what) \(formatted(m)) is \(formatted(z)) rolling standard deviations (from \(close[k]) to \(close[k + 1]))"
                    ))
            }
        }
        return out
    }

    private static func formatted(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        return "\(r)"
    }
}
