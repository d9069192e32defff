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

-- The newest version of a record each device had before another device's
-- write replaced it in this store (filled by the triggers below, on local
-- edits and merges alike). A merge uses it to recognise a version it already
-- knew, e.g. a laptop's record the coordinator has since edited: merging that
-- laptop's file again is then not reported as a conflict.
CREATE TABLE merge_base (
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (table_name, record_id, device_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER value_catalog_merge_base AFTER UPDATE OF device_id ON value_catalog
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('value_catalog', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER complex_merge_base AFTER UPDATE OF device_id ON complex
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('complex', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER campaign_merge_base AFTER UPDATE OF device_id ON campaign
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('campaign', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER household_merge_base AFTER UPDATE OF device_id ON household
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('household', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER campaign_address_merge_base AFTER UPDATE OF device_id ON campaign_address
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('campaign_address', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER visit_merge_base AFTER UPDATE OF device_id ON visit
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('visit', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER conversation_merge_base AFTER UPDATE OF device_id ON conversation
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('conversation', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER benefit_check_merge_base AFTER UPDATE OF device_id ON benefit_check
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('benefit_check', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER referral_merge_base AFTER UPDATE OF device_id ON referral
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('referral', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER participation_merge_base AFTER UPDATE OF device_id ON participation
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('participation', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
