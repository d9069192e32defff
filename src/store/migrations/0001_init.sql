-- 0001: initial schema.
-- Synced records share the columns id (UUIDv7 text), created_at (RFC 3339 UTC),
-- updated_at (hybrid logical clock, lexicographically ordered), device_id, author
-- and deleted (tombstone). Child rows (values, themes, quotes, check items) belong
-- to their parent record and travel with it.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Catalogues -----------------------------------------------------------------

CREATE TABLE catalog_version (
    catalog TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    loaded_at TEXT NOT NULL
) STRICT;

CREATE TABLE area (
    code        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('stadsdeel', 'wijk')),
    name        TEXT NOT NULL,
    parent_code TEXT REFERENCES area(code),
    CHECK ((kind = 'stadsdeel' AND parent_code IS NULL AND code GLOB 'WK[0-9]*')
        OR (kind = 'wijk' AND parent_code IS NOT NULL AND code GLOB 'BU[0-9]*'))
) STRICT;

CREATE TABLE value_catalog (
    id          TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 80),
    label       TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    description TEXT NOT NULL DEFAULT '',
    bevorderend TEXT NOT NULL DEFAULT '[]',
    belemmerend TEXT NOT NULL DEFAULT '[]',
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    sort        INTEGER NOT NULL DEFAULT 1000,
    updated_at  TEXT NOT NULL,
    device_id   TEXT NOT NULL
) STRICT;

CREATE TABLE regulation (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('rijk', 'gemeente', 'fonds')),
    name        TEXT NOT NULL,
    provider    TEXT NOT NULL,
    description TEXT NOT NULL,
    sort        INTEGER NOT NULL,
    definition  TEXT NOT NULL -- full catalogue entry as JSON (screen rule, estimate, figures)
) STRICT;

CREATE TABLE outcome_code (
    code        TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    shortcut    TEXT NOT NULL,
    approached  INTEGER NOT NULL CHECK (approached IN (0, 1)),
    reached     INTEGER NOT NULL CHECK (reached IN (0, 1)),
    final       INTEGER NOT NULL CHECK (final IN (0, 1)),
    description TEXT NOT NULL DEFAULT '',
    sort        INTEGER NOT NULL
) STRICT;

CREATE TABLE referral_target (
    code        TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    sort        INTEGER NOT NULL
) STRICT;

CREATE TABLE referral_status (
    code   TEXT PRIMARY KEY,
    label  TEXT NOT NULL,
    closed INTEGER NOT NULL CHECK (closed IN (0, 1)),
    sort   INTEGER NOT NULL
) STRICT;

CREATE TABLE check_status (
    code      TEXT PRIMARY KEY,
    label     TEXT NOT NULL,
    counts_as TEXT NOT NULL CHECK (counts_as IN
        ('receiving', 'non_take_up', 'applied', 'granted', 'rejected', 'not_applicable', 'unknown')),
    sort      INTEGER NOT NULL
) STRICT;

-- Synced records ---------------------------------------------------------------

CREATE TABLE complex (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    author     TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    wijk_code  TEXT NOT NULL REFERENCES area(code),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
) STRICT;

CREATE TABLE campaign (
    id           TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    device_id    TEXT NOT NULL,
    author       TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    team         TEXT NOT NULL DEFAULT '',
    goal         INTEGER NOT NULL DEFAULT 0 CHECK (goal >= 0),
    period_start TEXT NOT NULL CHECK (date(period_start) IS period_start),
    period_end   TEXT NOT NULL CHECK (date(period_end) IS period_end),
    complex_id   TEXT REFERENCES complex(id),
    areas        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(areas)),
    CHECK (period_end >= period_start)
) STRICT;

CREATE TABLE household (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    device_id     TEXT NOT NULL,
    author        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    wijk_code     TEXT NOT NULL REFERENCES area(code),
    complex_id    TEXT REFERENCES complex(id),
    street        TEXT,
    number        INTEGER CHECK (number IS NULL OR number > 0),
    addition      TEXT,
    postcode      TEXT CHECK (postcode IS NULL OR postcode GLOB '[1-9][0-9][0-9][0-9][A-Z][A-Z]'),
    contact_consent INTEGER NOT NULL DEFAULT 0 CHECK (contact_consent IN (0, 1)),
    contact_name  TEXT,
    contact_phone TEXT,
    contact_email TEXT,
    last_contact  TEXT,
    purged        INTEGER NOT NULL DEFAULT 0 CHECK (purged IN (0, 1)),
    CHECK (contact_consent = 1 OR (contact_name IS NULL AND contact_phone IS NULL AND contact_email IS NULL))
) STRICT;
CREATE INDEX household_wijk ON household(wijk_code);
CREATE INDEX household_address ON household(street, number, addition);

