import Foundation
import RiskflowCore
import RiskflowData
import RiskflowResearch
import RiskflowSignals
import RiskflowTestSupport
import Testing

/// Each job loads only the series its signals declare (``Job/inputs``), and that is
/// enough: on the bundled data, every job gives the same result from its declared inputs
/// as from the whole store.
@Suite("jobs declare their inputs", .serialized) struct JobInputsTests {
    static let asOf = day("2024-03-15")
    static let fixture = Once<(store: any RiskflowStore, everything: MarketData)> {
        let store = try await Store.open(FileManager.default.temporaryDirectory
            .appendingPathComponent("riskflow-inputs-\(UUID().uuidString)/riskflow.sqlite").path)
        try await BundledSnapshot.load(into: store)
        return (store, try await store.marketData(for: .everything, asOf: asOf))
    }

    func check<J: Job>(_ job: J) async throws where J.Output: Equatable {
        let f = try await Self.fixture.value()
        let declared = try await f.store.marketData(for: job.inputs, asOf: Self.asOf)
        #expect(declared.symbols.count < f.everything.symbols.count || job.inputs.kinds == SeriesKind.allCases)
        #expect(try job.run(declared) == job.run(f.everything))
    }

    @Test func breakoutsReadTheIndexItsVolumeAndBasketOnly() async throws {
        let job = BreakoutsJob(config: SignalConfig())
        #expect(job.inputs.kinds.isEmpty)
        #expect(Set(job.inputs.symbols) == Set(["RUT", "IWM"] + SignalConfig().breakout.basket))
        try await check(job)
    }

    @Test func liquidityReadsItsFourSeries() async throws {
        let job = LiquidityJob(config: SignalConfig())
        #expect(job.inputs.symbols == ["BAMLH0A0HYM2", "RRPONTSYD", "WALCL", "WTREGEN"])
        try await check(job)
    }

    @Test func stageAltSeasonSupercycleAndLeadLag() async throws {
        try await check(StageJob(config: SignalConfig()))
        try await check(AltSeasonJob(config: SignalConfig()))
        try await check(SupercycleJob(config: SignalConfig()))
        var o = LeadLagOptions()
        o.frequency = .weekly
        try await check(LeadLagJob(x: "rut", y: "eth", options: o))
    }

    @Test func configuredSymbolsAreWhatIsRead() {
        var c = SignalConfig()
        c.stage.ethereum = "SOL"
        c.altseason.bitcoin = "XBT"
        c.supercycle.rotationAssets = ["SPY", "DOGE"]
        #expect(RiskCurveStage.inputs(c).symbols.contains("SOL"))
        #expect(AltSeasonModel.inputs(c).symbols == ["XBT"])
        #expect(Supercycle.inputs(c).symbols.contains("DOGE"))
        #expect(!Supercycle.inputs(c).symbols.contains("IXIC"))
        #expect(Signals.inputs(c).kinds == [.crypto])
    }
}
