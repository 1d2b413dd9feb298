import RiskflowCore

/// Renders `data check`.
public enum QualityRendering {
    /// A summary line per series, then the findings: every error, and up to
    /// `warningsPerSeries` warnings per series (the rest counted).
    public static func table(_ reports: [QualityReport], style: TerminalStyle, warningsPerSeries: Int = 5) -> String {
        var summary = TextTable(columns: [
            .init("series"), .init("rows", .right), .init("errors", .right), .init("warnings", .right),
        ])
        summary.rows = reports.map { r in
            [
                r.id, String(r.rows), r.errorCount > 0 ? style.red(String(r.errorCount)) : "0",
                r.warningCount > 0 ? style.yellow(String(r.warningCount)) : "0",
            ]
        }
        var out = [summary.render(style: style)]
        var details = TextTable(columns: [.init("series"), .init("severity"), .init("check"), .init("day"), .init("detail")])
        for r in reports {
            for issue in r.issues where issue.severity == .error {
                details.rows.append([r.id, style.red("error"), issue.kind.rawValue, issue.day.iso, issue.detail])
            }
            let warnings = r.issues.filter { $0.severity == .warning }
            for issue in warnings.prefix(warningsPerSeries) {
                details.rows.append([r.id, style.yellow("warning"), issue.kind.rawValue, issue.day.iso, issue.detail])
            }
            if warnings.count > warningsPerSeries {
                details.rows.append([
                    r.id, "", "", "", "… and \(warnings.count - warningsPerSeries) more warnings (--format json lists all)",
                ])
            }
        }
        if !details.rows.isEmpty {
            out.append("")
            out.append(details.render(style: style))
        }
        let errors = reports.reduce(0) { $0 + $1.errorCount }
        let warnings = reports.reduce(0) { $0 + $1.warningCount }
        out.append("")
        out.append("\(reports.count) series checked: \(errors) errors, \(warnings) warnings")
        return out.joined(separator: "\n")
    }

    public static func csv(_ reports: [QualityReport]) -> String {
        var rows: [[String]] = []
        for r in reports {
            for i in r.issues {
                rows.append([r.id, i.severity.rawValue, i.kind.rawValue, i.day.iso, i.until?.iso ?? "", i.detail])
            }
        }
        return CSVText.render(header: ["series", "severity", "check", "day", "until", "detail"], rows: rows)
    }
}
