import Foundation
import Hummingbird
import HummingbirdTesting
import RiskflowServer
import Testing

/// Identical and different requests at once, over real sockets, at the heaviest routes
/// (the event study's draws, the scorecard, the dashboard): every answer is right — the
/// identical ones byte for byte the same, each one what it is alone — and the server
/// lives on (`/health` 200 afterwards). Run under ThreadSanitizer by
/// `scripts/check-thread-safety.sh`.
@Suite("serve: concurrent requests")
struct ConcurrentRequestTests {
    static let uris = [
        "/api/v1/events?draws=300&seed=3", "/api/v1/events?draws=300&seed=3", "/api/v1/events?draws=300&seed=3",
        "/api/v1/events?draws=300&seed=4&horizons=30,90", "/api/v1/events?draws=300&seed=3&follower=ALTS",
        "/api/v1/scorecard?draws=200", "/api/v1/scorecard?draws=200", "/api/v1/scorecard?draws=150&seed=9",
        "/?as_of=2024-06-28", "/?as_of=2024-06-28", "/?as_of=1999-06-01",
    ]

    @Test func concurrentIdenticalAndDifferentRequestsAllAnswerRightAndTheServerLives() async throws {
        let h = try await ServerHarness()
        let app = Application(router: h.http.router())
        try await app.test(.live) { client in
            let answers = try await withThrowingTaskGroup(of: (Int, Int, String).self) { group in
                for (i, uri) in Self.uris.enumerated() {
                    group.addTask {
                        try await client.execute(uri: uri, method: .get) { r in (i, Int(r.status.code), String(buffer: r.body)) }
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
                let alone = try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) }
                #expect(alone == answers[i].body, "\(uri): the concurrent answer differs from the one alone")
            }
            let health = try await client.execute(uri: "/health", method: .get) { Int($0.status.code) }
            #expect(health == 200)
        }
    }
}
