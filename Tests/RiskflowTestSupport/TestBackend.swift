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
    public func freshStore() throws -> Store { try Store(path: try freshLocation()) }
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
