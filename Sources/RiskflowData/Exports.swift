/// The parsers (CSV layouts, provider responses) live in RiskflowFormats, a pure target
/// that fuzzers build without the storage and network stack; everything that imports
/// RiskflowData sees them as before.
@_exported import RiskflowFormats
