import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Runs the built `riskflow` binary as a user would, with its own store.
struct CLI {
    let home: URL
    /// Variables added to the command's environment.
    var environment: [String: String] = [:]

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("riskflow-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    static var binary: URL {
        // The test bundle sits next to the products (.build/<config>/).
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("riskflow").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("riskflow")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: String...) throws -> Result { try run(arguments) }

    /// The riskflow process for `arguments`, in this home, not started.
    func process(_ arguments: [String]) -> Process {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["RISKFLOW_HOME"] = home.path
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        p.environment = env
        p.currentDirectoryURL = home  // `report` writes report.html here, not into the checkout
        return p
    }

    func run(_ arguments: [String]) throws -> Result {
        let p = process(arguments)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A running command whose standard error is collected as it comes.
    final class Running: @unchecked Sendable {
        let process: Process
        private let lock = NSLock()
        private var err = Data()
        private var out = Data()
        /// Runs once, on the pipe's reading thread, as soon as standard error contains the text.
        private var trigger: (text: String, action: @Sendable () -> Void)?
        init(_ p: Process) { process = p }
        func append(_ d: Data) {
            let fire: (@Sendable () -> Void)? = lock.withLock {
                err.append(d)
                guard let t = trigger, String(decoding: err, as: UTF8.self).contains(t.text) else { return nil }
                trigger = nil
                return t.action
            }
            fire?()
        }
        /// `action` the moment standard error shows `text` (or at once if it already does),
        /// on the pipe's thread: not delayed by a busy test process.
        func whenStderrContains(_ text: String, _ action: @escaping @Sendable () -> Void) {
            let now: Bool = lock.withLock {
                if String(decoding: err, as: UTF8.self).contains(text) { return true }
                trigger = (text, action)
                return false
            }
            if now { action() }
        }
        func appendOut(_ d: Data) { lock.withLock { out.append(d) } }
        var stderrSoFar: String { lock.withLock { String(decoding: err, as: UTF8.self) } }
        var stdoutSoFar: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
        var isRunning: Bool { process.isRunning }

        /// Waits for the process to end without holding a cooperative thread (a loopback
        /// server in this process needs them; `waitUntilExit()` would block one).
        func exited() async {
            while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            process.waitUntilExit()  // returns at once: it has ended
        }
    }

    /// Starts a command without waiting for it; its output is collected as it comes.
    func start(_ arguments: [String]) throws -> Running {
        let p = process(arguments)
        let err = Pipe(), out = Pipe()
        p.standardOutput = out
        p.standardError = err
        let running = Running(p)
        err.fileHandleForReading.readabilityHandler = { h in running.append(h.availableData) }
        out.fileHandleForReading.readabilityHandler = { h in running.appendOut(h.availableData) }
        try p.run()
        return running
    }

    /// `run` on a thread of its own: an async test waiting for a command does not hold one
    /// of the few cooperative threads (a loopback server in this process needs them).
    func runDetached(_ arguments: String...) async throws -> Result { try await runDetached(arguments) }

    func runDetached(_ arguments: [String]) async throws -> Result {
        try await withCheckedThrowingContinuation { c in
            Thread { c.resume(with: Swift.Result { try self.run(arguments) }) }.start()
        }
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = home.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

@Suite("riskflow command line", .serialized) struct CLITests {
    @Test func reportRunsOfflineOnTheBundledData() throws {
        let cli = try CLI()
        let r = try cli.run("report")
        #expect(r.status == 0)
        #expect(r.stderr.contains("first run, loading the bundled snapshot"))
        #expect(r.stdout.contains("Russell 2000 (RUT)"))
        #expect(r.stdout.contains("all-time high   3,068.42 on 2026-08-14"))
        #expect(r.stdout.contains("data as of 2026-09-25"))
        #expect(r.stdout.contains("inputs as of: prices 2026-09-25 · liquidity 2026-08-19"))
        let again = try cli.run("report", "--as-of", "2021-03-15", "--format", "json")
        #expect(again.status == 0)
        #expect(again.stderr.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as! [String: Any]
        #expect(json["as_of"] as? String == "2021-03-15")
        let rut = json["russell2000"] as! [String: Any]
        #expect(rut["last_day"] as? String == "2021-03-15")
        #expect(rut["all_time_high"] as? Double == 2360.17)
        #expect(rut["all_time_high_day"] as? String == "2021-03-15")
    }

    @Test func dataListJSONHasThePublicKeys() throws {
        let cli = try CLI()
        let r = try cli.run("data", "list", "--format", "json")
        #expect(r.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count > 90)
        let keys: Set<String> = ["id", "kind", "unit", "calendar", "first", "last", "rows", "source", "synced_at", "stale"]
        #expect(rows.allSatisfy { Set($0.keys) == keys })
        let walcl = rows.first { $0["id"] as? String == "WALCL" }!
        #expect(walcl["unit"] as? String == "millions_usd")
        #expect(walcl["calendar"] as? String == "weekly")
        #expect((walcl["source"] as? String)?.contains("FRED") == true)
    }

    @Test func showCSVReimportsIdentically() throws {
        let cli = try CLI()
        let shown = try cli.run("data", "show", "IWM", "--format", "csv")
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("date,open,high,low,close,volume\n2000-05-26,"))
        let path = try cli.write("IWM.csv", shown.stdout)
        let imported = try cli.run("data", "import", path, "--symbol", "IWM2")
        #expect(imported.status == 0, "\(imported.stderr)")
        let again = try cli.run("data", "show", "IWM2", "--format", "csv")
        #expect(again.stdout == shown.stdout)
        // As of a day, and a window.
        let asOf = try cli.run("data", "show", "WALCL", "--as-of", "2020-03-19", "--format", "csv")
        #expect(asOf.stdout.split(separator: "\n").last == "2020-03-18,4668212")
        let window = try cli.run("data", "show", "RUT", "--from", "2026-08-19", "--to", "2026-08-20", "--format", "json")
        let doc = try JSONSerialization.jsonObject(with: Data(window.stdout.utf8)) as! [String: Any]
        #expect((doc["rows"] as! [[String: Any]]).count == 2)
    }

    @Test func badInputGivesOneLineErrorsAndNonZeroStatus() throws {
        let cli = try CLI()
        #expect(try cli.run("data", "list").status == 0)  // first run: loads the snapshot
        let bad = try cli.write("IWM.csv", "date,open,high,low,close,volume\n2026-01-02,1,2,0.5,1.5,10\n2026-01-03,1,2,0.5,\"12,3x\",10\n")
        let r = try cli.run("data", "import", bad, "--symbol", "IWM")
        #expect(r.status != 0)
        #expect(r.stderr == "Error: IWM.csv:3: column 'close': \"12,3x\" is not a number\n")
        // The bundled IWM is untouched.
        let list = try cli.run("data", "show", "IWM", "--format", "csv")
        #expect(list.stdout.split(separator: "\n").count == 6623)
        let unknown = try cli.run("data", "show", "NOPE")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.hasPrefix("Error: unknown series 'NOPE'"))
        let badDate = try cli.run("data", "show", "RUT", "--as-of", "2026-02-30")
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("2026-02-30"))
        #expect(badDate.stderr.split(separator: "\n").count == 1, "\(badDate.stderr)")
        let reversed = try cli.run("data", "show", "RUT", "--from", "2026-02-01", "--to", "2026-01-01")
        #expect(reversed.status != 0)
        #expect(reversed.stderr == "Error: --from 2026-02-01 is after --to 2026-01-01\n")
        let badFormat = try cli.run("data", "list", "--format", "xml")
        #expect(badFormat.status != 0)
        #expect(badFormat.stderr.split(separator: "\n").count == 1, "\(badFormat.stderr)")
        let notADatabase = try cli.write("not.sqlite", "hello, I am not a database\n")
        let opened = try cli.run("data", "list", "--db", notADatabase)
        #expect(opened.status != 0)
        #expect(opened.stderr == "Error: cannot open the store \(notADatabase): file is not a database\n")
        let missing = try cli.run("data", "import", "/nonexistent/file.csv", "--symbol", "X")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/file.csv"))
    }

