import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import RiskflowCore
import RiskflowData
import RiskflowServer
@testable import RiskflowRuntime
import RiskflowTestSupport
import Testing

/// The server over the same store the command line uses, in process (HummingbirdTesting).
struct ServerHarness {
    let cli: CLI
    let http: RiskflowHTTP
    let writer: any RiskflowStore

    /// A fresh home with the bundled snapshot loaded by the command line (run on threads
    /// of their own: the in-process server needs the few cooperative ones).
    init(_ backend: TestBackend = .sqlite) async throws {
        var cli = try CLI()
        let path = backend == .sqlite ? cli.home.appendingPathComponent("riskflow.sqlite").path : try freshPostgresDatabase()
        if backend == .postgres { cli.environment["RISKFLOW_DB"] = path }  // every command of this home on PostgreSQL
        self.cli = cli
        let first = try await cli.runDetached("data", "list", "--format", "json")
        precondition(first.status == 0, first.stderr)
        writer = try await Store.open(path)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let version = try await cli.runDetached("--version").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        http = try RiskflowHTTP(env: APIEnvironment(store: try await Store.open(path, readOnly: true), signals: .init(), version: version), logger: logger)
    }

    func withClient(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: http.router())
        try await app.test(.router) { client in try await body(client) }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
}

/// Parsed-JSON equality (numbers compared as NSNumbers, so 1 and 1.0 agree as JSON does).
func jsonEqual(_ a: Any, _ b: Any) -> Bool {
    (a as? NSObject)?.isEqual(b as? NSObject) ?? false
}

@Suite("riskflow serve: the JSON API", .serialized) struct ServerAPITests {
    /// Each endpoint against its command with the same parameters.
    static let pairs: [(uri: String, command: [String])] = [
        ("/api/v1/breakouts?threshold=2600&from=2020-01-01", ["breakouts", "--threshold", "2600", "--from", "2020-01-01"]),
        ("/api/v1/breakouts?as_of=2021-03-31&basket=XLF,XLK,XLE", ["breakouts", "--as-of", "2021-03-31", "--basket", "XLF,XLK,XLE"]),
        ("/api/v1/liquidity?from=2025-06-01", ["liquidity", "--from", "2025-06-01"]),
        ("/api/v1/liquidity?as_of=2020-04-02&from=2020-01-01", ["liquidity", "--as-of", "2020-04-02", "--from", "2020-01-01"]),
        ("/api/v1/stage", ["stage"]),
        ("/api/v1/stage?as_of=2021-01-15&from=2020-06-01", ["stage", "--as-of", "2021-01-15", "--from", "2020-06-01"]),
        ("/api/v1/altseason?top=20&window=60&from=2026-01-01", ["altseason", "--top", "20", "--window", "60", "--from", "2026-01-01"]),
        ("/api/v1/supercycle?as_of=2021-11-08", ["supercycle", "--as-of", "2021-11-08"]),
        ("/api/v1/leadlag?x=RUT&y=ETH&freq=weekly&max_lag=4", ["leadlag", "--x", "RUT", "--y", "ETH", "--freq", "weekly", "--max-lag", "4"]),
        (
            "/api/v1/leadlag?x=DGS10&y=RUT&transform=diff&as_of=2021-01-01&xcorr_lags=5",
            ["leadlag", "--x", "DGS10", "--y", "RUT", "--transform", "diff", "--as-of", "2021-01-01", "--xcorr-lags", "5"]
        ),
        ("/api/v1/series", ["data", "list"]),
        ("/api/v1/series/RUT?from=2026-01-01", ["data", "show", "RUT", "--from", "2026-01-01"]),
        ("/api/v1/series/WALCL?as_of=2020-03-19&from=2020-01-01", ["data", "show", "WALCL", "--as-of", "2020-03-19", "--from", "2020-01-01"]),
        ("/api/v1/series/COINGECKO-DAILY", ["data", "show", "COINGECKO-DAILY"]),
        (
            "/api/v1/events?draws=200&seed=7&horizons=30,90&follower=ETH,BTC",
            ["events", "--draws", "200", "--seed", "7", "--horizons", "30,90", "--follower", "ETH,BTC"]
        ),
        ("/api/v1/events?events=2016-11-21,2020-11-20&draws=100", ["events", "--events", "2016-11-21,2020-11-20", "--draws", "100"]),
        ("/api/v1/scorecard?draws=200&as_of=2025-12-31", ["scorecard", "--draws", "200", "--as-of", "2025-12-31"]),
        ("/api/v1/backtest?strategy=breakout-hold&symbol=ETH", ["backtest", "--strategy", "breakout-hold", "--symbol", "ETH"]),
        (
            "/api/v1/backtest?strategy=new-high&symbol=BTC&lookback=50&hold=20&fees_bp=20&equity=true",
            ["backtest", "--strategy", "new-high", "--symbol", "BTC", "--lookback", "50", "--hold", "20", "--fees-bp", "20", "--equity"]
        ),
        (
            "/api/v1/backtest?strategy=dates&symbol=ETH&entries=2020-11-20&exits=2021-02-18",
            ["backtest", "--strategy", "dates", "--symbol", "ETH", "--entries", "2020-11-20", "--exits", "2021-02-18"]
        ),
    ]

