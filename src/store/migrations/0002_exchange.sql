-- 0002: bookkeeping for encrypted exports and merges (see src/exchange/).
-- All tables here are local to one store; none of them is exported.

-- One row per export written by this store.
CREATE TABLE exchange_export (
    id             INTEGER PRIMARY KEY,
    exported_at    TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL CHECK (length(payload_sha256) = 64),
    scope          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scope)),
    counts         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts))
) STRICT;

-- One row per file merged into this store, with its receipt. The payload hash
-- recognises a file (or an identical re-export) merged again.
CREATE TABLE exchange_merge (
    id             INTEGER PRIMARY KEY,
    merged_at      TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL CHECK (length(payload_sha256) = 64),
    source_device  TEXT NOT NULL,
    worker         TEXT NOT NULL DEFAULT '',
    team           TEXT NOT NULL DEFAULT '',
    exported_at    TEXT NOT NULL DEFAULT '',
    receipt        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(receipt))
) STRICT;
CREATE INDEX exchange_merge_payload ON exchange_merge(payload_sha256);

-- Versions that lost a merge, kept for review. Per record at most one row per
-- device: the newest losing version from that device (the device of the current
-- winner never has a row). `version` is the record in the export encoding
-- (a JSON array in column order, children included). `origin` says whether the
-- losing version was the store's own ('local') or came from a file ('incoming').
CREATE TABLE merge_conflict (
    id          INTEGER PRIMARY KEY,
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     TEXT NOT NULL CHECK (json_valid(version)),
    origin      TEXT NOT NULL CHECK (origin IN ('local', 'incoming')),
    detected_at TEXT NOT NULL,
    merge_file  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolution  TEXT CHECK (resolution IS NULL OR resolution IN ('local', 'incoming')),
    resolved_at TEXT,
    UNIQUE (table_name, record_id, device_id)
) STRICT;
CREATE INDEX merge_conflict_status ON merge_conflict(status);
