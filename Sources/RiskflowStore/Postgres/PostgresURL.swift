import Foundation
import Logging
import PostgresNIO

/// A `postgres://user[:password]@host[:port]/database` URL (also `postgresql://`), as given
/// to `--db` or `RISKFLOW_DB`. TLS is used when the URL says `?sslmode=require`.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var requireTLS: Bool

    /// `true` for text that names a PostgreSQL database rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// - Throws: ``StoreError`` (`cannotOpen`) naming what is missing or malformed.
    public init(_ text: String) throws {
        guard Self.isPostgres(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw StoreError(.cannotOpen, "'\(Self.redacted(text))' is not a PostgreSQL URL like postgres://user@host:5432/database")
        }
        guard let user = url.user, !user.isEmpty else {
            throw StoreError(.cannotOpen, "the PostgreSQL URL \(Self.redacted(text)) names no user (postgres://USER@host/database)")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw StoreError(.cannotOpen, "the PostgreSQL URL \(Self.redacted(text)) names no database (postgres://user@host/DATABASE)")
        }
        self.host = host
        self.port = url.port ?? 5432
        self.user = user
        self.password = url.password
        self.database = database
        self.requireTLS = url.queryItems?.contains { $0.name == "sslmode" && ["require", "verify-full", "verify-ca"].contains($0.value ?? "") } ?? false
    }

    /// The URL without its password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    static func redacted(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let colon = text[..<at].lastIndex(of: ":"), text[..<colon].hasSuffix("//") == false else { return text }
        return String(text[..<colon]) + ":REDACTED" + String(text[at...])
    }

    /// Opens one connection and closes it: a server that is down, a wrong user or a
    /// missing database is a clear error at once (the pool would retry for a minute).
    /// - Throws: ``StoreError`` (`cannotOpen`) naming the URL and the reason.
    public func checkReachable() async throws {
        var c = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: requireTLS ? .require(try .init(configuration: .makeClientConfiguration())) : .disable)
        c.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(configuration: c, id: 0, logger: Logger(label: "riskflow.postgres"))
            try await connection.close()
        } catch {
            throw StoreError(.cannotOpen, "cannot connect to \(self): \(PostgresURL.describe(error))", underlying: error)
        }
    }

    /// A PostgreSQL failure in words: the server's message, else the connection's error.
    package static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return message }
            if let underlying = e.underlying { return "\(underlying)" }
            return "\(e.code)"
        }
        return "\(error)"
    }

    package var configuration: PostgresClient.Configuration {
        var c = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: requireTLS ? .require(.makeClientConfiguration()) : .disable)
        c.options.connectTimeout = .seconds(10)
        return c
    }
}
