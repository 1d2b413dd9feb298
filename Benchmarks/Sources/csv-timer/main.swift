// Times riskflow's CSV parser (or the store import) on one file:
//   csv-timer FILE [REPEAT] [--import]
// Prints one JSON object {"rows", "min_s", "median_s"}; used by csv_peers.py.
import Foundation
import RiskflowCore
import RiskflowData

let args = CommandLine.arguments.filter { $0 != "--import" }
let importMode = CommandLine.arguments.contains("--import")
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: csv-timer FILE [REPEAT] [--import]\n".utf8))
    exit(2)
}
let repeats = args.count > 2 ? Int(args[2]) ?? 7 : 7
let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: args[1])))
var times: [Double] = []
var rows = 0
let parsedOnce = try CSVParser.parse(bytes, file: "warmup")
for r in 0..<repeats {
    if importMode {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-timer-\(getpid())-\(r)")
        let store = try await Store.open(folder.appendingPathComponent("t.sqlite").path)
        let bars = parsedOnce.bars(id: "BIG", unit: .usd, calendar: .daily)
        let meta = SeriesMetadata(id: "BIG", kind: .etf, unit: .usd, calendar: .daily, source: "timer")
        let t0 = DispatchTime.now().uptimeNanoseconds
        try await store.replace(bars, metadata: meta, origin: ImportOrigin(origin: "timer", format: "canonical"))
        let t1 = DispatchTime.now().uptimeNanoseconds
        rows = bars.count
        times.append(Double(t1 - t0) / 1e9)
        try? FileManager.default.removeItem(at: folder)
    } else {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let parsed = try CSVParser.parse(bytes, file: args[1])
        let t1 = DispatchTime.now().uptimeNanoseconds
        rows = parsed.rowCount
        times.append(Double(t1 - t0) / 1e9)
    }
}
times.sort()
print("{\"rows\": \(rows), \"min_s\": \(times[0]), \"median_s\": \(times[times.count / 2])}")
