import ArgumentParser
import Foundation
import Logging
import RiskflowConfig
import RiskflowCore
import RiskflowData
import RiskflowRuntime
import RiskflowServer
import RiskflowSignals

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the live dashboard, the JSON API, health and metrics; sync data and deliver alerts on a timer.",
        discussion: """
            Routes: / (dashboard), /report.html, /api/v1/{report,breakouts,liquidity,stage,altseason,supercycle,\
            leadlag,series,series/ID,events,scorecard,backtest} (each returns what the command prints with \
            --format json; the flags become query parameters, --max-lag → max_lag; every one takes as_of), \
            /openapi.json, /health, /metrics. The API reads the store read-only; only the sync writes. \
            Answers are cached per parameters and data version. SIGINT or SIGTERM shuts down gracefully (exit 0).

            Examples:
              riskflow serve
              riskflow serve --port 9000 --sync-every 1h
              riskflow serve --sync-every off --config ~/riskflow.toml
              curl 'http://127.0.0.1:8080/api/v1/leadlag?x=RUT&y=ETH&freq=weekly&max_lag=4'
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: "The address to bind (127.0.0.1 unless another host is asked for).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The TCP port (0: any free port, printed at start).")
    var port = 8080

    @Option(name: .customLong("sync-every"), help: "Sync interval: 30m, 6h, 1d… or off.")
    var syncEvery = "6h"

    @Option(name: .customLong("refresh"), help: "The dashboard's reload interval in seconds (0: none).")
    var refresh = 300

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        _ = try Self.interval(syncEvery)
        guard refresh >= 0 else { throw ValidationError("--refresh must be 0 or more seconds") }
    }

    /// `90s`, `30m`, `6h`, `1d` (or a number of seconds); `off` or `0` is `nil`.
    static func interval(_ text: String) throws -> Duration? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "off" || t == "0" || t == "never" { return nil }
        guard let seconds = DurationText.seconds(t) else {
            throw ValidationError("--sync-every: '\(text)' is not an interval like 30m, 6h or 1d (or off)")
        }
        guard seconds >= 60 else { throw ValidationError("--sync-every: '\(text)' is shorter than a minute; providers would rate-limit it") }
        return .milliseconds(Int64(seconds * 1000))
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = .info
            return h
        }
        let logger = Logger(label: "riskflow.serve")
        // riskflow.toml read and parsed once; each section decodes itself.
        let doc = try ConfigDocument.load(explicit: configOptions.config)
        let signals = try doc.map(ConfigFile.signals) ?? SignalConfig()
        let syncSettings = try doc.map(SyncConfigFile.settings) ?? SyncSettings()
        let alertSettings = try doc.map(AlertsConfigFile.settings) ?? AlertSettings()
        for w in doc?.warnings ?? [] { FileHandle.standardError.write(Data("riskflow: \(w)\n".utf8)) }
        let writer = try await global.openStore()
        let reader = try await Store.open(writer.location, readOnly: true)
        let environment = ProcessInfo.processInfo.environment
        let metrics = ServerMetrics()
        let http = try RiskflowHTTP(
            env: APIEnvironment(store: reader, signals: signals, version: Riskflow.configuration.version), metrics: metrics, logger: logger,
            refreshSeconds: refresh)
        let alerts = alertSettings.rules.isEmpty
            ? nil
            : try AlertEngine(store: writer, settings: alertSettings, signals: signals, environment: environment, metrics: metrics, logger: logger)
        let monitor = MonitorService(
            http: http, syncEvery: try Self.interval(syncEvery),
            makeSyncEngine: { SyncEngine(store: writer, settings: syncSettings, environment: environment) }, alerts: alerts,
            calls: CallLedgerRunner(store: writer, signals: signals, version: Riskflow.configuration.version), logger: logger)
        let host = self.host
        let app = http.application(host: host, port: port, services: [monitor]) { port in
            logger.info("riskflow serving http://\(host):\(port)/ (store \(writer.path); \(alertSettings.rules.count) alert rules)")
        }
        try await app.runService()
    }
}
