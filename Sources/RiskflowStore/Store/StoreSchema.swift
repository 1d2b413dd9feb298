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
        m.registerMigration("v5: alerts outbox") { db in
            // Alert rules' progress and the outbox of fired events. A rule's evaluation
            // writes its new events and its last evaluated day in one transaction, so an
            // event is neither lost nor created twice; delivery attempts are appended and
            // the event's status updated in one transaction per attempt.
            try db.execute(
                sql: """
                    CREATE TABLE alert_rule_state (
                        rule TEXT PRIMARY KEY,
                        last_evaluated INTEGER NOT NULL,  -- the last data day evaluated (day number)
                        evaluated_at TEXT NOT NULL        -- ISO 8601 UTC
                    );
                    CREATE TABLE alert_event (
                        id TEXT PRIMARY KEY,              -- stable: derived from (rule, subject, day)
                        rule TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        day INTEGER NOT NULL,             -- the day of the transition (day number)
                        title TEXT NOT NULL,
                        details TEXT NOT NULL,
                        as_of INTEGER NOT NULL,           -- the as-of day it was found on
                        status TEXT NOT NULL,             -- pending | delivered | dead
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at REAL NOT NULL,    -- seconds since 1970 (UTC)
                        created_at TEXT NOT NULL          -- ISO 8601 UTC
                    );
                    CREATE INDEX alert_event_pending ON alert_event(status, next_attempt_at);
                    CREATE TABLE alert_attempt (
                        event_id TEXT NOT NULL REFERENCES alert_event(id) ON DELETE CASCADE,
                        n INTEGER NOT NULL,
                        at TEXT NOT NULL,                 -- ISO 8601 UTC
                        status_code INTEGER,              -- NULL when no response came
                        error TEXT,
                        PRIMARY KEY (event_id, n)
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v6: calls ledger") { db in
            // Calls frozen when made and their scores, both append-only: no statement of
            // riskflow updates or deletes a row (a correction is a new call that
            // supersedes one; a revision adds a score).
            try db.execute(
                sql: """
                    CREATE TABLE call (
                        id TEXT PRIMARY KEY,              -- content hash of the call's canonical text
                        kind TEXT NOT NULL,
                        known_at INTEGER NOT NULL,        -- day number
                        origin TEXT NOT NULL,             -- live | replayed
                        source TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        supersedes TEXT REFERENCES call(id),
                        body TEXT NOT NULL,               -- the whole call as JSON (sorted keys)
                        recorded_at TEXT NOT NULL         -- ISO 8601 UTC
                    );
                    CREATE INDEX call_known_at ON call(known_at);
                    CREATE TABLE call_score (
                        id INTEGER PRIMARY KEY,
                        call_id TEXT NOT NULL REFERENCES call(id),
                        follower TEXT NOT NULL,
                        horizon INTEGER NOT NULL,
                        entry INTEGER NOT NULL,           -- day numbers
                        exit INTEGER NOT NULL,
                        entry_close REAL NOT NULL,
                        exit_close REAL NOT NULL,
                        forward_return REAL NOT NULL,
                        percentile REAL,
                        median REAL,
                        outcome TEXT NOT NULL,            -- hit | miss
                        scored_as_of INTEGER NOT NULL,
                        recorded_at TEXT NOT NULL
                    );
                    CREATE INDEX call_score_call ON call_score(call_id, follower, horizon, id);
                    """)
        }
        return m
    }
}
