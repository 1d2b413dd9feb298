import RiskflowData
import RiskflowReport

/// The terminal tables of `data sync` (its JSON is the result values themselves).
enum SyncRendering {
    static func summaryTable(_ results: [SyncSeriesResult], style: TerminalStyle) -> String {
        var t = TextTable(columns: [
            .init("symbol"), .init("provider"), .init("status"), .init("added", .right), .init("revisions", .right),
            .init("first new"), .init("last new"), .init("error"),
        ])
        t.rows = results.map { r in
            [
                r.symbol, r.provider.rawValue, r.status.rawValue, String(r.rowsAdded), String(r.revisions), r.firstNew?.iso ?? "",
                r.lastNew?.iso ?? "", r.error ?? "",
            ]
        }
        let failed = results.filter { $0.status == .failed }.count
        let updated = results.filter { $0.status == .updated }.count
        let rows = results.reduce(0) { $0 + $1.rowsAdded }, revisions = results.reduce(0) { $0 + $1.revisions }
        return t.render(style: style)
            + "\n\(results.count) series: \(updated) updated (\(rows) new rows, \(revisions) revisions), "
            + "\(results.count - updated - failed) unchanged, \(failed) failed"
    }

    static func previewTable(_ preview: [SyncPreview], style: TerminalStyle) -> String {
        var t = TextTable(columns: [.init("symbol"), .init("provider"), .init("id"), .init("from"), .init("url")])
        t.rows = preview.map { [$0.symbol, $0.provider.rawValue, $0.id, $0.from?.iso ?? "(all)", $0.url] }
        return t.render(style: style) + "\n\(preview.count) requests (dry run: nothing fetched, nothing written)"
    }
}
