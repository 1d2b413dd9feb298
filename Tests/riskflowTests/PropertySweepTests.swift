import Foundation
import HummingbirdTesting
import RiskflowCore
import RiskflowTestSupport
import Testing

/// No input crashes riskflow (issue 21, part): every API endpoint (each mirrors a
/// command and runs the same library job in process), the dashboard and the HTML report,
/// on days that cover the store — before the first observation, the first year of the
/// series, the 1987/2000/2008/2020 crashes, the days around qualified breakouts, the
/// commentary's call and the last day — and on seeded random symbols and flags from the
/// catalogue. Every answer is a result or a JSON error naming what was wrong (never a 5xx,
/// never a trap that would take the process down), and the server still answers /health.
///
/// It keeps both cores busy for a minute or two, so it runs on its own, after the other
/// suites (`.ci/run` does `RISKFLOW_PROPERTY_SWEEP=1 swift test --filter PropertySweepTests`):
/// beside them it would starve their timing-sensitive tests (a worker killed mid-chunk).
@Suite(
    "property sweep: every endpoint on every kind of day", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["RISKFLOW_PROPERTY_SWEEP"] != nil, "set RISKFLOW_PROPERTY_SWEEP=1 to run it"))
struct PropertySweepTests {
    static let days = [
        "1900-01-01", "1987-10-19", "1988-06-01", "1999-06-01", "2000-03-10", "2008-10-10", "2013-01-10", "2015-08-10",
        "2016-11-21", "2020-03-16", "2020-11-19", "2026-01-08", "2026-09-25", "2030-01-01",
    ]
    /// The heavy pages (report, dashboard, scorecard) on a spread of those days (a debug
    /// build computes a late report in seconds; the light endpoints cover every day).
    static let heavyDays = ["1900-01-01", "1999-06-01", "2026-09-25"]

    static let light = [
        "/api/v1/breakouts", "/api/v1/liquidity", "/api/v1/stage", "/api/v1/altseason", "/api/v1/supercycle",
        "/api/v1/leadlag?x=RUT&y=ETH", "/api/v1/series", "/api/v1/series/BTC", "/api/v1/events?draws=50",
        "/api/v1/backtest?strategy=breakout-hold&symbol=ETH", "/api/v1/backtest?strategy=stage&symbol=SPY",
        "/api/v1/backtest?strategy=liquidity&symbol=IWM", "/api/v1/backtest?strategy=new-high&symbol=BTC",
        "/api/v1/backtest?strategy=dates&symbol=ETH&entries=2020-11-20&exits=2021-02-20",
    ]
    static let heavy = ["/", "/report.html", "/api/v1/report", "/api/v1/scorecard?draws=50"]

    /// Seeded random requests: symbols (known, unknown, lower case, empty), numbers at and
    /// past their ranges, and bad days, drawn from the catalogue's parameters.
    static func randomRequests(count: Int) -> [String] {
        var g = SplitMix64(seed: 21, stream: 0)
        func pick<T>(_ xs: [T]) -> T { xs[g.nextIndex(xs.count)] }
        let symbols = ["BTC", "eth", "RUT", "NOPE", "", "ALTS", "WALCL", "CMC-MONTHLY", "%00", "A,B"]
        let numbers = ["0", "1", "-1", "2", "13", "1e300", "nan", "inf", "99999999999", "x", ""]
        let daysOrBad = ["2021-02-30", "1969-12-31", "0001-01-01", "9999-12-31", "2021-13-01", "yesterday"] + days
        let templates: [() -> String] = [
            { "/api/v1/leadlag?x=\(pick(symbols))&y=\(pick(symbols))&max_lag=\(pick(numbers))" },
            { "/api/v1/series/\(pick(symbols))?from=\(pick(daysOrBad))" },
            { "/api/v1/breakouts?threshold=\(pick(numbers))&basket=\(pick(symbols))&as_of=\(pick(daysOrBad))" },
            { "/api/v1/altseason?top=\(pick(numbers))&window=\(pick(numbers))" },
            { "/api/v1/events?follower=\(pick(symbols))&horizons=\(pick(numbers))&draws=\(pick(["0", "10", "-5"]))" },
            { "/api/v1/backtest?strategy=\(pick(["stage", "new-high", "nope"]))&symbol=\(pick(symbols))&hold=\(pick(numbers))&lookback=\(pick(numbers))" },
            { "/api/v1/stage?from=\(pick(daysOrBad))&to=\(pick(daysOrBad))" },
            { "/api/v1/liquidity?as_of=\(pick(daysOrBad))" },
        ]
        return (0..<count).map { _ in pick(templates)() }
    }

    static func withDay(_ uri: String, _ day: String) -> String { uri + (uri.contains("?") ? "&" : "?") + "as_of=\(day)" }

    @Test func everyEndpointAnswersOnEveryKindOfDay() async throws {
        let h = try await ServerHarness()
        let uris = Self.days.flatMap { d in Self.light.map { Self.withDay($0, d) } }
            + Self.heavyDays.flatMap { d in Self.heavy.map { Self.withDay($0, d) } } + Self.randomRequests(count: 120)
        let allowed: Set<UInt> = [200, 400, 404, 422]
        try await h.withClient { client in
            for uri in uris {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(allowed.contains(UInt(response.status.code)), "\(uri): \(response.status.code) \(response.text.prefix(200))")
                    if response.status.code != 200 {
                        let body = try #require(try response.json() as? [String: Any], "\(uri): not a JSON error")
                        let message = body["error"] as? String ?? ""
                        #expect(!message.isEmpty && !message.contains("\n"), "\(uri): the error is one line")
                    }
                }
            }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }
}
