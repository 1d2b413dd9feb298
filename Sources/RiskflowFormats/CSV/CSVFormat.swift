/// The CSV layouts riskflow reads. Each is detected from its header and first rows;
/// `--csv-format NAME` overrides the detection.
public enum CSVFormat: String, Sendable, Codable, CaseIterable {
    /// riskflow's own layout: `date,open,high,low,close,volume[,market_cap]` or
    /// `date,value`; ISO dates; what `data show --format csv` prints.
    case canonical
    /// Yahoo Finance download `Date,Open,High,Low,Close,Adj Close,Volume` (rows of
    /// `null` skipped), or a yfinance `to_csv` file with its three header lines
    /// (`Price,…` / `Ticker,…` / `Date,…`). Closes are the adjusted closes and open,
    /// high and low are scaled by Adj Close / Close, the convention of the bundled ETFs.
    case yahoo
    /// Stooq download `Date,Open,High,Low,Close[,Volume]` (a row may lack its volume).
    case stooq
    /// FRED `observation_date,ID` (fredgraph) or `DATE,ID` (legacy); `.` is missing.
    case fred
    /// CoinMarketCap exports: the web table `Date,Open*,High,Low,Close**,Volume,Market Cap`
    /// (newest first, `Mon DD, YYYY` dates, quoted numbers with `$` and thousands
    /// separators, `-` unknown) and the Kaggle `SNo,Name,Symbol,Date,High,Low,Open,Close,
    /// Volume,Marketcap` files.
    case coinmarketcap
    /// CoinGecko export `snapped_at,price,market_cap,total_volume`. The price snapped at
    /// 00:00 UTC of day D+1 is the close of day D (the bundled data's convention), so
    /// each row is dated one day before its snapshot.
    case coingecko
    /// Binance klines: no header, 12 columns, open time in Unix milliseconds or
    /// microseconds. Volume is the quote-asset (USDT) volume.
    case binance
    /// CryptoDataDownload exchange files: a banner line, then
    /// `unix,date,symbol,open,high,low,close,Volume <BASE>,Volume <QUOTE>,tradecount`,
    /// newest first. Volume is the quote-currency volume.
    case cryptodatadownload

    /// What the format looks like, for help texts and error messages.
    public var signature: String {
        switch self {
        case .canonical: "date,open,high,low,close,volume[,market_cap] or date,value"
        case .yahoo: "Date,Open,High,Low,Close,Adj Close,Volume (or yfinance Price/Ticker/Date headers)"
        case .stooq: "Date,Open,High,Low,Close[,Volume]"
        case .fred: "observation_date,ID or DATE,ID"
        case .coinmarketcap: "Date,Open,High,Low,Close,Volume,Market Cap or SNo,Name,Symbol,Date,…,Marketcap"
        case .coingecko: "snapped_at,price,market_cap,total_volume"
        case .binance: "12 columns, no header, open time in Unix ms or µs"
        case .cryptodatadownload: "banner line, then unix,date,symbol,open,high,low,close,Volume A,Volume B,…"
        }
    }

    /// `true` when the format holds prices (which must be positive) rather than values
    /// that may be zero or negative (FRED). `canonical` with `date,value` holds values.
    package var holdsPrices: Bool { self != .fred }
}

/// How dates are written in a format.
package enum DateStyle: Sendable {
    /// `YYYY-MM-DD`, optionally followed by a time (`2015-08-08 23:59:59`,
    /// `2010-07-18 00:00:00 UTC`) that is ignored.
    case iso(allowTime: Bool)
    /// `Feb 20, 2018`.
    case monthNameDayYear
    /// Unix time in seconds, milliseconds or microseconds, by magnitude.
    case unixTime
}
