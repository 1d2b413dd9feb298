import ArgumentParser
import Foundation
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowResearch
import RiskflowSignals

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The main job: a terminal summary and one self-contained HTML report with charts.",
        discussion: """
            Runs offline on the bundled snapshot (loaded on first use). The HTML file has no \
            external assets (inline CSS and SVG, no scripts) and states the day it was computed \
            as of; rerun with the same --as-of to reproduce it.

            Examples:
              riskflow report
              riskflow report --out ~/reports/riskflow.html --open
              riskflow report --as-of 2021-03-15       # what was known on that day
              riskflow report --format json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("as-of"), help: "Use only data published on or before this day (YYYY-MM-DD).")
    var asOf: Day?

    @Option(name: .long, help: "The Russell 2000 series id.")
    var symbol = "RUT"

    @Option(name: .long, help: "Where to write the HTML report (default: report.html in the current folder).")
    var out = "report.html"

    @Flag(name: .customLong("no-html"), help: "Print the summary only.")
    var noHTML = false

    @Flag(name: .long, help: "Open the HTML report in the default browser.")
    var open = false

    @Option(name: .customLong("round-number"), help: "The round-number level whose first crossing is reported.")
    var roundNumber = 2600.0

    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        let context = try SignalContext(global: global, asOf: asOf, config: configOptions)
        var report = ReportBuilder.build(context, russell: symbol)
        let (signals, html) = try ReportBuilder.signalsAndHTML(context, summary: report, roundNumber: roundNumber)
        report.signals = signals
        report.round_number = roundNumber
        report.first_close_above = html.firstAbove?.day
        report.lead_lag = ReportBuilder.headlines(context, ethResult: html.leadLag)
        if !noHTML {
            var input = html
            input.summary = report
            let path = URL(fileURLWithPath: out).standardizedFileURL.path
            try ReportBuilder.writeAtomically(HTMLReport.render(input), to: path)
            report.html_path = path
            if open { ReportBuilder.openInBrowser(path) }
        }
        switch global.format {
        case .table: emit(report.terminal(style: global.style))
        case .json: emit(try JSONText.encode(report))
        case .csv:
            emit(CSVText.render(
                header: ["series", "kind", "first", "last", "rows"],
                rows: report.coverage.map { [$0.id, $0.kind, $0.first?.iso ?? "", $0.last?.iso ?? "", String($0.rows)] }))
        }
    }
}

/// Loads what the report needs from the store, as of a day.
enum ReportBuilder {
    /// Today's signals and the HTML input; a signal whose inputs are missing is left out,
    /// not guessed.
    static func signalsAndHTML(_ context: SignalContext, summary: SummaryReport, roundNumber: Double) throws -> (
        SignalsSummary, HTMLReportInput
    ) {
        let c = context.config
        let breakouts = (try? BreakoutDetector.detect(context.data, config: c.breakout)) ?? []
        let alt = try? context.altSeason()
        let stage = RiskCurveStage.compute(context.data, config: c.stage, breakouts: breakouts, altSeason: alt)
        let basket = context.altBasket()
        let rut = context.data.closes(c.breakout.symbol)
        let supercycle = Supercycle.compute(context.data, runwaySeries: [rut, basket].compactMap { $0 })
        let liquidity = try? LiquidityModel.compute(context.data, config: c.liquidity)
        let signals = SignalsSummary(
            latest_breakout: breakouts.last, breakouts_total: breakouts.count,
            breakouts_qualified: breakouts.filter { $0.status == .qualified }.count, liquidity: liquidity?.current,
            stage: stage.today, alt_season: alt?.current, supercycle: supercycle, config: c)
        var leadLag: LeadLagResult? = nil
        if let rut, let eth = context.data.closes("ETH") {
            var o = LeadLagOptions()
            o.frequency = .weekly
            o.maxLag = 4
            o.window = 104
            o.step = 4
            leadLag = try? LeadLag.analyze(x: rut, y: eth, options: o)
        }
        let html = HTMLReportInput(
            summary: summary, rut: rut ?? Series(unchecked: c.breakout.symbol, unit: .indexPoints, calendar: .nyse, days: [], values: []),
            breakouts: breakouts, eth: context.data.closes("ETH"), btc: context.data.closes("BTC"),
            alts: basket.isEmpty ? nil : basket, liquidity: liquidity, stage: stage, altSeason: alt, leadLag: leadLag,
            supercycle: supercycle, roundNumber: roundNumber,
            sources: [
                "Equities: Yahoo Finance (^RUT, ^GSPC, ^IXIC, ^VIX, ETFs auto-adjusted) and IBKR bars, via public repositories; no licence stated, vendors' terms apply.",
                "Macro: FRED (Federal Reserve H.4.1, H.15, ICE BofA, Chicago Fed) via public repositories.",
                "Crypto: CoinMarketCap, CoinGecko, Coinbase, Binance and Yahoo daily closes via public repositories.",
            ], version: Riskflow.configuration.version)
        return (signals, html)
    }

    /// Weekly Granger headlines: RUT against ETH (the HTML's analysis, reused) and BTC.
    static func headlines(_ context: SignalContext, ethResult: LeadLagResult?) -> [LeadLagHeadline] {
        guard let rut = context.data.closes(context.config.breakout.symbol) else { return [] }
        var o = LeadLagOptions()
        o.frequency = .weekly
        o.maxLag = 4
        o.xcorrLags = 0
        let btc = context.data.closes("BTC").flatMap { try? LeadLag.analyze(x: rut, y: $0, options: o) }
        return [ethResult, btc].compactMap { $0 }.map(LeadLagHeadline.init)
    }

    /// Writes to a temporary file beside `path`, then renames it: a reader never sees a
    /// half-written report.
    static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ValidationError("cannot write the report to \(path): \(error.localizedDescription)")
        }
    }

    static func openInBrowser(_ path: String) {
        let p = Process()
        #if os(macOS)
            p.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        #else
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["xdg-open"]
        #endif
        p.arguments = (p.arguments ?? []) + [path]
        try? p.run()
    }

    /// The coverage and the Russell 2000 state, from the data already loaded as of the day.
    static func build(_ context: SignalContext, russell: String) -> SummaryReport {
        let order: [String: Int] = ["index": 0, "etf": 1, "stock": 2, "macro": 3, "crypto": 4]
        let coverage = context.metadata.map { m in
            let bars = context.data[m.id]
            return CoverageRow(
                id: m.id, kind: m.kind.rawValue, first: bars?.days.first, last: bars?.days.last, rows: bars?.count ?? 0)
        }.sorted { (order[$0.kind] ?? 9, $0.id) < (order[$1.kind] ?? 9, $1.id) }
        return SummaryReport(
            as_of: context.asOf, russell2000: context.data.closes(russell.uppercased()).flatMap(PriceSummary.init),
            coverage: coverage)
    }
}
