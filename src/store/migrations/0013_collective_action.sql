-- 0013: collective actions that follow from the conversations in a wijk or a
-- complex ("Wat doen we ermee?"): a title, dates, the values and themes they
-- answer, how many residents take part (a count, never names), partners and
-- a status (idee → in voorbereiding → uitgevoerd → geëvalueerd). Synced.
CREATE TABLE collective_action (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    author      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    wijk_code   TEXT NOT NULL REFERENCES area(code),
    complex_id  TEXT REFERENCES complex(id),
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    started_on  TEXT NOT NULL CHECK (date(started_on) IS started_on),
    ended_on    TEXT CHECK (ended_on IS NULL OR (date(ended_on) IS ended_on AND ended_on >= started_on)),
    status      TEXT NOT NULL CHECK (status IN ('idee', 'in_voorbereiding', 'uitgevoerd', 'geevalueerd')),
    residents   INTEGER NOT NULL DEFAULT 0 CHECK (residents BETWEEN 0 AND 100000),
    value_ids   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(value_ids)),
    themes      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(themes)),
    partners    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(partners))
) STRICT;
CREATE INDEX collective_action_wijk ON collective_action(wijk_code, started_on);
CREATE TRIGGER collective_action_merge_base AFTER UPDATE OF device_id ON collective_action
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('collective_action', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
