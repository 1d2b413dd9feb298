import ArgumentParser
import RiskflowResearch

/// `--fees-bp` and `--slippage-bp` of every backtest (`backtest`, `sweep`, `walkforward`),
/// as ``Costs/Declared`` declares them.
struct CostOptions: ParsableArguments {
    @Option(name: P.feesBP.long, help: P.feesBP.argumentHelp)
    var feesBP = P.feesBP.defaultValue

    @Option(name: P.slippageBP.long, help: P.slippageBP.argumentHelp)
    var slippageBP = P.slippageBP.defaultValue

    private typealias P = Costs.Declared

    var costs: Costs { Costs(feesBP: feesBP, slippageBP: slippageBP) }

    func validate() throws {
        try P.feesBP.check(feesBP)
        try P.slippageBP.check(slippageBP)
    }
}
