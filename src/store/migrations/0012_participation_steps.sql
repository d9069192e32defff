-- 0012: participation as the seeds ask for it. More kinds (werk of
-- opleiding, bewonersinitiatief, taal/digitaal), and a status with dated
-- steps (interesse → in contact gebracht → doet mee → gestopt), each step a
-- synced record of its own like a check step. The table is rebuilt to widen
-- its CHECK; nothing references it, and its rows are copied unchanged.
CREATE TABLE participation_new (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    author          TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    household_id    TEXT REFERENCES household(id),
    conversation_id TEXT REFERENCES conversation(id),
    wijk_code       TEXT NOT NULL REFERENCES area(code),
    kind            TEXT NOT NULL CHECK (kind IN ('activiteiten', 'vrijwilligerswerk', 'werk_opleiding',
                                                  'bewonersinitiatief', 'taal_digitaal')),
    topic           TEXT NOT NULL DEFAULT '' CHECK (length(topic) <= 200),
    signalled_on    TEXT NOT NULL CHECK (date(signalled_on) IS signalled_on)
) STRICT;
INSERT INTO participation_new (id, created_at, updated_at, device_id, author, deleted, household_id,
    conversation_id, wijk_code, kind, topic, signalled_on)
SELECT id, created_at, updated_at, device_id, author, deleted, household_id, conversation_id, wijk_code,
    kind, topic, signalled_on FROM participation;
DROP TABLE participation;
ALTER TABLE participation_new RENAME TO participation;
CREATE INDEX participation_wijk ON participation(wijk_code, signalled_on);
CREATE INDEX participation_household ON participation(household_id);
CREATE TRIGGER participation_merge_base AFTER UPDATE OF device_id ON participation
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('participation', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;

CREATE TABLE participation_step (
    id               TEXT PRIMARY KEY,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    device_id        TEXT NOT NULL,
    author           TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    participation_id TEXT NOT NULL REFERENCES participation(id),
    wijk_code        TEXT NOT NULL REFERENCES area(code),
    status           TEXT NOT NULL CHECK (status IN ('interesse', 'in_contact', 'doet_mee', 'gestopt')),
    step_on          TEXT NOT NULL CHECK (date(step_on) IS step_on)
) STRICT;
CREATE INDEX participation_step_of ON participation_step(participation_id, step_on, updated_at);
CREATE TRIGGER participation_step_merge_base AFTER UPDATE OF device_id ON participation_step
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('participation_step', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;

-- The current status of a participation: its latest live step, or else
-- "interesse" on the day it was signalled.
CREATE VIEW participation_now AS
SELECT p.id, p.household_id, p.conversation_id, p.wijk_code, p.kind, p.topic, p.signalled_on, p.deleted,
       coalesce(s.status, 'interesse') AS status,
       coalesce(s.step_on, p.signalled_on) AS status_on
FROM participation p
LEFT JOIN participation_step s ON s.id = (
    SELECT x.id FROM participation_step x
    WHERE x.participation_id = p.id AND x.deleted = 0
    ORDER BY x.step_on DESC, x.updated_at DESC, x.id DESC LIMIT 1);
