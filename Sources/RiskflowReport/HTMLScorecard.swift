import RiskflowCore
import RiskflowResearch

/// The HTML report's scorecard section: the bottom line, the claims with verdict chips,
/// effects with intervals, MDEs and robustness strips, the commentary's own call, the
/// precedents, and the event study's mean paths with their bootstrap bands.
extension HTMLReport {
    static let followerColors = ["#7c3aed", "#f59e0b", "#059669", "#2563eb"]

    /// A verdict chip: statistical verdicts filled, facts outlined, descriptions dashed.
    static func chip(_ v: Verdict) -> String { "<span class=\"chip v-\(v.rawValue)\">\(v.rawValue)</span>" }

    /// One small square per robustness cell, coloured by its verdict (title: the cell).
    static func strip(_ g: ScorecardRobustness?) -> String {
        guard let g, !g.cells.isEmpty else { return "–" }
        let colors: [Verdict: String] = [.supported: "#047857", .contradicted: "#b91c1c", .unsupported: "#cbd5e1", .insufficient: "#f1f5f9"]
        let squares = g.cells.map { c in
            "<span title=\"\(esc(c.label)): \(c.verdict.rawValue)\" style=\"background:\(colors[c.verdict] ?? "#94a3b8")\"></span>"
        }.joined()
        let agree = g.agreement.map { " \(Int(($0 * 100).rounded())) %" } ?? ""
        return "<span class=\"strip\">\(squares)</span>\(agree)"
    }

