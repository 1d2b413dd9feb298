import Foundation
import RiskflowCore
@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
import RiskflowTestSupport
import Testing

/// The alert outbox's store operations, on both backends: an evaluation and its events in
/// one transaction, no event twice, attempts appended with their outcome.
@Suite("alert outbox in the store, on SQLite and PostgreSQL") struct AlertOutboxStoreTests {
    func event(_ id: String, day: String, next: Double) -> AlertEventRecord {
        AlertEventRecord(
            id: id, rule: "r", kind: .stageChange, subject: "stage", day: RiskflowTestSupport.day(day), title: "t \(id)", details: "d",
            asOf: RiskflowTestSupport.day(day) + 1, nextAttemptAt: next, createdAt: "2026-01-09T00:00:00Z")
    }

    @Test(arguments: TestBackend.available)
    func evaluationsAttemptsAndHistory(backend: TestBackend) async throws {
        let store = try await temporaryStore(backend)
        let a = event("evt_a", day: "2026-01-05", next: 100), b = event("evt_b", day: "2026-01-06", next: 50)
        #expect(try await store.recordAlertEvaluation(rule: "r", through: day("2026-01-06"), events: [a, b], stamp: "s1") == [a, b])
        // Repeated after a crash: nothing new, and the rule's progress never goes back.
        #expect(try await store.recordAlertEvaluation(rule: "r", through: day("2026-01-05"), events: [a], stamp: "s2").isEmpty)
        #expect(try await store.alertRuleStates() == ["r": day("2026-01-06")])
        #expect(try await store.pendingAlertEvents().map(\.id) == ["evt_b", "evt_a"])  // earliest due first
        #expect(try await store.recordAlertAttempt(id: "evt_a", attempt: .init(at: "x1", statusCode: 503, error: "HTTP 503"), outcome: .retry(at: 200)))
        #expect(try await store.recordAlertAttempt(id: "evt_a", attempt: .init(at: "x2", statusCode: 200, error: nil), outcome: .delivered))
        #expect(!(try await store.recordAlertAttempt(id: "evt_a", attempt: .init(at: "x3", statusCode: 200, error: nil), outcome: .delivered)))
        #expect(try await store.recordAlertAttempt(id: "evt_b", attempt: .init(at: "y1", statusCode: nil, error: "timeout"), outcome: .dead))
        #expect(try await store.pendingAlertEvents().isEmpty)
        let history = try await store.alertHistory()
        #expect(history.map(\.event.id) == ["evt_a", "evt_b"])
        #expect(history[0].event.status == .delivered && history[0].event.attemptCount == 2 && history[0].event.nextAttemptAt == 200)
        #expect(history[0].attempts == [.init(at: "x1", statusCode: 503, error: "HTTP 503"), .init(at: "x2", statusCode: 200, error: nil)])
        #expect(history[1].event.status == .dead && history[1].attempts == [.init(at: "y1", statusCode: nil, error: "timeout")])
        #expect(try await store.integrityCheck() == "ok")
        let v1 = try await store.dataVersion()
        _ = try await store.recordAlertEvaluation(rule: "r", through: day("2026-01-07"), events: [event("evt_c", day: "2026-01-07", next: 1)], stamp: "s3")
        #expect(try await store.dataVersion() != v1, "the data version follows the outbox")
    }
}
