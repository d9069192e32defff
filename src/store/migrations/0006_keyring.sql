-- 0006: saved keys for exchanging .wwk files: coordinators' public keys that
-- exports can be encrypted to, and this installation's own identity files
-- (only the path and public key; the secret stays in the file). Local only:
-- not synced or exported.

CREATE TABLE IF NOT EXISTS exchange_key (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('coordinator', 'own')),
    label         TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    public_key    TEXT NOT NULL UNIQUE CHECK (public_key LIKE 'age1%'),
    identity_path TEXT CHECK ((kind = 'own') = (identity_path IS NOT NULL)),
    added_at      TEXT NOT NULL
) STRICT;