    static func scorecardSection(_ r: ReportResult) -> String {
        guard let s = r.scorecard else { return "<h2>The claims against the data</h2><p>Not computed.</p>" }
        func p(_ x: Double?) -> String { x.map(LeadLagRendering.pValue) ?? "–" }
        var rows = ""
        for row in s.rows {
            let effect = row.effect.map { "\(esc(ScorecardRendering.effect($0))) <span class=\"src\">\(esc($0.unit))</span>" }
                ?? "\(esc(row.statistic)): <b>\(esc(ScorecardRendering.value(row.value)))</b>"
            var why = esc(row.reason)
            if let subs = row.subClaims {
                why += "<br>" + subs.map { "\(chip($0.verdict)) \(esc($0.claim)) (\(esc(ScorecardRendering.subValue($0.value))))" }.joined(separator: "<br>")
            }
            rows += "<tr><td>\(row.id)</td><td class=\"wrap\">\(esc(row.claim))</td><td>\(chip(row.verdict))</td>"
                + "<td class=\"wrap\">\(effect)</td><td class=\"n\">\(row.n)</td>"
                + "<td class=\"n\">\(row.power?.mde.map { esc(ScorecardRendering.value($0)) } ?? "–")</td>"
                + "<td class=\"n\">\(p(row.p))</td><td class=\"n\">\(p(row.pHolm))</td><td>\(strip(row.robustness))</td>"
                + "<td class=\"wrap\">\(why)</td></tr>"
        }
        var parts = [
            "<h2>The claims against the data</h2>",
            "<p class=\"bottom\">\(s.bottomLine.map(esc).joined(separator: " "))</p>",
            "<table class=\"compact\"><tr><th>id</th><th>claim</th><th>verdict</th><th>effect [95 % interval]</th><th>n</th><th>MDE</th><th>p</th><th>p (Holm)</th><th>robustness</th><th>why</th></tr>\(rows)</table>",
            """
            <p class="def">Verdict rules, fixed before looking at the answers. Every test is two-sided. A statistical claim whose \
            test has power below 0.8 at its smallest effect of interest (α = 0.05/\(s.family.k), the claims whose test ran) is \
            <b>insufficient</b>, whatever its p; the MDE is the effect it could detect. Holm runs across the rest \
            (\(s.family.ids.isEmpty ? "none" : s.family.ids.joined(separator: ", "))): <b>supported</b> or <b>contradicted</b> when \
            p (Holm) &lt; 0.05 with the claimed or the opposite sign and at least 2/3 of the robustness grid agrees (else \
            <b>mixed</b>); <b>unsupported</b> when not significant although well powered. A claim of no effect (C5) is supported \
            when well powered and nothing is found. <b>true</b>/<b>false</b>: facts checked in the data; <b>descriptive</b>: no \
            test. The strip shows the grid's cells (green supported, red contradicted, grey unsupported, white insufficient). \
            Draws: \(s.parameters.draws), seed \(s.parameters.seed).</p>
            """,
        ]
        if let call = s.call {
            var t = ""
            for follower in Array(FirstSeen(call.returns.map(\.follower))) {
                let cells = call.returns.filter { $0.follower == follower }.map {
                    "<td class=\"n\">\(pct($0.return)) <span class=\"src\">(pct. \($0.percentile.map { num($0, 0) } ?? "–"))</span></td>"
                }
                t += "<tr><td>\(esc(follower))</td>\(cells.joined())</tr>"
            }
            let heads = s.parameters.horizons.map { "<th>\($0) days</th>" }.joined()
            let alt = call.altSeasonMax.map { "The alt season index (days that are not thin) peaked at \(num($0, 0)) on \(call.altSeasonMaxDate?.iso ?? "–")." }
                ?? "The alt season index has no value that is not thin since then."
            parts.append("""
                <h3>The commentary's own call, out of sample: \(chip(call.verdict))</h3>
                <p>The first close of the Russell 2000 above \(num(s.parameters.roundNumber, 0)) was on <b>\(call.date.iso)</b> \
                (\(num(call.close))). What followed, entering the next day, with each return's percentile among every window \
                of the same length in the follower's history:</p>
                <table class="compact"><tr><th>follower</th>\(heads)</tr>\(t)</table>
                <p class="def">\(alt) \(esc(call.reason.prefix(1).uppercased() + call.reason.dropFirst())). This is one event: \
                it is judged by fixed rules, but it is an anecdote, not evidence about the thesis.</p>
                """)
            parts.append(ledgerGrades(call.ledger))
        }
        let years = s.precedents.years.map { y in
            let ch = y.charitable.map { "break \($0.breakDate.iso), signal \($0.signalDate?.iso ?? "–")" } ?? "none"
            let lit = y.literal.map { "\($0.breakDate.iso) (\($0.status))" }.joined(separator: ", ")
            return "<li><b>\(y.year)</b>: the breakout before that year's altcoin season: \(ch); literally in \(y.year): \(lit.isEmpty ? "no break" : lit) — \(esc(y.note))</li>"
        }
        let unmentioned = s.precedents.unmentioned.map { "\($0.breakDate.iso) (signal \($0.signalDate?.iso ?? "–"))" }
        parts.append("""
            <h3>The precedents the commentary names</h3>
            <ul>\(years.joined())\(unmentioned.isEmpty ? "" : "<li>Qualified signals it does not mention: \(unmentioned.joined(separator: ", "))</li>")</ul>
            """)
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

extension HTMLReport {
    /// The call as the calls ledger froze it: each grade with its percentile among the
    /// windows known on the call's day.
    static func ledgerGrades(_ ledger: LedgerGrades?) -> String {
        guard let ledger else {
            return "<p class=\"def\">The calls ledger does not hold this call (<code>riskflow calls</code>).</p>"
        }
        guard !ledger.scores.isEmpty else {
            return "<p class=\"def\">In the calls ledger (frozen on \(ledger.knownAt.iso)): not scored by this day.</p>"
        }
        let rows = ledger.scores.map { s in
            "<tr><td>\(esc(s.follower))</td><td class=\"n\">\(s.horizon) d</td><td class=\"n\">\(pct(s.return))</td>"
                + "<td class=\"n\">\(s.percentile.map { num($0, 0) } ?? "–")</td><td>\(s.outcome.rawValue)</td><td>\(s.scoredAsOf.iso)</td></tr>"
        }.joined()
        return """
            <p>The same call in the calls ledger, frozen on \(ledger.knownAt.iso) with each follower's distribution as known that day \
            (so its percentiles use no later data), graded when each horizon passed:</p>
            <table class="compact"><tr><th>follower</th><th>horizon</th><th>return</th><th>frozen pctl.</th><th>outcome</th><th>scored as of</th></tr>\(rows)</table>
            """
    }
}
