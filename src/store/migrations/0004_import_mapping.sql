-- 0004: column mappings for spreadsheet imports of voorzieningenchecks, saved
-- per source (e.g. "formulierenbrigade"). Local only: not synced or exported.
-- IF NOT EXISTS: step numbers were assigned per branch (0003 belongs to the app),
-- so a development store may meet this step twice while the list is merged.

CREATE TABLE IF NOT EXISTS import_mapping (
    source     TEXT PRIMARY KEY CHECK (length(source) BETWEEN 1 AND 80),
    mapping    TEXT NOT NULL CHECK (json_valid(mapping)),
    updated_at TEXT NOT NULL
) STRICT;
