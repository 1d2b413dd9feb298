import RiskflowCore

/// Metadata of the bundled series: what each is, its unit, calendar and provenance
/// (condensed from `Snapshot/SOURCES.md`, which has the full story).
package enum SnapshotCatalog {
    static let licence = "no licence stated by the source repositories; the vendors' terms apply (research use)"

    /// The catalogue's metadata for a known id (`WALCL`, `RUT`), `nil` otherwise.
    package static func known(_ id: String) -> SeriesMetadata? {
        guard let k = table[id] else { return nil }
        return SeriesMetadata(
            id: id, kind: k.kind, unit: k.unit, calendar: k.calendar, source: k.source, licence: licence, name: k.name)
    }

    static func metadata(id: String, group: String) -> SeriesMetadata {
        if let known = table[id] {
            return SeriesMetadata(
                id: id, kind: known.kind, unit: known.unit, calendar: known.calendar,
                source: "bundled snapshot: \(known.source)", licence: licence, name: known.name)
        }
        switch group {
        case "crypto":
            return SeriesMetadata(
                id: id, kind: .crypto, unit: .usd, calendar: .daily,
                source: "bundled snapshot: CoinMarketCap/CoinGecko/Coinbase/Binance daily closes (crypto/SOURCES.md)",
                licence: licence, name: "\(id) in USD")
        case "macro":
            return SeriesMetadata(
                id: id, kind: .macro, unit: .indexPoints, calendar: .daily, source: "bundled snapshot: FRED",
                licence: licence, name: id)
        default:
            return SeriesMetadata(
                id: id, kind: .etf, unit: .usd, calendar: .nyse, source: "bundled snapshot: Yahoo Finance",
                licence: licence, name: id)
        }
    }

    private struct Known {
        var kind: SeriesKind
        var unit: ValueUnit
        var calendar: SeriesCalendar
        var name: String
        var source: String
    }

    private static let yfAdjusted =
        "Yahoo Finance via yfinance (auto-adjusted), guydekowski/market-lab; from 2026-08-24 \(alm), rescaled to the bundled basis"
    private static let yfChen =
        "Yahoo Finance download (adjusted), chenc319/Silverlight; from 2025-09-26 \(alm), rescaled to the bundled basis"
    /// The 2026-12 refresh's appended rows (`SOURCES-refresh-2026-12.md`).
    private static let alm = "Yahoo via yfinance (alm0421/alm0421)"

    private static let table: [String: Known] = [
        "RUT": Known(
            kind: .index, unit: .indexPoints, calendar: .nyse, name: "Russell 2000 index (no volume)",
            source: "Yahoo ^RUT (hjyssg/tqqq_simulation) to 2024-08-02, then IBKR bars (heliar-k/market-base), from 2026-08-24 \(alm)"),
        "GSPC": Known(
            kind: .index, unit: .indexPoints, calendar: .nyse, name: "S&P 500 index",
            source: "Yahoo ^GSPC, guydekowski/market-lab; from 2026-08-24 \(alm)"),
        "IXIC": Known(
            kind: .index, unit: .indexPoints, calendar: .nyse, name: "Nasdaq Composite index",
            source: "Yahoo ^IXIC, guydekowski/market-lab"),
        "NDX": Known(
            kind: .index, unit: .indexPoints, calendar: .nyse, name: "Nasdaq-100 index (no volume)",
            source: "Yahoo ^NDX, hjyssg/tqqq_simulation; 2026-03-02 … 07-21 Juancodex42, from 2026-07-22 \(alm)"),
        "VIX": Known(
            kind: .index, unit: .indexPoints, calendar: .nyse, name: "CBOE Volatility Index",
            source: "Yahoo ^VIX, guydekowski/market-lab; 11 closes patched to CBOE official; from 2026-08-24 \(alm)"),
        "IWM": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "iShares Russell 2000 ETF", source: yfAdjusted),
        "SPY": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "SPDR S&P 500 ETF", source: yfAdjusted),
        "TLT": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "iShares 20+ Year Treasury ETF", source: yfAdjusted),
        "HYG": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "iShares High Yield Corporate Bond ETF", source: yfAdjusted),
        "MDY": Known(
            kind: .etf, unit: .usd, calendar: .nyse, name: "SPDR S&P MidCap 400 ETF",
            source: "Yahoo Finance (adjusted), jmlestevez-source/taa-dashboard; from 2025-09-29 \(alm), rescaled to the bundled basis"),
        "IWD": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "iShares Russell 1000 Value ETF", source: yfChen),
        "IWF": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "iShares Russell 1000 Growth ETF (pre-split basis: 4:1 on 2026-04-29)", source: yfChen),
        "IWN": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "iShares Russell 2000 Value ETF", source: yfChen),
        "XLB": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "Materials Select Sector SPDR (pre-split basis: 2:1 on 2025-12-05)", source: yfChen),
        "XLE": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "Energy Select Sector SPDR", source: yfAdjusted),
        "XLF": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "Financial Select Sector SPDR", source: yfAdjusted),
        "XLI": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "Industrial Select Sector SPDR", source: yfAdjusted),
        "XLK": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "Technology Select Sector SPDR", source: yfAdjusted),
        "XLP": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "Consumer Staples Select Sector SPDR", source: yfAdjusted),
        "XLU": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "Utilities Select Sector SPDR", source: yfAdjusted),
        "XLV": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "Health Care Select Sector SPDR", source: yfAdjusted),
        "XLY": Known(kind: .etf, unit: .usd, calendar: .nyse, name: "Consumer Discretionary Select Sector SPDR", source: yfAdjusted),
        "WALCL": Known(
            kind: .macro, unit: .millionsUSD, calendar: .weekly, name: "Fed total assets (Wednesday level)",
            source: "FRED WALCL via heliar-k/market-base"),
        "WTREGEN": Known(
            kind: .macro, unit: .millionsUSD, calendar: .weekly, name: "Treasury General Account (week average)",
            source: "FRED WTREGEN via heliar-k/market-base"),
        "WRESBAL": Known(
            kind: .macro, unit: .millionsUSD, calendar: .weekly, name: "Reserve balances (week average)",
            source: "FRED WRESBAL via heliar-k/market-base"),
        "RRPONTSYD": Known(
            kind: .macro, unit: .billionsUSD, calendar: .nyse, name: "Overnight reverse repo (business days)",
            source: "FRED RRPONTSYD via heliar-k/market-base"),
        "NFCI": Known(
            kind: .macro, unit: .indexPoints, calendar: .weekly, name: "Chicago Fed National Financial Conditions Index",
            source: "FRED NFCI via heliar-k/market-base"),
        "M2SL": Known(
            kind: .macro, unit: .billionsUSD, calendar: .monthly, name: "M2 money stock (SA)",
            source: "FRED M2SL via sivamsapingali/Codex_Macro-Monitor"),
        "DGS10": Known(
            kind: .macro, unit: .percent, calendar: .nyse, name: "10-year Treasury yield",
            source: "FRED DGS10 via heliar-k/market-base"),
        "DGS2": Known(
            kind: .macro, unit: .percent, calendar: .nyse, name: "2-year Treasury yield",
            source: "FRED DGS2 via heliar-k/market-base"),
        "T10Y2Y": Known(
            kind: .macro, unit: .percent, calendar: .nyse, name: "10-year minus 2-year Treasury spread",
            source: "FRED T10Y2Y via sivamsapingali + XinyuLiu2403; from 2026-04-15 via Thecoderstef/Macro-Charts"),
        "BAMLH0A0HYM2": Known(
            kind: .macro, unit: .percent, calendar: .nyse, name: "ICE BofA US high-yield OAS",
            source: "FRED BAMLH0A0HYM2 via chatterjee-aryan + heliar-k"),
        "DTWEXBGS": Known(
            kind: .macro, unit: .indexPoints, calendar: .nyse, name: "Nominal broad US dollar index",
            source: "FRED DTWEXBGS via heliar-k/market-base"),
    ]
}
