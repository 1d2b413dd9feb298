/// `RiskflowData` is the umbrella of riskflow's data targets, kept so that `import
/// RiskflowData` gives a library user everything at once: the parsers (`RiskflowFormats`:
/// CSV layouts and provider responses, pure), the point-in-time store (`RiskflowStore`:
/// the protocols, SQLite and PostgreSQL, the bundled snapshot) and live sync
/// (`RiskflowSync`: providers, rate limits, the sync engine). It holds no code of its own.
@_exported import RiskflowFormats
@_exported import RiskflowStore
@_exported import RiskflowSync