    @Test func theComparisonCanFail() async throws {
        func parse(_ s: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(s.utf8)) }
        #expect(jsonEqual(try parse(#"{"a": [1, 2.5, null], "b": "x"}"#), try parse(#"{"b": "x", "a": [1.0, 2.5, null]}"#)))
        #expect(!jsonEqual(try parse(#"{"a": [1, 2.5]}"#), try parse(#"{"a": [1, 2.6]}"#)))
        #expect(!jsonEqual(try parse(#"{"a": null}"#), try parse(#"{"a": 0}"#)))
        #expect(!jsonEqual(try parse(#"[{"a": 1}]"#), try parse(#"[{"a": 1, "b": 2}]"#)))
    }

    @Test(arguments: TestBackend.available)
    func everyEndpointEqualsTheCommandsJSON(backend: TestBackend) async throws {
        let h = try await ServerHarness(backend)
        // On PostgreSQL every third pair (seven endpoints, as-of and plain) keeps the run short.
        let pairs = backend == .sqlite ? Self.pairs : Self.pairs.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        var expected: [String: String] = [:]
        for (uri, command) in pairs {
            let r = try await h.cli.runDetached(command + ["--format", "json"])
            #expect(r.status == 0, "\(command): \(r.stderr)")
            expected[uri] = r.stdout
        }
        let want = expected
        try await h.withClient { client in
            for (uri, _) in pairs {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri): \(response.text.prefix(300))")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    let cliJSON = try JSONSerialization.jsonObject(with: Data(want[uri]!.utf8), options: [.fragmentsAllowed])
                    #expect(jsonEqual(try response.json(), cliJSON), "\(uri) differs from the command's JSON")
                }
            }
        }
    }

    /// Issue 21's first crash: the report page for a day before 2000 (no stage chart) killed
    /// the server. Early days render "no data yet" sections, and the server keeps serving.
    @Test func pagesForDaysBeforeTheDataAnswer() async throws {
        let h = try await ServerHarness()
        try await h.withClient { client in
            for uri in ["/?as_of=2000-01-01", "/report.html?as_of=1999-06-01", "/?as_of=1900-01-01"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                }
            }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
        let r = try await h.cli.runDetached("report", "--as-of", "1999-06-01", "--no-html")
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func theReportEqualsReportNoHTML() async throws {
        let h = try await ServerHarness()
        let r = try await h.cli.runDetached("report", "--no-html", "--format", "json", "--as-of", "2021-06-30")
        #expect(r.status == 0, "\(r.stderr)")
        let cliText = r.stdout
        try await h.withClient { client in
            try await client.execute(uri: "/api/v1/report?as_of=2021-06-30", method: .get) { response in
                #expect(response.status == .ok)
                let cliJSON = try JSONSerialization.jsonObject(with: Data(cliText.utf8))
                let same = jsonEqual(try response.json(), cliJSON)
                #expect(same)
            }
            try await client.execute(uri: "/report.html?as_of=2021-06-30", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("Computed as of <b>2021-06-30</b>"))
            }
            try await client.execute(uri: "/?as_of=2021-06-30", method: .get) { response in
                #expect(response.status == .ok)
                let page = response.text
                #expect(page.contains("<h1>riskflow <span class=\"live\">live</span></h1>"))
                #expect(page.contains("Data freshness") && page.contains("The claims against the data"))
                #expect(page.contains("<svg") && !page.contains("<script"))
                #expect(!page.contains("http://") && !page.contains("https://"), "no external assets")
            }
        }
    }

    @Test(arguments: [
        ("/nope", 404, "not_found", nil),
        ("/api/v1/nope", 404, "not_found", nil),
        ("/api/v1/series/NOPE", 404, "unknown_symbol", nil),
        ("/api/v1/leadlag?x=RUT&y=NOPE", 404, "unknown_symbol", nil),
        ("/api/v1/backtest?strategy=stage&symbol=NOPE", 404, "unknown_symbol", nil),
        ("/api/v1/stage?as_of=2021-13-01", 400, "bad_parameter", "as_of"),
        ("/api/v1/stage?as_of=yesterday", 400, "bad_parameter", "as_of"),
        ("/api/v1/stage?frm=2021-01-01", 400, "unknown_parameter", "frm"),
        ("/api/v1/stage?from=2021-02-01&to=2021-01-01", 422, "inconsistent_parameters", "from"),
        ("/api/v1/stage?as_of=2021-01-01&as_of=2021-02-01", 400, "bad_parameter", "as_of"),
        ("/api/v1/leadlag?x=RUT", 400, "bad_parameter", "y"),
        ("/api/v1/leadlag?x=RUT&y=ETH&max_lag=0", 400, "bad_parameter", "max_lag"),
        ("/api/v1/leadlag?x=RUT&y=ETH&max_lag=four", 400, "bad_parameter", "max_lag"),
        ("/api/v1/leadlag?x=RUT&y=ETH&freq=hourly", 400, "bad_parameter", "freq"),
        ("/api/v1/altseason?top=0", 400, "bad_parameter", "top"),
        ("/api/v1/events?horizons=30,x", 400, "bad_parameter", "horizons"),
        ("/api/v1/events?draws=-1", 400, "bad_parameter", "draws"),
        ("/api/v1/backtest", 400, "bad_parameter", "strategy"),
        ("/api/v1/backtest?strategy=dates", 422, "inconsistent_parameters", "entries"),
        ("/api/v1/backtest?strategy=stage&fees_bp=nan", 400, "bad_parameter", "fees_bp"),
        ("/api/v1/backtest?strategy=stage&equity=maybe", 400, "bad_parameter", "equity"),
        ("/api/v1/series/RUT?from=2021-01-0%ZZ", 400, "bad_parameter", "from"),
        ("/?as_of=2021-02-30", 400, "bad_parameter", "as_of"),
        ("/report.html?colour=red", 400, "unknown_parameter", "colour"),
        // Outside what the OpenAPI document declares: 400; valid each but inconsistent: 422.
        ("/api/v1/scorecard?draws=100001", 400, "bad_parameter", "draws"),
        ("/api/v1/scorecard?seed=-1", 400, "bad_parameter", "seed"),
        ("/api/v1/events?horizons=0", 400, "bad_parameter", "horizons"),
        ("/api/v1/events?horizons=030", 400, "bad_parameter", "horizons"),
        ("/api/v1/events?events=2021-02-29", 400, "bad_parameter", "events"),
        ("/api/v1/breakouts?basket=%2C%20%2C", 400, "bad_parameter", "basket"),
        ("/api/v1/backtest?strategy=stage&periods=0", 400, "bad_parameter", "periods"),
        ("/api/v1/leadlag?x=RUT&y=ETH&max_lag=8&window=20", 422, "inconsistent_parameters", "window"),
    ] as [(String, Int, String, String?)])
    func badRequestsGetAJSONErrorNamingWhat(uri: String, status: Int, code: String, parameter: String?) async throws {
        let h = try await ServerHarness()
        try await h.withClient { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(Int(response.status.code) == status, "\(uri): \(response.text)")
                let body = try #require(try response.json() as? [String: Any], "\(uri): \(response.text)")
                #expect(body["code"] as? String == code, "\(uri): \(response.text)")
                if let parameter {
                    #expect(body["parameter"] as? String == parameter)
                    #expect((body["error"] as? String)?.contains(parameter) == true)
                }
                if code == "unknown_symbol" { #expect((body["error"] as? String)?.contains("NOPE") == true) }
            }
        }
    }

    /// Undeclared methods on a served route are 405 with `Allow`; HEAD works where GET does;
    /// an unknown route stays 404.
    @Test func undeclaredMethodsAre405AndHeadWorks() async throws {
        let h = try await ServerHarness()
        try await h.withClient { client in
            for (uri, method) in [("/report.html", HTTPRequest.Method("TRACE")!), ("/api/v1/report", .delete),
                                  ("/api/v1/series/BTC", .post), ("/health", .put)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == "GET, HEAD")
                    #expect(response.text.contains("\"method_not_allowed\""))
                }
            }
            try await client.execute(uri: "/nowhere", method: .post) { #expect($0.status == .notFound) }
            for uri in ["/health", "/api/v1/series", "/openapi.json"] {
                try await client.execute(uri: uri, method: .head) { #expect($0.status == .ok, "HEAD \(uri)") }
            }
        }
    }

    @Test func oversizedRequestLinesAndHeadersAreRefused() async throws {
        let h = try await ServerHarness()
        try await h.withClient { client in
            let long = "/api/v1/stage?from=" + String(repeating: "9", count: 9000)
            try await client.execute(uri: long, method: .get) { response in
                #expect(response.status.code == 414)
            }
            var headers = HTTPFields()
            for i in 0..<20 { headers[.init("X-Padding-\(i)")!] = String(repeating: "a", count: 1000) }
            try await client.execute(uri: "/api/v1/stage", method: .get, headers: headers) { response in
                #expect(response.status.code == 431)
            }
            // Just under both limits is fine.
            var small = HTTPFields()
            for i in 0..<10 { small[.init("X-Padding-\(i)")!] = String(repeating: "a", count: 1000) }
            try await client.execute(uri: "/health", method: .get, headers: small) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func theAPIIsReadOnly(backend: TestBackend) async throws {
        let h = try await ServerHarness(backend)
        try await h.withClient { client in
            try await client.execute(uri: "/api/v1/series/RUT", method: .post) { response in
                #expect(response.status.code == 404 || response.status.code == 405)
            }
            try await client.execute(uri: "/api/v1/stage", method: .delete) { response in
                #expect(response.status.code == 404 || response.status.code == 405)
            }
        }
        // The API's store connection cannot write at all.
        await #expect(throws: (any Error).self) { try await h.http.env.store.recordSyncFailure(id: "RUT", provider: .yahoo, providerID: "^RUT", stamp: "x", error: "x") }
    }

    @Test func theOpenAPIDocumentDescribesEveryRouteAndParameter() async throws {
        let h = try await ServerHarness()
        try await h.withClient { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let doc = try #require(try response.json() as? [String: Any])
                #expect(doc["openapi"] as? String == "3.1.0")
                let info = try #require(doc["info"] as? [String: Any])
                #expect(info["title"] as? String == "riskflow" && info["version"] is String)
                let paths = try #require(doc["paths"] as? [String: Any])
                #expect(Set(paths.keys) == Set(OpenAPIDocument.routes))
                var operationIDs = Set<String>()
                for endpoint in APICatalogue.endpoints {
                    let get = try #require((paths[endpoint.path] as? [String: Any])?["get"] as? [String: Any], "\(endpoint.path)")
                    let id = try #require(get["operationId"] as? String)
                    #expect(operationIDs.insert(id).inserted, "operationId \(id) is unique")
                    let params = try #require(get["parameters"] as? [[String: Any]])
                    let names = Set(params.compactMap { $0["name"] as? String })
                    #expect(names.isSuperset(of: endpoint.parameters.map(\.name)))
                    #expect(names.contains("as_of"), "\(endpoint.path) takes as_of")
                    for p in params {
                        #expect(["query", "path"].contains(p["in"] as? String ?? ""))
                        #expect(p["schema"] is [String: Any])
                        if p["in"] as? String == "path" { #expect(p["required"] as? Bool == true) }
                    }
                    let responses = try #require(get["responses"] as? [String: Any])
                    #expect(responses["200"] != nil && responses["400"] != nil && responses["404"] != nil)
                }
                // Every $ref resolves.
                let text = response.text
                for ref in ["#/components/responses/Error", "#/components/schemas/Error"] where text.contains(ref) {
                    let parts = ref.dropFirst(2).split(separator: "/").map(String.init)
                    var node: Any? = doc
                    for p in parts { node = (node as? [String: Any])?[p] }
                    #expect(node != nil, "\(ref) resolves")
                }
            }
            // And every documented route answers something other than 404.
            for route in OpenAPIDocument.routes where !route.contains("{") && route != "/api/v1/leadlag" && route != "/api/v1/backtest" {
                if ["/", "/report.html", "/api/v1/report", "/api/v1/events", "/api/v1/scorecard"].contains(route) { continue }  // slow in debug; covered above
                try await client.execute(uri: route, method: .get) { response in
                    #expect(response.status == .ok, "\(route)")
                }
            }
        }
    }

    @Test func healthMetricsAndTheCacheFollowTheData() async throws {
        let h = try await ServerHarness()
        try await h.withClient { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try response.json() as? [String: Any])
                #expect(body["status"] as? String == "ok")
                #expect(body["last_data_day"] as? String == "2026-09-25")
            }
            var first = ""
            try await client.execute(uri: "/api/v1/series/IWM?from=2026-08-01", method: .get) { first = $0.text }
            #expect(h.http.cache.count >= 1)
            // A sync writes a new day; once the server is told (or its probe notices), the answer changes.
            var next = FetchedSeries()
            next.append(day: try Day(iso: "2026-09-28"), open: 230, high: 231, low: 229, close: 230.5, volume: 1_000_000)
            _ = try await h.writer.merge(
                next, metadata: try h.writer.metadata("IWM"), today: try Day(iso: "2026-09-28"), provider: .yahoo,
                providerID: "IWM", stamp: "2026-09-28T22:00:00Z")
            h.http.dataDidChange()
            #expect(h.http.cache.count == 0)
            try await client.execute(uri: "/api/v1/series/IWM?from=2026-08-01", method: .get) { response in
                #expect(response.text != first)
                #expect(response.text.contains("2026-09-28"))
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = response.text
                #expect(text.contains("riskflow_http_requests_total{route=\"/api/v1/series/{id}\",method=\"GET\",status=\"200\"} 2"))
                #expect(text.contains("riskflow_http_request_duration_seconds_bucket{route=\"/health\""))
                #expect(text.contains("riskflow_sync_last_success_timestamp_seconds{provider=\"yahoo\"}"))
                #expect(text.contains("riskflow_alert_deliveries_total{outcome=\"delivered\"} 0"))
            }
        }
    }

    @Test func healthIs503WhenTheStoreCannotBeRead() async throws {
        let h = try await ServerHarness()
        // Break the store under the server: the tables it reads are gone.
        let db = try DatabaseQueue(path: h.writer.path)
        try await db.write { try $0.execute(sql: "DROP TABLE observation") }
        h.http.probe.invalidate()
        try await h.withClient { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status.code == 503)
                let body = try #require(try response.json() as? [String: Any])
                #expect(body["status"] as? String == "unavailable")
                #expect((body["error"] as? String)?.contains("cannot be read") == true)
            }
            try await client.execute(uri: "/api/v1/stage", method: .get) { response in
                #expect(response.status.code == 503)
            }
        }
    }
}
