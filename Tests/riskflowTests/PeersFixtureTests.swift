import Foundation
import Testing
import RiskflowTestSupport

/// `riskflow leadlag --format json` against `../shared/peers/make_fixtures.py` outputs
/// (committed in Fixtures/, made on the bundled snapshot): every Granger F and p, the
/// cross-correlations, the VAR orders and both ADF tests, for alignments and return
/// kinds the other tests do not cover.
@Suite("leadlag against the peers' make_fixtures", .serialized) struct PeersFixtureTests {
    @Test(arguments: [
        ("peers_RUT_BTC_D_closes_simple", ["--x", "RUT", "--y", "BTC", "--freq", "daily", "--align", "closes", "--returns", "simple"]),
        ("peers_IWM_ETH_W_closes_log", ["--x", "IWM", "--y", "ETH", "--freq", "weekly", "--align", "closes", "--returns", "log"]),
    ])
    func matches(fixture: String, arguments: [String]) throws {
        let url = Bundle.module.url(forResource: "Fixtures/\(fixture)", withExtension: "json")!
        let ref = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let cli = try CLI()
        let r = try cli.run(["leadlag"] + arguments + ["--max-lag", "8", "--xcorr-lags", "20", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let mine = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let x = mine["x"] as! String, y = mine["y"] as! String
        let granger = mine["granger"] as! [[String: Any]]
        let g = ref["granger"] as! [String: Any]
        for (direction, cause) in [("x_to_y", x), ("y_to_x", y)] {
            let want = g[direction] as! [String: Any]
            let f = want["F"] as! [Double], p = want["p"] as! [Double], nobs = want["nobs"] as! [Int]
            let rows = granger.filter { $0["cause"] as? String == cause }
            #expect(rows.count == 8)
            for (i, row) in rows.enumerated() {
                #expect(row["nobs"] as? Int == nobs[i])
                #expect(close(row["f"] as? Double, f[i]), "\(fixture) \(direction) lag \(i + 1) F")
                #expect(close(row["p"] as? Double, p[i]), "\(fixture) \(direction) lag \(i + 1) p")
            }
        }
        let xc = ref["xcorr"] as! [String: Any]
        #expect(mine["n"] as? Int == xc["nobs_aligned"] as? Int)
        #expect(mine["first"] as? String == xc["aligned_first_date"] as? String)
        let corr = xc["corr"] as! [Double], lags = xc["lags"] as! [Int]
        let mineX = Dictionary(uniqueKeysWithValues: (mine["xcorr"] as! [[String: Any]]).map { ($0["lag"] as! Int, $0["r"] as? Double) })
        for (lag, c) in zip(lags, corr) { #expect(close(mineX[lag]!, c), "xcorr \(lag)") }
        let selected = (ref["var_select_order"] as! [String: Any])["selected"] as! [String: Int]
        #expect((mine["var_order"] as! [String: Int]) == selected)
        let adf = ref["adf"] as! [String: [String: [String: Any]]]
        for (role, symbol) in [("x", x), ("y", y)] {
            let logReturns = adf[role]!["log_returns"]!, levels = adf[role]!["levels"]!
            let m = (mine["adf"] as! [String: [String: Any]])[symbol]!
            let ml = (mine["adf_levels"] as! [String: [String: Any]])[symbol]!
            #expect(close(m["stat"] as? Double, logReturns["stat"] as? Double), "\(symbol) ADF log returns")
            #expect(m["lags"] as? Int == logReturns["usedlag"] as? Int && m["nobs"] as? Int == logReturns["nobs"] as? Int)
            #expect(close(ml["stat"] as? Double, levels["stat"] as? Double), "\(symbol) ADF levels")
            #expect(close(ml["p"] as? Double, levels["pvalue"] as? Double), "\(symbol) ADF levels p")
        }
    }
}
