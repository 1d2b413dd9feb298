import Foundation
import RiskflowCore
import RiskflowData
import RiskflowProviderMock

// riskflow-mock-providers [--port N] [--from YYYY-MM-DD]
//
// Serves every series of the default sync universe (indices and ETFs on weekdays, FRED
// series on their calendars, crypto every day, the CoinGecko ranking) from the loopback
// server, for the sync benchmark (Benchmarks/sync_bench.sh) and for trying `data sync`
// by hand with [providers.NAME] base_url = "http://127.0.0.1:N".
var port = 8765
var from = Day(year: 2024, month: 1, day: 1)!
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--port": port = Int(args.popFirst() ?? "") ?? port
    case "--from": from = Day(args.popFirst() ?? "") ?? from
    default:
        FileHandle.standardError.write(Data("usage: riskflow-mock-providers [--port N] [--from YYYY-MM-DD]\n".utf8))
        exit(2)
    }
}

let mock = MockProviders()
let yesterday = Day(rawValue: Int32((Date().timeIntervalSince1970 / 86_400).rounded(.down))) - 1
nonisolated(unsafe) var rng = SplitMix64(seed: 42)
func walk(_ days: [Day], start: Double) -> [Double] {
    var x = start
    return days.map { _ in
        x *= 1 + (Double(rng.next() % 2001) - 1000) / 50_000
        return x
    }
}
let weekdays = Array(stride(from: from, through: yesterday, by: 1)).filter { !$0.isWeekend }
let everyDay = Array(stride(from: from, through: yesterday, by: 1))
let weekly = everyDay.filter { $0.weekday == .wednesday }
let monthly = everyDay.filter { $0.startOfMonth == $0 }
for (symbol, m) in DefaultSymbolMap.mappings {
    switch m.provider {
    case .yahoo:
        mock.set(m.id, .init(days: weekdays, close: walk(weekdays, start: 100)), instrumentType: m.id.hasPrefix("^") ? "INDEX" : "ETF")
    case .fred:
        let days = ["WALCL", "WTREGEN", "WRESBAL", "NFCI"].contains(symbol) ? weekly : symbol == "M2SL" ? monthly : weekdays
        mock.set(m.id, .init(days: days, close: walk(days, start: 1000)))
    case .coingecko:
        mock.set(m.id, .init(days: everyDay, close: walk(everyDay, start: 10)))
        if let pair = DefaultSymbolMap.binancePair(symbol) { mock.set(pair, .init(days: everyDay, close: walk(everyDay, start: 10))) }
    default: break
    }
}
mock.setMarkets(DefaultSymbolMap.mappings.filter { $0.value.provider == .coingecko }.enumerated().map { i, e in
    (e.value.id, e.key, 1e12 / Double(i + 1))
})
try await mock.run(port: port) { p in
    FileHandle.standardError.write(Data("riskflow-mock-providers: serving on http://127.0.0.1:\(p)\n".utf8))
}
