import RiskflowCore
import RiskflowStore
import RiskflowReport
import RiskflowResearch

extension RiskflowStore {
    /// Runs a job the way every edge does (the command line and the server alike, so
    /// their outputs agree): checks that its required series exist (an unknown one is a
    /// ``StoreError`` naming it), loads its inputs as known on `asOf`, and runs it.
    /// - Complexity: one read of each input series plus the job's own cost.
    public func run<J: Job>(_ job: J, asOf: Day) async throws -> J.Output {
        try job.run(try await inputs(of: job, asOf: asOf))
    }

    /// The rows of `riskflow data list` (and `GET /api/v1/series`): every series, then the
    /// ranking tables, with coverage as known on `asOf` (everything stored when `nil`) and
    /// freshness judged against `asOf`, else `today`.
    public func dataListRows(asOf: Day?, today: Day) async throws -> [DataListRow] {
        let synced = try await syncStates()
        let reference = asOf ?? today
        let series = try await list(asOf: asOf).map { info in
            DataListRow(
                id: info.metadata.id, kind: info.metadata.kind.rawValue, unit: info.metadata.unit.rawValue,
                calendar: info.metadata.calendar.rawValue, first: info.first, last: info.last, rows: info.rows,
                source: info.metadata.source, syncedAt: synced[info.metadata.id]?.succeededAt,
                stale: Freshness(id: info.metadata.id, last: info.last, calendar: info.metadata.calendar, reference: reference).isStale)
        }
        let rankings = try await rankingList(asOf: asOf).map { r in
            DataListRow(
                id: r.id, kind: "ranking", unit: "usd", calendar: DataListRow.rankingCalendar(days: r.days, first: r.first, last: r.last),
                first: r.first, last: r.last, rows: r.rows, source: r.source, syncedAt: synced[r.id]?.succeededAt,
                stale: Freshness(id: r.id, last: r.last, calendar: .daily, reference: reference).isStale)
        }
        return series + rankings
    }
}
