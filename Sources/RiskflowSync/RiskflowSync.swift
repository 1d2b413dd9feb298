// RiskflowSync — live data from the providers (FRED/ALFRED, Yahoo, Stooq, CoinGecko,
// Binance) into any `RiskflowStore`. `SyncEngine` plans what to fetch from the store's
// coverage and the symbol map, fetches concurrently through `ProviderClient` (timeouts,
// retries with backoff and `Retry-After`, per-provider rate limits), validates each
// series and merges it in one transaction (new days, revisions as new rows). The
// response parsers live in the pure `RiskflowFormats`.
