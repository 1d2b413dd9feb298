import Foundation
import Logging
import NIOPosix
import PostgresNIO
import RiskflowData

/// The store backends a test runs on: SQLite always, PostgreSQL when
/// `RISKFLOW_TEST_POSTGRES` names a server (`.ci/run` always starts one and sets it).
public enum TestBackend: String, Sendable, CustomStringConvertible, CaseIterable {
    case sqlite, postgres

    /// The PostgreSQL server of the tests, `nil` when none is configured.
    public static let postgresURL = ProcessInfo.processInfo.environment["RISKFLOW_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// The backends available here.
    public static var available: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    public var description: String { rawValue }

    /// A fresh, empty store location: a SQLite file in a new temporary folder, or a new
    /// database on the test server.
    public func freshLocation() throws -> String {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("riskflow-test-\(UUID().uuidString)")
            return dir.appendingPathComponent("riskflow.sqlite").path
        case .postgres:
            return try freshPostgresDatabase()
        }
    }

    /// A fresh, empty store.
    public func freshStore() async throws -> any RiskflowStore { try await Store.open(try freshLocation()) }
}

/// A new, empty database on the test server (one per test, so tests never share rows), as
/// a `postgres://` URL.
/// - Precondition: `RISKFLOW_TEST_POSTGRES` is set.
public func freshPostgresDatabase() throws -> String {
    let base = try PostgresURL(TestBackend.postgresURL!)
    let name = "rf_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    let config = PostgresConnection.Configuration(
        host: base.host, port: base.port, username: base.user, password: base.password, database: base.database, tls: .disable)
    let logger = Logger(label: "riskflow.test")
    let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: config, id: 1, logger: logger)
        .wait()
    defer { try? connection.close().wait() }
    _ = try connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger).wait()
    let password = base.password.map { ":\($0)" } ?? ""
    return "postgres://\(base.user)\(password)@\(base.host):\(base.port)/\(name)"
}

/// A value computed once, on first use, by an async function (a store loaded with the
/// bundled snapshot, shared by a suite's tests).
public actor Once<T: Sendable> {
    let make: @Sendable () async throws -> T
    var task: Task<T, any Error>?

    public init(_ make: @escaping @Sendable () async throws -> T) { self.make = make }

    /// The value, computing it on the first call; later callers wait for that computation.
    public func value() async throws -> T {
        if let task { return try await task.value }
        let t = Task { try await make() }
        task = t
        return try await t.value
    }
}
