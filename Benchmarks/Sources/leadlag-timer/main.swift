// Times the lead-lag statistics on a two-column CSV (x,y; no header):
//   leadlag-timer FILE [--window 260 --step 1] [--repeat 7]
// Single: Granger lags 1…8 both directions + VAR order 0…8 + cross-correlation ±20.
// Rolling: for every window, Granger p-values lags 1…8 both ways + correlation at lag 0.
// Prints one JSON object; used by leadlag_peers.py.
import Foundation
import RiskflowCore
import RiskflowResearch
import RiskflowStats

let args = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
    return v
}
guard let path = args.first else {
    FileHandle.standardError.write(Data("usage: leadlag-timer FILE [--window N --step S] [--repeat R]\n".utf8))
    exit(2)
}
let window = option("--window", 0), step = option("--step", 1), repeats = option("--repeat", 7)
let text = try String(contentsOfFile: path, encoding: .utf8)
let rows = text.split(separator: "\n").map { $0.split(separator: ",") }
let xs = rows.map { Double($0[0])! }
let ys = rows.map { Double($0[1])! }
let moves = AlignedMoves(days: (0..<xs.count).map { Day(rawValue: Int32($0)) }, x: xs, y: ys)
func single(_ xs: [Double], _ ys: [Double]) throws {
    _ = try Granger.testBothWays(x: xs, y: ys, maxLag: 8)
    _ = try VAROrderSelection.select([ys, xs], maxLag: 8)
    _ = CrossCorrelation.compute(x: xs, y: ys, maxLag: 20)
}
var times: [Double] = []
for _ in 0..<repeats {
    let t0 = DispatchTime.now().uptimeNanoseconds
    if window > 0 {
        _ = LeadLag.rollingWindows(moves, window: window, step: step, maxLag: 8)
    } else {
        try single(xs, ys)
    }
    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
}
times.sort()
let windows = window > 0 ? (xs.count - window) / step + 1 : 0
print("{\"rows\": \(xs.count), \"windows\": \(windows), \"min_s\": \(times[0]), \"median_s\": \(times[times.count / 2])}")
