import ArgumentParser
import RiskflowCore
import RiskflowData
import RiskflowReport

struct DataShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the observations of one series, as known on a day.",
        discussion: """
            A ranking table (CMC-WEEKLY, CMC-MONTHLY, COINGECKO-DAILY) prints its latest snapshot,
            or every snapshot from --from to --to.

            Examples:
              riskflow data show RUT --from 2026-01-01
              riskflow data show COINGECKO-DAILY --from 2026-03-02 --to 2026-03-02
              riskflow data show WALCL --as-of 2020-03-19      # only what was published by then
              riskflow data show IWM --format csv > IWM.csv    # canonical CSV; re-imports identically
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dates: DateOptions

    @Argument(help: "The series id (see `riskflow data list`).")
    var symbol: String

    func run() async throws {
        let store = try await global.openStore()
        if try await store.hasRanking(symbol) { return try await showRanking(store) }
        let info = try await store.info(symbol)
        let bars = try await store.bars(symbol, asOf: dates.asOf, from: dates.from, to: dates.to)
        let holdsValues = info.metadata.kind == .macro
        switch global.format {
        case .table:
            emit(BarsRendering.table(bars, holdsValues: holdsValues, style: global.style))
            emit("\(bars.count) rows of \(info.metadata.id) (\(info.metadata.unit.label), \(info.metadata.calendar.rawValue))"
                + (dates.asOf.map { ", as known on \($0.iso)" } ?? ""))
        case .json: emit(try JSONText.encode(BarsRendering.document(bars, kind: info.metadata.kind, asOf: dates.asOf)))
        case .csv: emit(CanonicalCSV.render(bars, holdsValues: holdsValues))
        }
    }

    /// A ranking table: the snapshots from…to, or the latest one known on the as-of day.
    func showRanking(_ store: any RiskflowStore) async throws {
        var t = try await store.ranking(symbol, asOf: dates.asOf, from: dates.from, to: dates.to)
        if dates.from == nil && dates.to == nil { t = t.lastSnapshot }
        emit(try RankingShowing(t, asOf: dates.asOf).rendered(as: global.format, style: global.style))
    }
}
