import ArgumentParser
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowResearch

struct LeadLagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadlag",
        abstract: "Cross-correlation, Granger causality both ways, VAR lag order and ADF for two series.",
        discussion: """
            Conventions are statsmodels' (grangercausalitytests ssr F test, VAR select_order with \
            a constant, adfuller with AIC lag) and the peers' alignment: returns on each series' own \
            calendar, then inner-joined by date (--align returns), or closes joined first \
            (--align closes). Weekly: last value of each week ending Friday.

            Examples:
              riskflow leadlag --x RUT --y ETH --freq weekly
              riskflow leadlag --x RUT --y BTC --max-lag 5 --window 260 --step 13
              riskflow leadlag --x WALCL --y BTC --freq weekly --format json
              riskflow leadlag --x DGS10 --y RUT --transform diff --as-of 2021-01-01
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dates: DateOptions

    @Option(name: .customLong("x"), help: "The candidate leader (a stored series id).")
    var x: String

    @Option(name: .customLong("y"), help: "The candidate follower.")
    var y: String

    @Option(name: .customLong("freq"), help: "daily or weekly.")
    var frequency: LeadLagOptions.Frequency = .daily

    @Option(name: P.maxLag.long, help: P.maxLag.argumentHelp)
    var maxLag = P.maxLag.defaultValue

    @Option(name: P.xcorrLags.long, help: P.xcorrLags.argumentHelp)
    var xcorrLags = P.xcorrLags.defaultValue

    @Option(name: .long, help: "log or simple returns.")
    var returns: ReturnKind = .log

    @Option(name: .long, help: "returns (own calendars, then join) or closes (join, then returns).")
    var align: LeadLagOptions.Alignment = .returns

    @Option(name: .long, help: "returns, or diff (first differences, for yields and spreads).")
    var transform: LeadLagOptions.Transform = .returns

    @Option(name: P.window.long, help: P.window.argumentHelp)
    var window: Int?

    @Option(name: P.step.long, help: P.step.argumentHelp)
    var step = P.step.defaultValue

    private typealias P = LeadLagOptions.Declared

    func validate() throws {
        try P.maxLag.check(maxLag)
        try P.xcorrLags.check(xcorrLags)
        try P.window.check(window)
        try P.step.check(step)
        if let window, window <= 3 * maxLag + 1 {
            throw ValidationError("--window \(window) is too short for \(maxLag) lags: it must exceed \(3 * maxLag + 1)")
        }
    }

    func run() async throws {
        var o = LeadLagOptions()
        o.frequency = frequency
        o.returns = returns
        o.align = align
        o.transform = transform
        o.maxLag = maxLag
        o.xcorrLags = xcorrLags
        o.window = window
        o.step = step
        o.from = dates.from
        o.to = dates.to
        // Without --as-of the analysis uses everything stored (as `data show` does).
        let runner = try await JobRunner(global: global, asOf: dates.asOf ?? .latestPossible)
        let result = try await runner.run(LeadLagJob(x: x, y: y, options: o))
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

extension LeadLagOptions.Frequency: ExpressibleByArgument {}
extension LeadLagOptions.Alignment: ExpressibleByArgument {}
extension LeadLagOptions.Transform: ExpressibleByArgument {}
extension ReturnKind: ExpressibleByArgument {}
