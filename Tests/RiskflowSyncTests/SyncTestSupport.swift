import Foundation
import RiskflowCore
import RiskflowData
import RiskflowProviderMock
import RiskflowTestSupport
import Testing

/// A mock provider server on 127.0.0.1 for the duration of `body`.
func withMockProviders<T: Sendable>(_ body: (MockProviders, Int) async throws -> T) async throws -> T {
    let mock = MockProviders()
    let (stream, continuation) = AsyncStream<Int>.makeStream()
    let server = Task { try await mock.run { port in continuation.yield(port) } }
    var it = stream.makeAsyncIterator()
    guard let port = await it.next() else { throw CancellationError() }
    defer { server.cancel() }
    return try await body(mock, port)
}

/// Every provider pointed at the mock, fast retries, no rate limit.
func mockSettings(port: Int, timeout: Double = 30, attempts: Int = 3, rate: Double = 0, symbols: [String: SymbolMapping] = [:])
    -> SyncSettings
{
    let base = "http://127.0.0.1:\(port)"
    var providers: [ProviderName: ProviderSettings] = [:]
    for p in ProviderName.allCases {
        providers[p] = ProviderSettings(
            baseURL: base, graphURL: base, apiKeyEnv: p == .coingecko ? "COINGECKO_API_KEY" : nil, timeoutSeconds: timeout,
            maxAttempts: attempts, ratePerMinute: rate, backoffInitialSeconds: 0.05, backoffMaxSeconds: 5)
    }
    return SyncSettings(providers: providers, symbols: symbols)
}

/// A fresh store: a SQLite file in a temporary folder, or a new PostgreSQL database.
func tempStore(_ backend: TestBackend = .sqlite) async throws -> any RiskflowStore {
    try await backend.freshStore()
}

/// Weekdays from `start` through `end`.
func weekdays(_ start: String, _ end: String) -> [Day] {
    Array(stride(from: day(start), through: day(end), by: 1)).filter { !$0.isWeekend }
}

func everyDay(_ start: String, _ end: String) -> [Day] { Array(stride(from: day(start), through: day(end), by: 1)) }

/// A deterministic positive path.
func path(_ n: Int, start: Double = 100) -> [Double] { (0..<n).map { start + Double($0) + Double($0 % 7) / 10 } }

/// The moment 12:00 UTC of a day.
func noon(_ iso: String) -> Date { Date(timeIntervalSince1970: Double(day(iso).rawValue) * 86_400 + 43_200) }

/// Writes a series with closes only.
func seed(_ store: any RiskflowStore, _ id: String, days: [Day], close: [Double], kind: SeriesKind, unit: ValueUnit, calendar: SeriesCalendar)
    async throws
{
    var b = bars(id, days: days, close: close, unit: unit, calendar: calendar)
    b.id = id
    try await store.replace(b, metadata: SeriesMetadata(id: id, kind: kind, unit: unit, calendar: calendar, source: "test"), origin: .init(origin: "test", format: "test"))
}

/// Everything stored for a series, every revision included: (day, available_at, close).
func allRows(_ store: any RiskflowStore, _ id: String) async throws -> [String] {
    let b = try await store.bars(id, asOf: .latestPossible)
    let info = try await store.info(id)
    return ["\(info.rows) rows"] + zip(b.days, b.close).map { "\($0.iso)=\($1)" }
}
