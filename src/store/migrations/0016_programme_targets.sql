-- 0016: the programme a campaign belongs to ("In de wijk", "Formulierenbrigade")
-- and the funder's targets per programme and year (households to approach, a
-- band for % in gesprek). The year report reads both. Synced.
ALTER TABLE campaign ADD COLUMN programme TEXT CHECK (programme IS NULL OR length(programme) BETWEEN 1 AND 100);
CREATE TABLE programme_target (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    author          TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    programme       TEXT NOT NULL CHECK (length(programme) BETWEEN 1 AND 100),
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    households_min  INTEGER NOT NULL CHECK (households_min BETWEEN 0 AND 1000000),
    households_max  INTEGER NOT NULL CHECK (households_max BETWEEN households_min AND 1000000),
    reach_min_pct   INTEGER NOT NULL CHECK (reach_min_pct BETWEEN 0 AND 100),
    reach_max_pct   INTEGER NOT NULL CHECK (reach_max_pct BETWEEN reach_min_pct AND 100)
) STRICT;
CREATE INDEX programme_target_year ON programme_target(year, programme);
CREATE TRIGGER programme_target_merge_base AFTER UPDATE OF device_id ON programme_target
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('programme_target', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
