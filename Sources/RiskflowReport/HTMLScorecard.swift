import RiskflowCore
import RiskflowResearch

/// The HTML report's scorecard section: the claims, the commentary's own call, and the
/// event study's mean paths with their bootstrap bands.
extension HTMLReport {
    static let followerColors = ["#7c3aed", "#f59e0b", "#059669", "#2563eb"]

    static func scorecardSection(_ r: ReportResult) -> String {
        guard let s = r.scorecard else { return "<h2>The claims against the data</h2><p>Not computed.</p>" }
        func p(_ x: Double?) -> String { x.map(LeadLagRendering.pValue) ?? "–" }
        var rows = ""
        for row in s.rows {
            rows += "<tr><td>\(row.id)</td><td class=\"wrap\">\(esc(row.claim))</td><td class=\"\(row.verdict.tone.cssClass)\">\(row.verdict.rawValue)</td>"
                + "<td class=\"wrap\">\(esc(row.statistic)): <b>\(esc(ScorecardRendering.value(row.value)))</b></td><td class=\"n\">\(row.n)</td>"
                + "<td class=\"n\">\(p(row.p))</td><td class=\"n\">\(p(row.pHolm))</td><td class=\"wrap\">\(esc(row.reason))</td></tr>"
        }
        var parts = [
            "<h2>The claims against the data</h2>",
            "<table class=\"compact\"><tr><th>id</th><th>claim</th><th>verdict</th><th>statistic</th><th>n</th><th>p</th><th>p (Holm)</th><th>why</th></tr>\(rows)</table>",
            """
            <p class="def">Verdict rules, fixed before looking at the answers: <b>supported</b> when the Holm-adjusted p (across \
            every p-value in this table) is below 0.05 and the effect has the claimed sign; <b>contradicted</b> when it is \
            significant with the opposite sign, or a factual claim is false in the data; <b>inconclusive</b> otherwise — fewer \
            than 5 events or cycles, data missing, or not significant. Each test is described in <code>riskflow scorecard</code>; \
            permutation and bootstrap draws: \(s.parameters.draws), seed \(s.parameters.seed).</p>
            """,
        ]
        if let call = s.commentaryCall {
            var t = ""
            for follower in Array(FirstSeen(call.returns.map(\.follower))) {
                let cells = call.returns.filter { $0.follower == follower }.map {
                    "<td class=\"n\">\(pct($0.value)) <span class=\"src\">(pct. \($0.percentile.map { num($0, 0) } ?? "–"))</span></td>"
                }
                t += "<tr><td>\(esc(follower))</td>\(cells.joined())</tr>"
            }
            let heads = s.parameters.horizons.map { "<th>\($0) days</th>" }.joined()
            let alt = call.altSeason.isEmpty
                ? "The alt season index has no value since then."
                : "The alt season index went from \(num(call.altSeason.first!.index, 0)) on \(call.altSeason.first!.date.iso) to \(num(call.altSeason.last!.index, 0)) on \(call.altSeason.last!.date.iso) (highest \(num(call.altSeason.map(\.index).max()!, 0)))."
            parts.append("""
                <h3>The commentary's own call, out of sample</h3>
                <p>The first close of the Russell 2000 above \(num(s.parameters.roundNumber, 0)) was on <b>\(call.date.iso)</b> \
                (\(num(call.close))). What followed, entering the next day, with each return's percentile among every window \
                of the same length in the follower's history:</p>
                <table class="compact"><tr><th>follower</th>\(heads)</tr>\(t)</table>
                <p class="def">\(alt) This is one event: an anecdote, not evidence either way.</p>
                """)
        }
        if let events = s.events {
            for (k, study) in events.studies.enumerated() {
                guard let follower = study.horizons.first?.follower, study.path.contains(where: { $0.n > 0 }) else { continue }
                let path = study.path.filter { $0.n > 0 }
                let days = path.map { Day(rawValue: Int32($0.day)) }
                var chart = SVGTimeChart(
                    title: "\(follower) after qualified breakouts: mean return by day after entry, with the 5–95 % bootstrap band",
                    lines: [.init(label: "\(follower) mean (n = \(study.events.count))", days: days, values: path.map { $0.mean ?? .nan },
                                  color: followerColors[k % followerColors.count])])
                chart.areas = [.init(days: days, lower: path.map { $0.lo ?? .nan }, upper: path.map { $0.hi ?? .nan },
                                     color: followerColors[k % followerColors.count])]
                chart.references = [.init(value: 0, color: "#64748b", label: "0")]
                chart.height = 220
                chart.yFormat = { NumberText.percent($0, decimals: 0) }
                chart.xTicks = { from, to in
                    stride(from: 0, through: Int(to.rawValue), by: 15).map { (Day(rawValue: Int32($0)), "\($0)d") }
                }
                parts.append(chart.svg())
            }
            parts.append("""
                <p class="def">Event study: each qualified breakout counts from its signal day; the follower is entered at its first \
                row after it and the path is its return k calendar days later (first row on or after). The band resamples the \
                \(events.eventDays.count) events with replacement; with so few events it is wide, and it says so.</p>
                """)
        }
        return parts.joined(separator: "\n")
    }
}

/// Unique elements in first-seen order.
struct FirstSeen<Element: Hashable>: Sequence {
    let items: [Element]
    init(_ all: [Element]) {
        var seen = Set<Element>()
        items = all.filter { seen.insert($0).inserted }
    }
    func makeIterator() -> IndexingIterator<[Element]> { items.makeIterator() }
}
