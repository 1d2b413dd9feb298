import RiskflowCore
import RiskflowResearch

/// One recent alert event as the dashboard shows it.
public struct DashboardAlert: Sendable, Equatable {
    public var day: Day
    public var rule: String
    public var title: String
    /// pending, delivered or dead.
    public var status: String

    public init(day: Day, rule: String, title: String, status: String) {
        self.day = day
        self.rule = rule
        self.title = title
        self.status = status
    }
}

/// The live dashboard served at `/`: the report's views (the same SVG charts), the
/// scorecard, the signals, each series' freshness and the latest alerts. Inline CSS and
/// SVG, no scripts; it reloads itself with a `<meta http-equiv="refresh">`.
public enum HTMLDashboard {
    /// - Parameters:
    ///   - generatedAt: when the page was computed (ISO 8601 UTC), shown in the header.
    ///   - refreshSeconds: the page's reload interval; 0 turns reloading off.
    public static func render(
        _ r: ReportResult, series: [DataListRow], alerts: [DashboardAlert], generatedAt: String, refreshSeconds: Int
    ) -> String {
        let refresh = refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">" : ""
        let body = [
            header(r, generatedAt: generatedAt),
            HTMLReport.summaryCards(r),
            HTMLReport.scorecardSection(r),
            HTMLReport.russellSection(r),
            HTMLReport.stageSection(r),
            HTMLReport.liquiditySection(r),
            HTMLReport.altSeasonSection(r),
            HTMLReport.trackRecordSection(r),
            alertsSection(alerts),
            freshnessSection(series),
        ]
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\(refresh)
            <title>riskflow live, as of \(r.asOf.iso)</title>
            <style>\(HTMLReport.css)\(css)</style></head>
            <body><main>
            \(body.joined(separator: "\n"))
            </main></body></html>
            """
    }

    static let css = """
        nav{display:flex;gap:14px;flex-wrap:wrap;font-size:13px;margin:0 0 10px}nav a{color:#1d4ed8;text-decoration:none}
        .live{display:inline-block;background:#dcfce7;color:#166534;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;vertical-align:middle}
        """

    static func header(_ r: ReportResult, generatedAt: String) -> String {
        """
        <nav><a href="/report.html">Full report</a><a href="/api/v1/report">JSON</a><a href="/api/v1/scorecard">Scorecard JSON</a><a href="/api/v1/calls">Calls JSON</a>\
        <a href="/openapi.json">API (OpenAPI)</a><a href="/health">Health</a><a href="/metrics">Metrics</a></nav>
        <h1>riskflow <span class="live">live</span></h1>
        <p class="sub">Signals as of <b>\(r.asOf.iso)</b> from data published by then; page computed \(HTMLReport.esc(generatedAt)) \
        (riskflow \(HTMLReport.esc(r.parameters.version))). The thesis: a Russell 2000 breakout to all-time highs on real volume and \
        breadth signals returning liquidity, which flows down the risk curve to ETH and the altcoins within one to three months. \
        Below: where each signal stands, and what the data says about the claims.</p>
        \(HTMLReport.inputsLine(r))
        \(HTMLReport.staleBanner(r))
        """
    }

    static func alertsSection(_ alerts: [DashboardAlert]) -> String {
        guard !alerts.isEmpty else {
            return "<h2>Alerts</h2><p class=\"def\">No alert has fired (rules are set in <code>riskflow.toml</code>, <code>[[alerts.rules]]</code>).</p>"
        }
        let rows = alerts.map { a in
            let tone = a.status == "delivered" ? "ok" : a.status == "dead" ? "bad" : "warn"
            return "<tr><td>\(a.day.iso)</td><td>\(HTMLReport.esc(a.rule))</td><td class=\"wrap\">\(HTMLReport.esc(a.title))</td>"
                + "<td class=\"\(tone)\">\(a.status)</td></tr>"
        }.joined()
        return "<h2>Alerts</h2><table><tr><th>day</th><th>rule</th><th>event</th><th>delivery</th></tr>\(rows)</table>"
    }

    static func freshnessSection(_ series: [DataListRow]) -> String {
        let stale = series.filter(\.stale).count
        let rows = series.map { s in
            let state = s.stale ? "<span class=\"bad\">stale</span>" : "<span class=\"ok\">fresh</span>"
            return "<tr><td>\(HTMLReport.esc(s.id))</td><td>\(s.kind)</td><td>\(s.calendar)</td><td>\(s.last?.iso ?? "–")</td>"
                + "<td class=\"n\">\(s.rows)</td><td>\(s.syncedAt.map(HTMLReport.esc) ?? "never")</td><td>\(state)</td></tr>"
        }.joined()
        return """
            <h2>Data freshness</h2>
            <p class="def">\(series.count) series and tables, \(stale) stale (the last observation older than its calendar allows: \
            3 days for crypto, 6 for NYSE days, 12 for weekly, 95 for monthly series). <code>riskflow data sync</code> fetches what is new; \
            the server syncs on its own timer when started with <code>--sync-every</code>.</p>
            <table class="compact"><tr><th>series</th><th>kind</th><th>calendar</th><th>last</th><th>rows</th><th>synced</th><th>state</th></tr>\(rows)</table>
            """
    }
}
