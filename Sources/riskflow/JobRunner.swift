import ArgumentParser
import RiskflowConfig
import RiskflowCore
import RiskflowData
import RiskflowResearch
import RiskflowRuntime
import RiskflowSignals

/// `--config` for the signal commands.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "A riskflow.toml with signal parameters (default: $RISKFLOW_HOME/riskflow.toml if present).")
    var config: String?

    /// The file's parameters over the defaults.
    func load() throws -> SignalConfig { try ConfigFile.load(explicit: config) }
}

/// The edge every command goes through: opens the store, loads what a job asks for
/// (``Job/inputs``) as known on the day, runs the job, and hands back its one result
/// value for the command to print.
struct JobRunner {
    let store: any RiskflowStore
    /// The day the data is read as of: `--as-of`, else the latest day in the store.
    let asOf: Day

    init(global: GlobalOptions, asOf requested: Day?) async throws {
        store = try await global.openStore()
        if let requested { asOf = requested } else { asOf = try await store.latestDay() ?? Day(rawValue: 0) }
    }

    /// Loads the job's inputs as of ``asOf`` and runs it. A required series the store
    /// does not have is an error naming it and listing the known ones.
    func run<J: Job>(_ job: J, asOf day: Day? = nil) async throws -> J.Output {
        try await store.run(job, asOf: day ?? asOf)
    }
}
