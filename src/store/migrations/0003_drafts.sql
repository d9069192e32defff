-- 0003: autosaved drafts of forms the worker is typing (local only, never synced
-- or exported). One row per draft key; the body is the form as JSON. A draft is
-- removed when the form is saved or discarded.

CREATE TABLE draft (
    key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    body       TEXT NOT NULL CHECK (json_valid(body)),
    updated_at TEXT NOT NULL
) STRICT;