CREATE TABLE campaign_address (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    author      TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    campaign_id TEXT NOT NULL REFERENCES campaign(id),
    household_id TEXT NOT NULL REFERENCES household(id)
) STRICT;
CREATE INDEX campaign_address_campaign ON campaign_address(campaign_id);
CREATE INDEX campaign_address_household ON campaign_address(household_id);

CREATE TABLE visit (
    id           TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    device_id    TEXT NOT NULL,
    author       TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    household_id TEXT NOT NULL REFERENCES household(id),
    campaign_id  TEXT REFERENCES campaign(id),
    visited_at   TEXT NOT NULL,
    outcome      TEXT NOT NULL REFERENCES outcome_code(code),
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000)
) STRICT;
CREATE INDEX visit_household ON visit(household_id);
CREATE INDEX visit_campaign ON visit(campaign_id);

CREATE TABLE conversation (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    device_id     TEXT NOT NULL,
    author        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    household_id  TEXT REFERENCES household(id),
    visit_id      TEXT REFERENCES visit(id),
    campaign_id   TEXT REFERENCES campaign(id),
    wijk_code     TEXT NOT NULL REFERENCES area(code),
    held_on       TEXT NOT NULL CHECK (date(held_on) IS held_on),
    workers       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(workers)),
    language      TEXT NOT NULL DEFAULT 'nl',
    story         TEXT NOT NULL DEFAULT '' CHECK (length(story) <= 100000),
    consent_registration INTEGER NOT NULL DEFAULT 0 CHECK (consent_registration IN (0, 1)),
    consent_quoting      INTEGER NOT NULL DEFAULT 0 CHECK (consent_quoting IN (0, 1)),
    consent_recontact    INTEGER NOT NULL DEFAULT 0 CHECK (consent_recontact IN (0, 1)),
    follow_up_wanted     INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_wanted IN (0, 1)),
    follow_up_note       TEXT NOT NULL DEFAULT '',
    follow_up_done       INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_done IN (0, 1)),
    purged        INTEGER NOT NULL DEFAULT 0 CHECK (purged IN (0, 1))
) STRICT;
CREATE INDEX conversation_wijk ON conversation(wijk_code, held_on);
CREATE INDEX conversation_household ON conversation(household_id);
CREATE INDEX conversation_campaign ON conversation(campaign_id);

