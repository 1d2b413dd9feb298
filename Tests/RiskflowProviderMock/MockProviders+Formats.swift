import Foundation
import Hummingbird
import RiskflowCore

/// Each provider's body, rendered from a scripted series as the provider writes it.
extension MockProviders {
    public static func volume(_ i: Int) -> Double { Double(1_000_000 + 1_000 * (i % 50)) }

    func fredCSV(_ s: Series, _ req: Request) -> String? {
        let from = Day(q(req, "cosd")) ?? Day(rawValue: Int32.min)
        var out = "observation_date,\(q(req, "id"))\n"
        for (d, v) in zip(s.days, s.close) where d >= from { out += "\(d.iso),\(v.isNaN ? "" : String(v))\n" }
        return out
    }

    func fredJSON(_ s: Series, _ req: Request) -> String? {
        let from = Day(q(req, "observation_start")) ?? Day(rawValue: Int32.min)
        let realtimeStart = Day(q(req, "realtime_start")) ?? Day(rawValue: 0)
        var rows: [String] = []
        for (d, v) in zip(s.days, s.close) where d >= from {
            // The first release the day after; later vintages as scripted.
            var vintages = [(d + 1, v)] + s.vintages.filter { $0.0 == d }.map { ($0.1, $0.2) }
            vintages.sort { $0.0 < $1.0 }
            for (k, (start, value)) in vintages.enumerated() {
                let end = k + 1 < vintages.count ? vintages[k + 1].0 - 1 : Day.latestPossible
                if end < realtimeStart { continue }
                let shownStart = max(start, realtimeStart)
                let text = value.isNaN ? "." : String(value)
                rows.append(#"{"realtime_start":"\#(shownStart.iso)","realtime_end":"\#(end.iso)","date":"\#(d.iso)","value":"\#(text)"}"#)
            }
        }
        let offset = Int(q(req, "offset")) ?? 0
        let page = rows.dropFirst(offset).prefix(100_000)
        return #"{"realtime_start":"\#(realtimeStart.iso)","realtime_end":"9999-12-31","observation_start":"\#(from.iso)","observation_end":"9999-12-31","units":"lin","output_type":1,"file_type":"json","order_by":"observation_date","sort_order":"asc","count":\#(rows.count),"offset":\#(offset),"limit":100000,"observations":[\#(page.joined(separator: ","))]}"#
    }

    /// Bars stamped 20:00 New York time (the next day in UTC): the day must come from the
    /// exchange's time zone. One all-null row (a holiday) is included and must be skipped.
    func yahoo(_ s: Series, _ req: Request) -> String? {
        let p1 = qi(req, "period1") ?? 0, p2 = qi(req, "period2") ?? Int64.max
        let ny = TimeZone(identifier: "America/New_York")!
        func stamp(_ d: Day, hour: Int) -> Int64 {
            let local = Int64(d.rawValue) * 86_400 + Int64(hour * 3600)
            let offset = ny.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
            return local - Int64(offset)
        }
        let type = state(instrumentTypeOf: q(req, "symbol").isEmpty ? req.uri.path : req.uri.path)
        var ts: [String] = [], o: [String] = [], h: [String] = [], l: [String] = [], c: [String] = [], v: [String] = [], a: [String] = []
        for (i, (d, close)) in zip(s.days, s.close).enumerated() {
            let t = stamp(d, hour: 20)
            guard t >= p1 && t < p2 else { continue }
            let adj = s.dividendDay.map { d < $0 ? close * s.dividendFactor : close } ?? close
            ts.append(String(t)); o.append(String(close * 0.99)); h.append(String(close * 1.01)); l.append(String(close * 0.98))
            c.append(String(close)); v.append(String(Int(MockProviders.volume(i)))); a.append(String(adj))
            if i == 0 {
                ts.append(String(t + 600)); o.append("null"); h.append("null"); l.append("null"); c.append("null"); v.append("null"); a.append("null")
            }
        }
        guard !ts.isEmpty else { return nil }
        let last = s.days.last!
        let meta = #"{"currency":"USD","symbol":"X","exchangeName":"NIM","instrumentType":"\#(type)","firstTradeDate":0,"regularMarketTime":\#(stamp(last, hour: 16)),"gmtoffset":\#(ny.secondsFromGMT()),"timezone":"EST","exchangeTimezoneName":"America/New_York","currentTradingPeriod":{"pre":{"start":0,"end":0},"regular":{"timezone":"EST","start":\#(stamp(last, hour: 9)),"end":\#(stamp(last, hour: 16)),"gmtoffset":-18000},"post":{"start":0,"end":0}},"dataGranularity":"1d","range":""}"#
        func arr(_ x: [String]) -> String { "[" + x.joined(separator: ",") + "]" }
        return #"{"chart":{"result":[{"meta":\#(meta),"timestamp":\#(arr(ts)),"indicators":{"quote":[{"open":\#(arr(o)),"high":\#(arr(h)),"low":\#(arr(l)),"close":\#(arr(c)),"volume":\#(arr(v))}],"adjclose":[{"adjclose":\#(arr(a))}]}}],"error":null}}"#
    }

    private func state(instrumentTypeOf path: String) -> String {
        let id = String(path.split(separator: "/").last ?? "").removingPercentEncoding ?? ""
        return instrumentType(id)
    }

    func stooq(_ s: Series, _ req: Request) -> String? {
        func day(_ x: String) -> Day? {
            guard x.count == 8 else { return nil }
            let a = Array(x)
            return Day("\(String(a[0..<4]))-\(String(a[4..<6]))-\(String(a[6..<8]))")
        }
        let from = day(q(req, "d1")) ?? Day(rawValue: Int32.min), to = day(q(req, "d2")) ?? Day(rawValue: Int32.max)
        var out = "Date,Open,High,Low,Close,Volume\n"
        var any = false
        for (i, (d, c)) in zip(s.days, s.close).enumerated() where d >= from && d <= to {
            out += "\(d.iso),\(c * 0.99),\(c * 1.01),\(c * 0.98),\(c),\(Int(MockProviders.volume(i)))\n"
            any = true
        }
        return any ? out : "No data"
    }

    /// Daily points at 00:00 UTC for spans over 90 days (the point of D+1 is D's close)
    /// plus the current price at the end; hourly points off the hour for shorter spans.
    func coingecko(_ s: Series, _ req: Request) -> String? {
        let from = (qi(req, "from") ?? 0) * 1000, to = (qi(req, "to") ?? Int64.max / 2000) * 1000
        let daily = to - from > 90 * 86_400_000
        var p: [String] = [], m: [String] = [], v: [String] = []
        for (i, (d, c)) in zip(s.days, s.close).enumerated() {
            let t = (Int64(d.rawValue) + 1) * 86_400_000
            if daily {
                guard t >= from && t <= to else { continue }
                p.append("[\(t),\(c)]"); m.append("[\(t),\(c * 1e7)]"); v.append("[\(t),\(c * MockProviders.volume(i))]")
            } else {
                for hour in 0..<24 {
                    let th = t + Int64(hour) * 3_600_000 + 123_456
                    guard th >= from && th <= to else { continue }
                    p.append("[\(th),\(c)]"); m.append("[\(th),\(c * 1e7)]"); v.append("[\(th),\(c)]")
                }
            }
        }
        if let last = s.close.last, !p.isEmpty {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            p.append("[\(now),\(last * 1.5)]"); m.append("[\(now),\(last * 1.5e7)]"); v.append("[\(now),1]")
        }
        return #"{"prices":[\#(p.joined(separator: ","))],"market_caps":[\#(m.joined(separator: ","))],"total_volumes":[\#(v.joined(separator: ","))]}"#
    }

    func markets() -> String? {
        let coins = marketsList()
        guard !coins.isEmpty else { return nil }
        let items = coins.enumerated().map { i, c in
            #"{"id":"\#(c.0)","symbol":"\#(c.1.lowercased())","name":"\#(c.0.capitalized)","image":"https://example.invalid/x.png","current_price":\#(c.2 / 1e7),"market_cap":\#(c.2),"market_cap_rank":\#(i + 1),"fully_diluted_valuation":null,"total_volume":\#(c.2 / 50),"last_updated":"2026-12-06T09:00:00.000Z"}"#
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    /// Klines from `startTime`, at most `limit` (Binance's page), numbers as strings.
    func binance(_ s: Series, _ req: Request) -> String? {
        let start = qi(req, "startTime") ?? 0, limit = Int(qi(req, "limit") ?? 500)
        var rows: [String] = []
        for (i, (d, c)) in zip(s.days, s.close).enumerated() {
            let open = Int64(d.rawValue) * 86_400_000
            guard open >= start, rows.count < limit else { continue }
            let vol = MockProviders.volume(i)
            rows.append(#"[\#(open),"\#(c * 0.99)","\#(c * 1.01)","\#(c * 0.98)","\#(c)","\#(vol)",\#(open + 86_399_999),"\#(vol * c)",1000,"\#(vol / 2)","\#(vol * c / 2)","0"]"#)
        }
        return "[" + rows.joined(separator: ",") + "]"
    }
}
