// Times riskflow's CSV parser on one file: `csv-timer FILE [REPEAT]`.
// Prints one JSON object {"rows", "min_s", "median_s"}; used by csv_peers.py.
import Foundation
import RiskflowData

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: csv-timer FILE [REPEAT]\n".utf8))
    exit(2)
}
let repeats = args.count > 2 ? Int(args[2]) ?? 7 : 7
let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: args[1])))
var times: [Double] = []
var rows = 0
_ = try CSVParser.parse(bytes, file: "warmup")
for _ in 0..<repeats {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let parsed = try CSVParser.parse(bytes, file: args[1])
    let t1 = DispatchTime.now().uptimeNanoseconds
    rows = parsed.rowCount
    times.append(Double(t1 - t0) / 1e9)
}
times.sort()
print("{\"rows\": \(rows), \"min_s\": \(times[0]), \"median_s\": \(times[times.count / 2])}")