CREATE TABLE conversation_value (
    conversation_id TEXT NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
    value_id        TEXT NOT NULL REFERENCES value_catalog(id),
    sentiment       TEXT NOT NULL CHECK (sentiment IN ('valued', 'concern')),
    bevorderend     TEXT NOT NULL DEFAULT '' CHECK (length(bevorderend) <= 2000),
    belemmerend     TEXT NOT NULL DEFAULT '' CHECK (length(belemmerend) <= 2000),
    PRIMARY KEY (conversation_id, value_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX conversation_value_value ON conversation_value(value_id);

CREATE TABLE conversation_theme (
    conversation_id TEXT NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
    theme           TEXT NOT NULL CHECK (length(theme) BETWEEN 1 AND 80),
    PRIMARY KEY (conversation_id, theme)
) STRICT, WITHOUT ROWID;

CREATE TABLE quote (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    text            TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    consent_quoting INTEGER NOT NULL DEFAULT 0 CHECK (consent_quoting IN (0, 1))
) STRICT;
CREATE INDEX quote_conversation ON quote(conversation_id);

CREATE TABLE benefit_check (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    device_id      TEXT NOT NULL,
    author         TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    household_id   TEXT NOT NULL REFERENCES household(id),
    conversation_id TEXT REFERENCES conversation(id),
    wijk_code      TEXT NOT NULL REFERENCES area(code),
    checked_on     TEXT NOT NULL CHECK (date(checked_on) IS checked_on),
    household_type TEXT NOT NULL,
    age_group      TEXT NOT NULL,
    income_band    TEXT NOT NULL,
    rent_band      TEXT NOT NULL,
    children       INTEGER NOT NULL DEFAULT 0 CHECK (children BETWEEN 0 AND 20),
    catalog_year   INTEGER NOT NULL
) STRICT;
CREATE INDEX benefit_check_wijk ON benefit_check(wijk_code, checked_on);
CREATE INDEX benefit_check_household ON benefit_check(household_id);

CREATE TABLE check_item (
    check_id        TEXT NOT NULL REFERENCES benefit_check(id) ON DELETE CASCADE,
    regulation_id   TEXT NOT NULL REFERENCES regulation(id),
    status          TEXT NOT NULL REFERENCES check_status(code),
    screen_possible INTEGER NOT NULL CHECK (screen_possible IN (0, 1)),
    estimated_yearly_eur INTEGER CHECK (estimated_yearly_eur IS NULL OR estimated_yearly_eur BETWEEN 0 AND 100000),
    PRIMARY KEY (check_id, regulation_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE referral (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    author          TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    household_id    TEXT REFERENCES household(id),
    conversation_id TEXT REFERENCES conversation(id),
    wijk_code       TEXT NOT NULL REFERENCES area(code),
    target          TEXT NOT NULL REFERENCES referral_target(code),
    status          TEXT NOT NULL REFERENCES referral_status(code),
    proposed_on     TEXT NOT NULL CHECK (date(proposed_on) IS proposed_on),
    status_on       TEXT NOT NULL CHECK (date(status_on) IS status_on),
    due_on          TEXT CHECK (due_on IS NULL OR date(due_on) IS due_on),
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000)
) STRICT;
CREATE INDEX referral_wijk ON referral(wijk_code, proposed_on);

CREATE TABLE participation (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    author          TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    household_id    TEXT REFERENCES household(id),
    conversation_id TEXT REFERENCES conversation(id),
    wijk_code       TEXT NOT NULL REFERENCES area(code),
    kind            TEXT NOT NULL CHECK (kind IN ('activiteiten', 'vrijwilligerswerk')),
    topic           TEXT NOT NULL DEFAULT '' CHECK (length(topic) <= 200),
    signalled_on    TEXT NOT NULL CHECK (date(signalled_on) IS signalled_on)
) STRICT;
CREATE INDEX participation_wijk ON participation(wijk_code, signalled_on);

-- Local only -------------------------------------------------------------------

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    device_id TEXT NOT NULL,
    author    TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN
        ('init', 'export', 'merge', 'purge', 'passwd', 'catalog', 'erase', 'access', 'import', 'demo')),
    detail    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;

-- Full-text search over stories and quotes --------------------------------------
-- Diacritics are folded (remove_diacritics 2), so "cafe" finds "café".

CREATE VIRTUAL TABLE search_fts USING fts5(
    body,
    kind UNINDEXED,
    conversation_id UNINDEXED,
    ref_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- FTS rowids are derived from the source rowid (story: 2n, quote: 2n+1) so that
-- updates and deletes hit the index instead of scanning.
CREATE TRIGGER conversation_fts_insert AFTER INSERT ON conversation
WHEN new.story <> '' BEGIN
    INSERT INTO search_fts(rowid, body, kind, conversation_id, ref_id)
        VALUES (new.rowid * 2, new.story, 'story', new.id, new.id);
END;
CREATE TRIGGER conversation_fts_update AFTER UPDATE OF story ON conversation BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid * 2;
    INSERT INTO search_fts(rowid, body, kind, conversation_id, ref_id)
        SELECT new.rowid * 2, new.story, 'story', new.id, new.id WHERE new.story <> '';
END;
CREATE TRIGGER conversation_fts_delete AFTER DELETE ON conversation BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid * 2;
END;
CREATE TRIGGER quote_fts_insert AFTER INSERT ON quote BEGIN
    INSERT INTO search_fts(rowid, body, kind, conversation_id, ref_id)
        VALUES (new.rowid * 2 + 1, new.text, 'quote', new.conversation_id, new.id);
END;
CREATE TRIGGER quote_fts_update AFTER UPDATE OF text ON quote BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid * 2 + 1;
    INSERT INTO search_fts(rowid, body, kind, conversation_id, ref_id)
        VALUES (new.rowid * 2 + 1, new.text, 'quote', new.conversation_id, new.id);
END;
CREATE TRIGGER quote_fts_delete AFTER DELETE ON quote BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid * 2 + 1;
END;
