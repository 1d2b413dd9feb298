import ArgumentParser
import Foundation
import RiskflowConfig
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowRuntime

struct DataSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch new data from FRED (with ALFRED vintages), Yahoo Finance, Stooq, CoinGecko and Binance.",
        discussion: """
            Incremental: each series is fetched from its last stored day minus the overlap \
            window ([sync] overlap_days, default 10); a changed value inside it is stored as a \
            revision (a new row known from today), never overwritten. Each series is written in \
            one transaction after its whole response is parsed and validated; one failing \
            series does not stop the others, and the exit status is 1 when any failed.

            Where each symbol comes from: indices and ETFs from Yahoo, FRED ids from FRED, \
            crypto from CoinGecko (Binance with --provider binance), the CoinGecko ranking \
            snapshot as COINGECKO-DAILY; override or add in riskflow.toml \
            ([sync.symbols] RUT = { provider = "yahoo", id = "^RUT" }), and point a provider \
            elsewhere with [providers.NAME] base_url. FRED_API_KEY (for ALFRED vintages) and the \
            CoinGecko key are read from the environment and never printed.

            Examples:
              riskflow data sync
              riskflow data sync ETH BTC --since 2026-01-01
              riskflow data sync --provider fred --dry-run
              riskflow data sync --format json | jq '.[] | select(.status == "failed")'
            JSON: an array of {"symbol","provider","status","rows_added","revisions","first_new","last_new","error"}; \
            status is updated, unchanged or failed. With --dry-run: {"symbol","provider","id","from","to","url"}.
            """
    )

    @Argument(help: "Symbols to sync (default: every series with a known provider).")
    var symbols: [String] = []

    @Option(name: .long, help: "Only the symbols mapped to this provider: fred, yahoo, stooq, coingecko or binance.")
    var provider: ProviderName?

    @Option(name: .long, help: "Fetch from this day (YYYY-MM-DD), whatever is stored.")
    var since: Day?

    @Flag(name: .customLong("dry-run"), help: "Print the requests a sync would make (without keys) and write nothing.")
    var dryRun = false

    @Option(name: .long, help: "A riskflow.toml with [sync] and [providers.NAME] (default: $RISKFLOW_HOME/riskflow.toml if present).")
    var config: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if global.format == .csv { throw ValidationError("data sync prints a table or JSON (--format table|json)") }
        if let since, since > Day.today() { throw ValidationError("--since \(since.iso) is in the future") }
    }

    func run() async throws {
        let settings = try SyncConfigFile.load(explicit: config)
        let store = try await global.openStore()
        let engine = SyncEngine(store: store, settings: settings, environment: ProcessInfo.processInfo.environment)
        let targets = try await engine.plan(symbols: symbols, provider: provider, since: since)
        if dryRun {
            let preview = try engine.preview(targets)
            switch global.format {
            case .json: emit(try JSONText.encode(preview))
            default: emit(SyncRendering.previewTable(preview, style: global.style))
            }
            return
        }
        let progress = SyncProgressLine(isTTY: isatty(STDERR_FILENO) != 0)
        let results = await engine.run(targets) { progress.show($0) }
        progress.finish()
        switch global.format {
        case .json: emit(try JSONText.encode(results))
        default: emit(SyncRendering.summaryTable(results, style: global.style))
        }
        if results.contains(where: { $0.status == .failed }) { throw ExitCode(1) }
    }
}

extension ProviderName: ExpressibleByArgument {}

/// The sync's progress on standard error: one line redrawn in place on a terminal
/// (series done/total, rows written, the series that just finished), plain lines when piped.
final class SyncProgressLine: Sendable {
    let isTTY: Bool
    init(isTTY: Bool) { self.isTTY = isTTY }

    func show(_ p: SyncProgress) {
        let r = p.last
        let what: String
        switch r.status {
        case .updated: what = "+\(r.rowsAdded) rows, \(r.revisions) revisions"
        case .unchanged: what = "unchanged"
        case .failed: what = "FAILED: \(r.error ?? "")"
        }
        if isTTY {
            let line = "\r\u{1B}[2K[\(p.done)/\(p.total)] \(p.rows) rows  \(r.symbol) (\(r.provider.rawValue)) \(what)"
            FileHandle.standardError.write(Data(line.prefix(200).utf8))
        } else {
            FileHandle.standardError.write(Data("riskflow: [\(p.done)/\(p.total)] \(r.symbol) (\(r.provider.rawValue)): \(what)\n".utf8))
        }
    }

    func finish() {
        if isTTY { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
