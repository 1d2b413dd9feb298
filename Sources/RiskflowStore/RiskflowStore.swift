// RiskflowStore — the point-in-time store. Every read is as of a day (only observations
// whose `available_at` is on or before it, the latest revision of each day), every write
// one transaction. The capabilities are protocols (`SeriesReading`, `RankingReading`,
// `SeriesWriting`, `SyncLedger`, `AlertOutbox`, `StoreMaintenance`; together
// `RiskflowStore`), adopted by `SQLiteStore` (a GRDB `DatabasePool`, the embedded
// default) and `PostgresStore` (a postgres-nio `PostgresClient`, shared by a team).
// What does not depend on the backend is written once in `Store/Shared/`: the table
// catalogue, the statements, the row decoding, the merge plan, the data-version
// definition and the copy of `data migrate`. `Store.open(_:)` picks the backend from the
// location; the bundled snapshot and CSV import write through the same protocols.
