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
    /// Every stored series' metadata.
    let metadata: [SeriesMetadata]

    init(global: GlobalOptions, asOf requested: Day?, config: ConfigOptions) throws {
        store = try global.openStore()
        let metas = try store.allMetadata()
        asOf = try requested ?? store.latestDay() ?? Day(rawValue: 0)
        data = try store.marketData(metas.map(\.id), asOf: asOf)
        crypto = metas.filter { $0.kind == .crypto }.map(\.id)
        metadata = metas
        self.config = try ConfigFile.load(explicit: config.config)
    }

    func altSeason() throws -> AltSeasonReport {
        try AltSeasonModel.compute(data, coins: crypto, config: config.altseason)
    }

    func altBasket() -> Series { AltBasket.build(data, coins: crypto, config: config.altseason) }
}
