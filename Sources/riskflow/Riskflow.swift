import ArgumentParser

@main
struct Riskflow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "riskflow",
        abstract: "Test and monitor the thesis: Russell 2000 breakouts → liquidity → ETH and altcoins.",
        discussion: """
            riskflow works offline on a bundled snapshot of real historical data, loaded into a \
            local SQLite store on first use ($RISKFLOW_HOME/riskflow.sqlite, default \
            ~/.local/share/riskflow/riskflow.sqlite; --db PATH to choose another).

            Examples:
              riskflow report
              riskflow data list
              riskflow data show RUT --from 2026-01-01
              riskflow data import ~/Downloads/IWM.csv --symbol IWM
            """,
        version: "0.1.0",
        subcommands: [Report.self, DataCommand.self]
    )
}
