import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import RiskflowServer
@testable import RiskflowRuntime
import Testing

/// Identical and different requests at once, over real sockets, at the heaviest routes
/// (the event study's draws, the scorecard, the dashboard): every answer is right — the
/// identical ones byte for byte the same, each one what it is alone — and the server
/// lives on (`/health` 200 afterwards). Run under ThreadSanitizer by
/// `scripts/check-thread-safety.sh`.
///
/// Like the property sweep it keeps both cores busy (three dashboards, scorecards and event
/// studies at once), which starves the timing-sensitive suites beside it (an alert
/// delivery's timeout, a worker killed mid-chunk), so it runs with the property sweep, on
/// its own: `RISKFLOW_PROPERTY_SWEEP=1 swift test --filter "PropertySweepTests|ConcurrentRequestTests"`
/// (`.ci/run` does).
@Suite(
    "serve: concurrent requests",
    .enabled(if: ProcessInfo.processInfo.environment["RISKFLOW_PROPERTY_SWEEP"] != nil, "set RISKFLOW_PROPERTY_SWEEP=1 to run it"))
struct ConcurrentRequestTests {
    static let uris = [
        "/api/v1/events?draws=300&seed=3", "/api/v1/events?draws=300&seed=3", "/api/v1/events?draws=300&seed=3",
        "/api/v1/events?draws=300&seed=4&horizons=30,90", "/api/v1/events?draws=300&seed=3&follower=ALTS",
        "/api/v1/scorecard?draws=200", "/api/v1/scorecard?draws=200", "/api/v1/scorecard?draws=150&seed=9",
        "/?as_of=2024-06-28", "/?as_of=2024-06-28", "/?as_of=1999-06-01",
    ]

    /// GET over a real socket with a generous timeout (the test client's is 20 s, and a
    /// dashboard computed under ThreadSanitizer on a loaded machine takes longer).
    static func get(_ port: Int, _ uri: String) async throws -> (status: Int, body: String) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(uri)") else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.timeoutInterval = 900
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func concurrentIdenticalAndDifferentRequestsAllAnswerRightAndTheServerLives() async throws {
        let h = try await ServerHarness()
        let app = Application(router: h.http.router())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let answers = try await withThrowingTaskGroup(of: (Int, Int, String).self) { group in
                for (i, uri) in Self.uris.enumerated() {
                    group.addTask {
                        let (status, body) = try await Self.get(port, uri)
                        return (i, status, body)
                    }
                }
                var out = [(status: Int, body: String)](repeating: (0, ""), count: Self.uris.count)
                for try await (i, status, body) in group { out[i] = (status, body) }
                return out
            }
            for (i, a) in answers.enumerated() {
                #expect(a.status == 200, "\(Self.uris[i]): \(a.status) \(a.body.prefix(200))")
                #expect(!a.body.isEmpty, "\(Self.uris[i])")
            }
            // Identical requests, identical answers.
            for (i, uri) in Self.uris.enumerated() {
                for j in (i + 1)..<Self.uris.count where Self.uris[j] == uri {
                    #expect(answers[i].body == answers[j].body, "\(uri) answered twice differently")
                }
            }
            // Each answer is what the request gets alone, after the burst (a fresh cache).
            h.http.dataDidChange()
            for (i, uri) in Self.uris.enumerated() where uri.hasPrefix("/api/") {
                let alone = try await Self.get(port, uri).body
                #expect(alone == answers[i].body, "\(uri): the concurrent answer differs from the one alone")
            }
            #expect(try await Self.get(port, "/health").status == 200)
        }
    }
}
