import ArgumentParser
import Foundation
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowRuntime
import RiskflowResearch
import RiskflowSignals

struct Report: AsyncParsableCommand {
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

    @Option(name: ReportParameters.Declared.roundNumber.long, help: ReportParameters.Declared.roundNumber.argumentHelp)
    var roundNumber = ReportParameters.Declared.roundNumber.defaultValue

    @OptionGroup var configOptions: ConfigOptions

    func validate() throws {
        try ReportParameters.Declared.roundNumber.check(roundNumber)
    }

    func run() async throws {
        var parameters = ReportParameters()
        parameters.symbol = symbol
        parameters.roundNumber = roundNumber
        parameters.signals = try configOptions.load()
        parameters.version = Riskflow.configuration.version
        // The live monitor judges freshness against today; a report as of a past day
        // against that day.
        if asOf == nil { parameters.today = Day.today() }
        let runner = try await JobRunner(global: global, asOf: asOf)
        var report = try await runner.run(ReportJob(parameters: parameters))
        try await report.attachLedger(from: runner.store)
        if !noHTML {
            let path = URL(fileURLWithPath: out).standardizedFileURL.path
            report.htmlPath = path
            try Self.writeAtomically(HTMLReport.render(report), to: path)
            if open { Self.openInBrowser(path) }
        }
        emit(try report.rendered(as: global.format, style: global.style))
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
}