    @Test func dataCheckExitsOneOnErrors() throws {
        let cli = try CLI()
        let clean = try cli.run("data", "check", "RUT")
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("1 series checked: 0 errors"))
        // The whole bundled snapshot has no error (warnings are real gaps, spikes and ICE month-end values).
        let all = try cli.run("data", "check")
        #expect(all.status == 0, "\(all.stdout.suffix(500))")
        // Weekend prices on the NYSE calendar are an error.
        let f = try cli.write("W.csv", "date,open,high,low,close,volume\n2026-01-02,1,1,1,1,\n2026-01-03,2,2,2,2,\n2026-01-05,3,3,3,3,\n")
        #expect(try cli.run("data", "import", f, "--symbol", "WKD", "--kind", "etf", "--calendar", "nyse").status == 0)
        let r = try cli.run("data", "check", "WKD", "--format", "json")
        #expect(r.status == 1)
        let reports = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        let issues = reports[0]["issues"] as! [[String: Any]]
        #expect(issues.contains { $0["kind"] as? String == "weekend" && $0["day"] as? String == "2026-01-03" })
    }

    @Test func leadlagJSONHasThePublicKeysAndStatsmodelsNumbers() throws {
        let cli = try CLI()
        let r = try cli.run("leadlag", "--x", "RUT", "--y", "ETH", "--freq", "weekly", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        for key in ["x", "y", "frequency", "returns", "align", "n", "first", "last", "xcorr", "xcorr_peak", "granger",
                    "var_order", "adf"] {
            #expect(doc[key] != nil, "missing \(key)")
        }
        #expect(doc["frequency"] as? String == "weekly" && doc["align"] as? String == "returns")
        let granger = doc["granger"] as! [[String: Any]]
        #expect(granger.count == 16)
        let keys: Set<String> = ["cause", "effect", "lag", "nobs", "f", "p", "df_num", "df_denom", "chi2", "chi2_p", "lr", "lr_p"]
        #expect(granger.allSatisfy { keys.isSubset(of: Set($0.keys)) })
        // statsmodels 0.15 on the peers' alignment (make_fixtures.py, the bundled data to 2026-09-25): ETH → RUT, lag 1.
        let ethToRut = granger.first { $0["cause"] as? String == "ETH" && $0["lag"] as? Int == 1 }!
        #expect(abs((ethToRut["f"] as! Double) - 5.97194) < 1e-3)
        let xcorr = doc["xcorr"] as! [[String: Any]]
        #expect(xcorr.count == 41 && Set(xcorr[0].keys) == ["lag", "r", "n"])
        let varOrder = doc["var_order"] as! [String: Any]
        #expect(Set(varOrder.keys) == ["aic", "bic", "hqic", "fpe"])
        let adf = doc["adf"] as! [String: [String: Any]]
        #expect(Set(adf.keys) == ["RUT", "ETH"] && Set(adf["ETH"]!.keys) == ["stat", "p", "lags", "nobs"])
        let bad = try cli.run("leadlag", "--x", "RUT", "--y", "NOPE")
        #expect(bad.status != 0 && bad.stderr.hasPrefix("Error: unknown series 'NOPE'"))
        let spread = try cli.run("leadlag", "--x", "T10Y2Y", "--y", "RUT")
        #expect(spread.status != 0 && spread.stderr.contains("--transform diff"))
        #expect(try cli.run("leadlag", "--x", "T10Y2Y", "--y", "RUT", "--transform", "diff", "--max-lag", "2").status == 0)
    }

    @Test func signalCommandsPrintThePublicJSONKeys() throws {
        let cli = try CLI()
        let b = try cli.run("breakouts", "--format", "json")
        #expect(b.status == 0, "\(b.stderr)")
        let events = try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [[String: Any]]
        let keys: Set<String> = ["symbol", "break_date", "signal_date", "level", "base_sessions", "volume_ratio", "breadth",
                                 "ytd_return", "status", "reasons", "flags"]
        #expect(!events.isEmpty && events.allSatisfy { keys.isSubset(of: Set($0.keys)) })
        #expect(events.contains { $0["break_date"] as? String == "2020-11-13" && $0["status"] as? String == "qualified" })
        let l = try cli.run("liquidity", "--from", "2026-01-01", "--format", "json")
        let rows = try JSONSerialization.jsonObject(with: Data(l.stdout.utf8)) as! [[String: Any]]
        let lkeys: Set<String> = ["date", "walcl", "tga", "rrp", "net_liquidity", "change_4w", "change_13w", "z", "regime"]
        #expect(!rows.isEmpty && rows.allSatisfy { lkeys.isSubset(of: Set($0.keys)) })
        let a = try cli.run("altseason", "--from", "2021-01-01", "--to", "2021-01-31", "--format", "json")
        let days = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as! [[String: Any]]
        #expect(days.count == 31)
        #expect(days.allSatisfy { Set(["date", "index", "eligible", "season"]).isSubset(of: Set($0.keys)) })
        let st = try cli.run("stage", "--as-of", "2021-02-17", "--format", "json")
        let stage = try JSONSerialization.jsonObject(with: Data(st.stdout.utf8)) as! [String: Any]
        let today = stage["today"] as! [String: Any]
        #expect(today["date"] as? String == "2021-02-17")
        #expect((today["conditions"] as! [[String: Any]]).count == 4)
        #expect(try cli.run("supercycle", "--format", "json").status == 0)
        let report = try cli.run("report")
        #expect(report.stdout.contains("Signals") && report.stdout.contains("risk curve      stage"))
    }

    @Test func configFileOverridesDefaultsAndRejectsUnknownKeys() throws {
        let cli = try CLI()
        let good = try cli.write("good.toml", "[breakout]\nbase_sessions = 252\nthreshold = 2600.0\n")
        let all = try cli.run("breakouts", "--format", "json")
        let fewer = try cli.run("breakouts", "--format", "json", "--config", good)
        #expect(fewer.status == 0, "\(fewer.stderr)")
        #expect(!fewer.stderr.contains("deprecated"))
        // The camelCase key of earlier releases: the same result, with a deprecation line
        // naming the key, its line and the new spelling.
        let old = try cli.write("old.toml", "[breakout]\nthreshold = 2600.0\nbaseSessions = 252\n")
        let same = try cli.run("breakouts", "--format", "json", "--config", old)
        #expect(same.status == 0 && same.stdout == fewer.stdout, "\(same.stderr)")
        #expect(same.stderr.contains("old.toml: line 3: [breakout] baseSessions is deprecated; write base_sessions"), "\(same.stderr)")
        let n1 = (try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as! [Any]).count
        let e2 = try JSONSerialization.jsonObject(with: Data(fewer.stdout.utf8)) as! [[String: Any]]
        #expect(e2.count < n1 && e2.allSatisfy { ($0["base_sessions"] as! Int) >= 252 })
        let bad = try cli.write("bad.toml", "[breakout]\nsymbol = \"RUT\"\nbasesessions = 10\n")
        let r = try cli.run("breakouts", "--config", bad)
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.toml: line 3: unknown key 'basesessions' in [breakout]"), "\(r.stderr)")
        #expect(r.stderr.contains("base_sessions") && !r.stderr.contains("baseSessions"), "the known keys are listed snake_case")
        let wrongType = try cli.write("type.toml", "[stage]\ntrend_average = \"long\"\n")
        #expect(try cli.run("stage", "--config", wrongType).status != 0)
    }

    @Test func htmlReportIsSelfContainedWithOneSVGPerChart() throws {
        let cli = try CLI()
        let path = cli.home.appendingPathComponent("out/report.html").path
        try FileManager.default.createDirectory(
            at: cli.home.appendingPathComponent("out"), withIntermediateDirectories: true)
        let r = try cli.run("report", "--out", path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count < 60)
        #expect(r.stdout.contains("HTML report: \(path)"))
        #expect(r.stdout.contains("first close above 2,600 on 2026-01-08"))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.utf8.count < 3_000_000)
        #expect(!html.lowercased().contains("http"), "external reference")
        #expect(!html.contains("<script"))
        // The scorecard is the first section after the headline cards, and the summary's first block.
        #expect(r.stdout.contains("Scorecard") && r.stdout.contains("  C8  false"))
        #expect(html.range(of: "The claims against the data")!.lowerBound < html.range(of: "1. Russell 2000 breakouts")!.lowerBound)
        #expect(html.contains("The commentary's own call, out of sample"))
        for section in ["1. Russell 2000 breakouts", "2. ETH, BTC and the altcoins", "3. Net liquidity", "4. Risk-curve stage",
                        "5. Altcoin season", "6. Does the Russell 2000 lead ETH?", "7. Supercycle diagnostics", "<h2>Data</h2>"] {
            #expect(html.contains(section), "missing \(section)")
        }
        #expect(html.contains("Computed as of <b>2026-09-25</b>"))
        // One SVG per chart, each well-formed XML.
        var svgs: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            svgs.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        // 7 charts, the event-study paths of ETH, BTC and the basket, the thesis trade on ETH
        // and the basket (value and drawdown each), the sweep heatmap and the walk-forward.
        #expect(svgs.count == 16)
        #expect(html.contains("8. Trading it: backtests") && html.contains("deflated Sharpe ratio"))
        for svg in svgs { #expect(XMLParser(data: Data(svg.utf8)).parse()) }
        // An old report is reproducible: as of 2021-03-15 nothing after that day appears.
        let old = cli.home.appendingPathComponent("out/old.html").path
        #expect(try cli.run("report", "--as-of", "2021-03-15", "--out", old).status == 0)
        let oldHTML = try String(contentsOfFile: old, encoding: .utf8)
        #expect(oldHTML.contains("Computed as of <b>2021-03-15</b>"))
        #expect(!oldHTML.contains("2021-03-16") && !oldHTML.contains("2025-09-18"))
        let bad = try cli.run("report", "--out", "/nonexistent/dir/report.html")
        #expect(bad.status != 0 && bad.stderr.contains("cannot write the report"))
    }

    /// Issue 21's number traps: a non-finite number in a numeric flag is a one-line usage
    /// error (exit 64); a huge but finite one is answered, never a trap.
    @Test func nonFiniteNumbersAreUsageErrorsAndHugeOnesAreAnswered() throws {
        let cli = try CLI()
        for args in [["report", "--round-number", "nan"], ["breakouts", "--threshold", "inf"],
                     ["backtest", "--strategy", "stage", "--symbol", "SPY", "--periods", "nan"]] {
            let r = try cli.run(args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("finite"), "\(args)")
        }
        let huge = try cli.run("report", "--round-number", "1e300", "--no-html", "--as-of", "2021-03-15")
        #expect(huge.status == 0, "\(huge.stderr)")
    }

    /// Found by `scripts/fuzz.sh config`: a table header that does not start with a key
    /// (`[.symbols.RUT]`) failed an assert inside toml++ and aborted every command, release
    /// builds included. It is a one-line usage error naming the line now.
    @Test func aTableHeaderWithoutAKeyIsAUsageErrorNotAnAbort() throws {
        let cli = try CLI()
        let path = cli.home.appendingPathComponent("bad.toml").path
        for text in ["[.symbols.RUT]\nprovider = \"yahoo\"\n", "[breakout]\nbaseSessions = 63\n\n[[ .alerts.rules]]\n", "[ =]\n", "[\nbreakout]\n"] {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            for command in [["stage"], ["data", "sync", "--dry-run"], ["alerts", "list"]] {
                let r = try cli.run(command + ["--config", path])
                #expect(r.status == 64, "\(command) \(text): \(r.status) \(r.stderr)")
                let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("riskflow: first run") }
                #expect(lines.count == 1 && r.stderr.contains("a table header must start with a key"), "\(r.stderr)")
            }
        }
    }

    @Test func eventsAndScorecardAnswerAsOfADayAndRejectBadInput() throws {
        let cli = try CLI()
        // As of 2025-12-31 the Russell 2000 had not closed above 2,600: C8 is not true.
        let early = try cli.run("scorecard", "--as-of", "2025-12-31", "--draws", "200", "--format", "json")
        #expect(early.status == 0, "\(early.stderr)")
        let doc0 = try JSONSerialization.jsonObject(with: Data(early.stdout.utf8)) as! [String: Any]
        #expect(Set(doc0.keys) == ["as_of", "bottom_line", "family", "precedents", "call", "claims"])
        let rows = doc0["claims"] as! [[String: Any]]
        #expect(rows.map { $0["id"] as! String } == (1...8).map { "C\($0)" })
        let c8 = rows.first { $0["id"] as? String == "C8" }!
        #expect(c8["verdict"] as? String == "false")
        let keys = ["id", "claim", "test", "statistic", "value", "n", "p", "p_holm", "verdict", "reason", "effect", "power",
                    "robustness", "sub_claims", "command", "details"]
        #expect(rows.allSatisfy { Set($0.keys) == Set(keys) })
        let verdicts: Set<String> = ["supported", "contradicted", "unsupported", "insufficient", "mixed", "true", "false", "descriptive"]
        #expect(rows.allSatisfy { verdicts.contains($0["verdict"] as? String ?? "") })
        // Explicit dates; a follower entered the day after each.
        let dated = try cli.run("events", "--events", "2016-11-21,2020-11-20", "--follower", "ETH", "--horizons", "30", "--draws", "100", "--format", "json")
        #expect(dated.status == 0, "\(dated.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(dated.stdout.utf8)) as! [String: Any]
        let events = doc["events"] as! [[String: Any]]
        #expect(events.map { $0["entry"] as! String } == ["2016-11-22", "2020-11-21"])
        #expect(Set(doc.keys).isSuperset(of: ["as_of", "events", "horizons", "path", "parameters"]))
        // Bad input: one line naming the problem.
        let badDate = try cli.run("events", "--events", "2016-13-01")
        #expect(badDate.status != 0 && badDate.stderr.contains("'2016-13-01' is not a date"))
        let badHorizon = try cli.run("events", "--horizons", "0")
        #expect(badHorizon.status != 0 && badHorizon.stderr.contains("--horizons"))
        let unknown = try cli.run("events", "--follower", "NOPE")
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown series 'NOPE'"))
        // The ranking tables are listed and one day's ranking prints.
        let list = try cli.run("data", "list", "--format", "json")
        let ids = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [[String: Any]]).filter { $0["kind"] as? String == "ranking" }.map { $0["id"] as! String }
        #expect(ids == ["CMC-MONTHLY", "CMC-WEEKLY", "COINGECKO-DAILY"])
        let day = try cli.run("data", "show", "COINGECKO-DAILY", "--from", "2026-03-02", "--to", "2026-03-02", "--format", "csv")
        #expect(day.stdout.hasPrefix("date,rank,symbol,name,price,market_cap,volume_24h\n2026-03-02,1,BTC,"))
    }

    @Test func backtestSweepAndWalkForwardRejectBadInputInOneLine() throws {
        let cli = try CLI()
        let ok = try cli.run("backtest", "--strategy", "dates", "--symbol", "SPY", "--entries", "2020-03-20", "--exits", "2020-06-05", "--format", "json")
        #expect(ok.status == 0, "\(ok.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as! [String: Any]
        for key in ["strategy", "symbol", "parameters", "periods_per_year", "fees_bp", "slippage_bp", "metrics", "benchmark", "trades"] {
            #expect(doc[key] != nil, "missing \(key)")
        }
        #expect(doc["fees_bp"] as? Double == 10 && doc["slippage_bp"] as? Double == 5 && doc["periods_per_year"] as? Double == 252)
        let trade = (doc["trades"] as! [[String: Any]])[0]
        #expect(trade["entry_date"] as? String == "2020-03-23")  // a Friday signal fills on Monday
        let checks: [([String], String)] = [
            (["sweep", "--lookbacks", "520:20:5"], "is empty"),
            (["sweep", "--holds", "5:130:0"], "step must be at least 1"),
            (["sweep", "--symbol", "NOPE"], "unknown series 'NOPE'"),
            (["sweep", "--symbol", "ETH", "--lookbacks", "100000:100000:1", "--holds", "5:5:1"], "longer than the"),
            (["backtest", "--strategy", "dates"], "needs --entries"),
            (["backtest", "--strategy", "new-high", "--symbol", "BTC", "--fill", "open"], "no opens"),
            (["walkforward", "--symbol", "ETH", "--train", "20000"], "no split"),
        ]
        for (args, text) in checks {
            let r = try cli.run(args)
            #expect(r.status != 0 && r.stderr.contains(text) && r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
    }

    @Test func helpHasExamples() throws {
        let cli = try CLI()
        for command in [["report"], ["data", "list"], ["data", "show"], ["data", "check"], ["data", "import"], ["leadlag"],
                        ["breakouts"], ["liquidity"], ["stage"], ["altseason"], ["supercycle"]] {
            let r = try cli.run(command + ["--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Examples:"), "\(command)")
            #expect(r.stdout.contains("--format"), "\(command)")
        }
    }
}

