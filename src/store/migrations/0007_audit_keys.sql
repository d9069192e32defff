-- 0007: changes to the saved exchange keys (who may decrypt exports) are
-- recorded in the audit log as action 'keys'. SQLite cannot alter a CHECK
-- constraint, so the append-only log is copied into a table that allows it.

CREATE TABLE audit_log_new (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    device_id TEXT NOT NULL,
    author    TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN
        ('init', 'export', 'merge', 'purge', 'passwd', 'catalog', 'erase', 'access', 'import', 'demo',
         'keys')),
    detail    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;

INSERT INTO audit_log_new(seq, at, device_id, author, action, detail)
    SELECT seq, at, device_id, author, action, detail FROM audit_log ORDER BY seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
