import ArgumentParser
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowSignals

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The main job: a summary of the data and the Russell 2000's state.",
        discussion: """
            Runs offline on the bundled snapshot (loaded on first use).

            Examples:
              riskflow report
              riskflow report --as-of 2021-03-15       # what was known on that day
              riskflow report --format json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("as-of"), help: "Use only data published on or before this day (YYYY-MM-DD).")
    var asOf: Day?

    @Option(name: .long, help: "The Russell 2000 series id.")
    var symbol = "RUT"

    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        let context = try SignalContext(global: global, asOf: asOf, config: configOptions)
        var report = try ReportBuilder.build(store: context.store, asOf: asOf, russell: symbol)
        report.signals = ReportBuilder.signals(context)
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
    /// Today's signals; a signal whose inputs are missing is left out, not guessed.
    static func signals(_ context: SignalContext) -> SignalsSummary {
        let c = context.config
        let breakouts = (try? BreakoutDetector.detect(context.data, config: c.breakout)) ?? []
        let alt = try? context.altSeason()
        let stage = RiskCurveStage.compute(context.data, config: c.stage, breakouts: breakouts, altSeason: alt)
        let runway = [context.data.closes(c.breakout.symbol), context.altBasket()].compactMap { $0 }
        return SignalsSummary(
            latest_breakout: breakouts.last, breakouts_total: breakouts.count,
            breakouts_qualified: breakouts.filter { $0.status == .qualified }.count,
            liquidity: (try? LiquidityModel.compute(context.data, config: c.liquidity))?.current, stage: stage.today,
            alt_season: alt?.current, supercycle: Supercycle.compute(context.data, runwaySeries: runway), config: c)
    }

    static func build(store: Store, asOf: Day?, russell: String) throws -> SummaryReport {
        let infos = try store.list()
        let latest = infos.compactMap(\.last).max() ?? Day(rawValue: 0)
        let day = asOf ?? latest
        var coverage: [CoverageRow] = []
        for info in infos {
            if asOf == nil {
                coverage.append(
                    CoverageRow(
                        id: info.metadata.id, kind: info.metadata.kind.rawValue, first: info.first, last: info.last,
                        rows: info.rows))
            } else {
                let bars = try store.bars(info.metadata.id, asOf: day)
                coverage.append(
                    CoverageRow(
                        id: info.metadata.id, kind: info.metadata.kind.rawValue, first: bars.days.first,
                        last: bars.days.last, rows: bars.count))
            }
        }
        let order: [String: Int] = ["index": 0, "etf": 1, "stock": 2, "macro": 3, "crypto": 4]
        coverage.sort { (order[$0.kind] ?? 9, $0.id) < (order[$1.kind] ?? 9, $1.id) }
        let rut = try store.bars(russell, asOf: day)
        return SummaryReport(as_of: day, russell2000: PriceSummary(rut.closes), coverage: coverage)
    }
}
