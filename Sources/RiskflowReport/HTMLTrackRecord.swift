import RiskflowCore
import RiskflowResearch

/// The report's and the dashboard's "Track record": the calls ledger as known on the
/// report's day (`riskflow calls`) — the summary rows with live riskflow calls, replayed
/// ones and external calls in separate tables (never pooled), then the latest calls with
/// their scores.
extension HTMLReport {
    /// A share as an unsigned percentage (`65%`), `–` when missing.
    static func share(_ x: Double?) -> String { x.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }

    static func trackRecordSection(_ r: ReportResult) -> String {
        let intro = """
            <h2>Track record</h2>
            <p class="def">Every call is frozen the day it was known (its followers, horizons and each follower's forward-return \
            distribution as known then) and graded when a horizon passes: entry the day after the call, a <b>hit</b> when the return \
            has the called direction and beats the frozen median. Calls and scores are append-only (<code>riskflow calls</code>, \
            <a href="/api/v1/calls">JSON</a>). A replay is a reconstruction, not a track record, and is shown apart.</p>
            """
        guard let ledger = r.ledger, !ledger.calls.isEmpty else {
            return intro + "<p>No call known by \(r.asOf.iso). <code>riskflow calls record</code> records riskflow's own; <code>riskflow calls add</code> registers one.</p>"
        }
        let rows = ledger.trackRecord.rows
        let groups: [(String, [CallTrackRecord.Row])] = [
            ("riskflow's signals, live", rows.filter { $0.origin == .live && $0.kind != .external }),
            ("External calls", rows.filter { $0.kind == .external }),
            ("riskflow's signals, replayed (a reconstruction)", rows.filter { $0.origin == .replayed && $0.kind != .external }),
        ]
        var parts = [intro]
        for (title, group) in groups where !group.isEmpty {
            let body = group.map { row in
                let rate = row.hitRate.map { "\(share($0)) [\(share(row.ciLow)), \(share(row.ciHigh))]" } ?? "–"
                let pctl = row.meanPercentile.map { NumberText.grouped($0, decimals: 0) } ?? "–"
                let p = row.p.map(LeadLagRendering.pValue) ?? "–"
                let size = row.small ? "<span class=\"warn\">small</span>" : "<span class=\"ok\">adequate</span>"
                return "<tr><td>\(esc(row.kind.rawValue))</td><td class=\"wrap\">\(esc(row.source))</td><td>\(esc(row.follower))</td>"
                    + "<td class=\"n\">\(row.horizon) d</td><td class=\"n\">\(row.n)</td><td class=\"n\">\(row.hits)</td><td>\(rate)</td>"
                    + "<td class=\"n\">\(pctl)</td><td class=\"n\">\(p)</td><td>\(size)</td></tr>"
            }.joined()
            parts.append("""
                <h3>\(esc(title))</h3>
                <table class="compact"><tr><th>kind</th><th>source</th><th>follower</th><th>horizon</th><th>n</th><th>hits</th>\
                <th>hit rate [Wilson 95 %]</th><th>mean pctl</th><th>p vs 50 %</th><th>sample</th></tr>\(body)</table>
                """)
        }
        if rows.isEmpty { parts.append("<p>No call has reached a horizon yet.</p>") }
        let latest = ledger.calls.sorted { $0.call.knownAt > $1.call.knownAt }.prefix(8).map { e in
            let scores = e.scores.map { s in "\(esc(s.follower)) \(s.horizon) d \(pct(s.return)) \(s.outcome.rawValue)" }.joined(separator: "; ")
            return "<tr><td>\(e.call.knownAt.iso)</td><td>\(esc(e.call.kind.rawValue))</td><td>\(e.call.origin.rawValue)</td>"
                + "<td class=\"wrap\">\(esc(e.call.claim))</td><td class=\"wrap\">\(scores.isEmpty ? "not scored yet" : scores)</td></tr>"
        }.joined()
        parts.append("""
            <h3>Latest calls</h3>
            <table class="compact"><tr><th>known</th><th>kind</th><th>origin</th><th>claim</th><th>scores</th></tr>\(latest)</table>
            """)
        return parts.joined(separator: "\n")
    }
}
