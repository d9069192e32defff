-- 0011: the voorzieningencheck as a trajectory. Each change of a regulation's
-- status after the check (aanvraag ingediend, toegekend with the real amount,
-- afgewezen, niet aangevraagd, ...) is a step of its own: a synced record with
-- its own stamp, so two laptops that each add a step to the same check both
-- keep theirs in a merge. check_item.status stays the status found at the
-- check itself; the current status is the latest step (check_item_now).
CREATE TABLE check_step (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    device_id     TEXT NOT NULL,
    author        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    check_id      TEXT NOT NULL REFERENCES benefit_check(id),
    wijk_code     TEXT NOT NULL REFERENCES area(code),
    regulation_id TEXT NOT NULL REFERENCES regulation(id),
    status        TEXT NOT NULL REFERENCES check_status(code),
    step_on       TEXT NOT NULL CHECK (date(step_on) IS step_on),
    helper        TEXT CHECK (helper IS NULL OR helper IN ('formulierenbrigade', 'few', 'zelf')),
    amount_cents  INTEGER CHECK (amount_cents IS NULL OR amount_cents BETWEEN 0 AND 10000000),
    period        TEXT CHECK (period IS NULL OR period IN ('maand', 'jaar', 'eenmalig')),
    starts_on     TEXT CHECK (starts_on IS NULL OR date(starts_on) IS starts_on),
    reason        TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 40),
    CHECK ((amount_cents IS NULL) = (period IS NULL))
) STRICT;
CREATE INDEX check_step_item ON check_step(check_id, regulation_id, step_on, updated_at);

-- The current status of every check item: its latest live step, or else the
-- status found at the check. The one definition every figure uses.
CREATE VIEW check_item_now AS
SELECT i.check_id, i.regulation_id, i.screen_possible, i.estimated_yearly_eur,
       coalesce(s.status, i.status) AS status,
       s.step_on AS status_on,
       s.amount_cents, s.period, s.starts_on,
       CASE s.period
           WHEN 'maand' THEN (s.amount_cents * 12 + 50) / 100
           WHEN 'jaar' THEN (s.amount_cents + 50) / 100
           WHEN 'eenmalig' THEN (s.amount_cents + 50) / 100
       END AS granted_yearly_eur
FROM check_item i
LEFT JOIN check_step s ON s.id = (
    SELECT x.id FROM check_step x
    WHERE x.check_id = i.check_id AND x.regulation_id = i.regulation_id AND x.deleted = 0
    ORDER BY x.step_on DESC, x.updated_at DESC, x.id DESC LIMIT 1);

-- The rest of the Formulierenbrigade's work in a check (Subsidieaanvraag
-- §10.1): debts inventoried, a budget plan, a benefit application with the
-- gemeente, UWV or SVB, and a warm handover to the FEW (which also records a
-- referral). One synced record per action, stamped like a step.
CREATE TABLE check_action (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    author      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    check_id    TEXT NOT NULL REFERENCES benefit_check(id),
    wijk_code   TEXT NOT NULL REFERENCES area(code),
    kind        TEXT NOT NULL CHECK (kind IN ('schulden', 'budgetplan', 'uitkering', 'few_overdracht')),
    agency      TEXT CHECK (agency IS NULL OR agency IN ('gemeente', 'uwv', 'svb')),
    done_on     TEXT NOT NULL CHECK (date(done_on) IS done_on),
    referral_id TEXT REFERENCES referral(id),
    CHECK ((kind = 'uitkering') = (agency IS NOT NULL))
) STRICT;
CREATE INDEX check_action_check ON check_action(check_id);
CREATE INDEX check_action_wijk ON check_action(wijk_code, done_on);

-- Conflict bookkeeping as for every synced table (see 0002).
CREATE TRIGGER check_step_merge_base AFTER UPDATE OF device_id ON check_step
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('check_step', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
CREATE TRIGGER check_action_merge_base AFTER UPDATE OF device_id ON check_action
WHEN old.device_id IS NOT new.device_id BEGIN
    INSERT INTO merge_base(table_name, record_id, device_id, updated_at)
        VALUES ('check_action', old.id, old.device_id, old.updated_at)
        ON CONFLICT(table_name, record_id, device_id)
        DO UPDATE SET updated_at = max(updated_at, excluded.updated_at);
END;
