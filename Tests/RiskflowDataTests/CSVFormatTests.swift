import RiskflowCore
@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
import Testing
import RiskflowTestSupport

@Suite("CSV formats on real samples") struct CSVFormatTests {
    @Test func yahooDownloadSkipsNullRows() throws {
        let p = try CSVParser.parse(try fixture("yahoo_download_RUT.csv"), file: "yahoo_download_RUT.csv")
        #expect(p.format == .yahoo)
        #expect(p.skippedMissing == 1)  // 2020-10-02,null,...
        #expect(p.days.first == day("2012-04-10"))
        #expect(p.days.last == day("2020-12-31"))
        #expect(!p.days.contains(day("2020-10-02")))
        #expect(p.close.last == 1974.859985)
        #expect(p.volume.first == 46_317_300)
        // Index: Adj Close == Close, so adjusting changes nothing.
        #expect(p.open.first == 802.710022)
    }

    @Test func yfinanceMultiHeader() throws {
        let p = try CSVParser.parse(try fixture("yfinance_multiheader_NDX.csv"), file: "ndx.csv")
        #expect(p.format == .yahoo)
        #expect(p.seriesHint == "^NDX")
        #expect(p.days.first == day("2016-08-10"))
        #expect(p.close.first == 4783.39013671875)
        #expect(p.days.last == day("2026-02-27"))
    }

    @Test func stooqLastLineWithoutVolumeOrNewline() throws {
        let p = try CSVParser.parse(try fixture("stooq_spx_d.csv"), file: "stooq_spx_d.csv")
        #expect(p.format == .stooq)
        #expect(p.days.last == day("2019-11-29"))
        #expect(p.close.last == 3140.98)
        #expect(p.volume.last!.isNaN)
        #expect(p.volume.first == 869_314_816)
    }

    @Test func fredLegacyAndFredgraph() throws {
        let legacy = try CSVParser.parse(try fixture("fred_legacy_T10Y3M.csv"), file: "T10Y3M.csv")
        #expect(legacy.format == .fred)
        #expect(legacy.seriesHint == "T10Y3M")
        #expect(legacy.skippedMissing == 418)
        #expect(legacy.holdsValues)
        let graph = try CSVParser.parse(try fixture("fredgraph_WALCL.csv"), file: "WALCL.csv")
        #expect(graph.seriesHint == "WALCL")
        #expect(graph.days.first == day("2002-12-18"))
        #expect(graph.close.first == 719_542)
        #expect(graph.rowCount == 1189)
    }

    @Test func coinMarketCapExportNewestFirstWithSeparators() throws {
        let p = try CSVParser.parse(try fixture("cmc_export_style_bitcoin_price.csv"), file: "btc.csv")
        #expect(p.format == .coinmarketcap)
        #expect(p.wasReversed)
        #expect(p.rowCount == 1760)
        #expect(p.days.first == day("2013-04-28"))
        #expect(p.days.last == day("2018-02-20"))
        #expect(p.close.last == 11403.70)
        #expect(p.volume.last == 9_926_540_000)
        #expect(p.marketCap.last == 189_536_000_000)
        #expect(p.volume.first!.isNaN)  // "-"
    }

    @Test func kaggleCoinFile() throws {
        let p = try CSVParser.parse(try fixture("kaggle_coin_Ethereum.csv"), file: "coin_Ethereum.csv")
        #expect(p.format == .coinmarketcap)
        #expect(p.seriesHint == "ETH")
        #expect(p.days.first == day("2015-08-08"))
        #expect(p.close.first == 0.7533249855041504)
        #expect(p.open.first == 2.793760061264038)
        #expect(p.marketCap.last == 271_028_619_181.2)
    }

    @Test func coinGeckoShiftsSnapshotsToThePreviousDayClose() throws {
        let p = try CSVParser.parse(try fixture("coingecko_btc-usd-max_truncated.csv"), file: "btc-usd-max.csv")
        #expect(p.format == .coingecko)
        // snapped 2010-07-18 00:00 UTC = close of 2010-07-17 (the bundled BTC.csv starts there, at 0.09).
        #expect(p.days.first == day("2010-07-17"))
        #expect(p.close.first == 0.09)
        #expect(p.marketCap.first!.isNaN)  // 0.0 means unknown
        #expect(p.open.first!.isNaN)
    }

    @Test func cryptoDataDownloadBannerNewestFirstMixedUnixUnits() throws {
        // The real file repeats 2017-12-18 with different volumes (two exports overlap):
        // an error naming both lines, never a silent pick.
        var bytes = try fixture("cryptodatadownload_Binance_BTCUSDT_d.csv")
        let e = #expect(throws: ImportError.self) { try CSVParser.parse(bytes, file: "cdd.csv") }
        #expect(e?.description.contains("duplicate date 2017-12-18 with different values") == true)
        #expect(e?.line == 1287)
        // Without the second copy it reads, milliseconds (recent rows) and seconds (old rows) alike.
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        lines.remove(at: 1287)
        bytes = Array(lines.joined(separator: "\n").utf8)
        let p = try CSVParser.parse(bytes, file: "cdd.csv")
        #expect(p.format == .cryptodatadownload)
        #expect(p.wasReversed)
        #expect(p.days.first == day("2017-08-17"))
        #expect(p.days.last == day("2021-06-24"))
        #expect(p.close.first == 4285.08)
        #expect(p.volume.first == 2_812_379.11)  // Volume USDT
    }

    @Test func binanceKlinesInMillisecondsAndMicroseconds() throws {
        let ms = """
            1735689600000,93576.00,95151.15,92888.00,94591.79,10373.32613,1735775999999,968415129.72,1524722,5177.7,484064.33,0
            1735776000000,94591.78,97839.50,94392.00,96984.79,21970.48948,1735862399999,2118396098.23,3245315,11025.3,1063253.63,0

            """
        let p = try parse(ms)
        #expect(p.format == .binance)
        #expect(p.days == [day("2025-01-01"), day("2025-01-02")])
        #expect(p.close == [94591.79, 96984.79])
        #expect(p.volume == [968_415_129.72, 2_118_396_098.23])
        let us = "1767225600000000,1,2,0.5,1.5,10,1767311999999999,15,3,1,1,0\n"
        #expect(try parse(us).days == [day("2026-01-01")])
    }

    @Test func unknownHeaderListsTheKnownFormats() throws {
        // IBKR bars have wap,count columns: not a supported layout.
        let e = #expect(throws: ImportError.self) {
            try CSVParser.parse(try fixture("ibkr_RUT.csv"), file: "ibkr_RUT.csv")
        }
        #expect(e?.line == 1)
        #expect(e?.description.contains("unknown header") == true)
        #expect(e?.description.contains("coingecko") == true)
    }

    @Test func forcedFormatMustMatchTheHeader() throws {
        let e = #expect(throws: ImportError.self) {
            try parse("Date,Open,High,Low,Close,Volume\n2020-01-02,1,1,1,1,1\n", format: .fred)
        }
        #expect(e?.description.contains("does not match format 'fred'") == true)
        #expect(try parse("Date,Open,High,Low,Close,Volume\n2020-01-02,1,1,1,1,1\n", format: .stooq).rowCount == 1)
    }
}
