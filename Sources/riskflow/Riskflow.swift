import ArgumentParser
import Foundation

@main
struct Riskflow: AsyncParsableCommand {
    /// Runs the command. Help and version print as usual; every error prints one line,
    /// `Error: …`, on standard error and exits non-zero (`data check` exits 1 through
    /// `ExitCode` without a message).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            // The message, without the usage and help blocks ArgumentParser appends.
            let lines = (CommandLineHints.message(for: error) ?? fullMessage(for: error)).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let message = lines.prefix { !$0.hasPrefix("Help:") && !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") }
                .filter { !$0.isEmpty }.joined(separator: " ")
            let text = message.hasPrefix("Error: ") ? message : "Error: " + message
            FileHandle.standardError.write(Data((text + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "riskflow",
        abstract: "Test and monitor the thesis: Russell 2000 breakouts → liquidity → ETH and altcoins.",
        discussion: """
            riskflow works offline on a bundled snapshot of real historical data, loaded into a \
            local SQLite store on first use ($RISKFLOW_HOME/riskflow.sqlite, default \
            ~/.local/share/riskflow/riskflow.sqlite; --db PATH to choose another).

            Examples:
              riskflow report                          # summary + report.html
              riskflow breakouts --threshold 2600
              riskflow stage --as-of 2021-02-17
              riskflow leadlag --x RUT --y ETH --freq weekly
              riskflow data list
              riskflow data import ~/Downloads/IWM.csv --symbol IWM
              riskflow data sync                        # fetch what is new from FRED, Yahoo, CoinGecko…
              riskflow serve                            # dashboard + JSON API on http://127.0.0.1:8080
              riskflow alerts run                       # evaluate the alert rules, deliver to webhooks
            """,
        version: "0.1.0",
        subcommands: [
            Report.self, DataCommand.self, Breakouts.self, Liquidity.self, Stage.self, AltSeason.self,
            SupercycleCommand.self, LeadLagCommand.self, Events.self, ScorecardCommand.self, Backtest.self, SweepCommand.self, WalkForwardCommand.self,
            Serve.self, AlertsCommand.self, CallsCommand.self, WorkerCommand.self,
        ]
    )
}
