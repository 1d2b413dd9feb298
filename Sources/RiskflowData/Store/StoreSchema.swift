import GRDB

/// The store's schema, as ordered migrations. Never edit a shipped migration: add one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: series, observation, import_log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE series (
                        key INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL,
                        unit TEXT NOT NULL,
                        calendar TEXT NOT NULL,
                        source TEXT NOT NULL,
                        licence TEXT NOT NULL DEFAULT '',
                        name TEXT NOT NULL DEFAULT '',
                        publication TEXT NOT NULL
                    );
                    -- One row per (series, day, available_at): a revision of a day's value
                    -- is a new row with a later available_at. NULL means "not in the source".
                    CREATE TABLE observation (
                        series_key INTEGER NOT NULL REFERENCES series(key) ON DELETE CASCADE,
                        day INTEGER NOT NULL,            -- days since 1970-01-01
                        available_at INTEGER NOT NULL,   -- day the value became known
                        open REAL, high REAL, low REAL,
                        close REAL NOT NULL,             -- the close, or the value of a macro series
                        volume REAL, market_cap REAL,
                        vintage INTEGER,                 -- ALFRED realtime_start, when fetched
                        PRIMARY KEY (series_key, day, available_at)
                    ) WITHOUT ROWID;
                    CREATE TABLE import_log (
                        id INTEGER PRIMARY KEY,
                        series_id TEXT NOT NULL,
                        origin TEXT NOT NULL,            -- file path, 'snapshot:…' or provider
                        format TEXT NOT NULL,
                        rows INTEGER NOT NULL,
                        skipped INTEGER NOT NULL,
                        duplicates INTEGER NOT NULL,
                        imported_at TEXT NOT NULL        -- ISO 8601 UTC
                    );
                    """)
        }
        m.registerMigration("v2: series.has_revisions") { db in
            // 1 when some day has more than one row (ALFRED vintages); reads of series
            // without revisions skip the latest-revision grouping.
            try db.execute(sql: "ALTER TABLE series ADD COLUMN has_revisions INTEGER NOT NULL DEFAULT 0")
        }
        m.registerMigration("v3: ranking tables") { db in
            // Market-cap ranking snapshots (CoinMarketCap, CoinGecko): a snapshot dated s
            // is known on s (available_at = day unless a source says otherwise).
            try db.execute(
                sql: """
                    CREATE TABLE ranking_table (
                        key INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        source TEXT NOT NULL
                    );
                    CREATE TABLE ranking_entry (
                        table_key INTEGER NOT NULL REFERENCES ranking_table(key) ON DELETE CASCADE,
                        day INTEGER NOT NULL,
                        available_at INTEGER NOT NULL,
                        rank INTEGER NOT NULL,
                        symbol TEXT NOT NULL,
                        name TEXT NOT NULL,
                        price REAL, market_cap REAL, volume REAL,
                        PRIMARY KEY (table_key, day, rank)
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v4: sync_state") { db in
            // The last `data sync` of each series (or ranking table): where it came from,
            // when it was tried and when it last succeeded, and what happened. Data rows
            // are written by the sync's own transaction; this row is updated in the same one
            // on success and on its own on failure.
            try db.execute(
                sql: """
                    CREATE TABLE sync_state (
                        series_id TEXT PRIMARY KEY,
                        provider TEXT NOT NULL,
                        provider_id TEXT NOT NULL,
                        attempted_at TEXT NOT NULL,     -- ISO 8601 UTC
                        succeeded_at TEXT,              -- ISO 8601 UTC, NULL until a success
                        status TEXT NOT NULL,           -- updated | unchanged | failed
                        rows_added INTEGER NOT NULL DEFAULT 0,
                        revisions INTEGER NOT NULL DEFAULT 0,
                        error TEXT
                    );
                    """)
        }
        return m
    }
}
