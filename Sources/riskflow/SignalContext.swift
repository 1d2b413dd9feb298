import ArgumentParser
import RiskflowCore
import RiskflowData
import RiskflowSignals

/// `--config` for the signal commands.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "A riskflow.toml with signal parameters (default: $RISKFLOW_HOME/riskflow.toml if present).")
    var config: String?
}

/// The store, the day, the data as known on it, and the parameters.
struct SignalContext {
    let store: Store
    let asOf: Day
    let data: MarketData
    var config: SignalConfig
    let crypto: [String]

    init(global: GlobalOptions, asOf requested: Day?, config: ConfigOptions) throws {
        store = try global.openStore()
        let infos = try store.list()
        let latest = infos.compactMap(\.last).max() ?? Day(rawValue: 0)
        asOf = requested ?? latest
        data = try store.marketData(infos.map(\.metadata.id), asOf: asOf)
        crypto = infos.filter { $0.metadata.kind == .crypto }.map(\.metadata.id)
        self.config = try ConfigFile.load(explicit: config.config)
    }

    func altSeason() throws -> AltSeasonReport {
        try AltSeasonModel.compute(data, coins: crypto, config: config.altseason)
    }

    func altBasket() -> Series { AltBasket.build(data, coins: crypto, config: config.altseason) }
}
