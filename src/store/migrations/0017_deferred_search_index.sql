-- 0017: a bulk merge defers full-text indexing. While `search_pending` holds
-- its row, new stories and quotes are not indexed by the insert triggers;
-- `Store::index_search` adds what the index lacks, in batches from the
-- cursors below, and removes the row when it has caught up. Edits and
-- deletes still update the index at once. Local only.
CREATE TABLE search_pending (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    since               TEXT NOT NULL,
    conversation_cursor INTEGER NOT NULL DEFAULT 0,
    quote_cursor        INTEGER NOT NULL DEFAULT 0
) STRICT;

DROP TRIGGER conversation_fts_insert;
CREATE TRIGGER conversation_fts_insert AFTER INSERT ON conversation
WHEN new.story <> '' AND NOT EXISTS (SELECT 1 FROM search_pending) BEGIN
    INSERT INTO search_fts(rowid, body, kind, conversation_id, ref_id)
        VALUES (new.rowid * 2, new.story, 'story', new.id, new.id);
END;
DROP TRIGGER quote_fts_insert;
CREATE TRIGGER quote_fts_insert AFTER INSERT ON quote
WHEN NOT EXISTS (SELECT 1 FROM search_pending) BEGIN
    INSERT INTO search_fts(rowid, body, kind, conversation_id, ref_id)
        VALUES (new.rowid * 2 + 1, new.text, 'quote', new.conversation_id, new.id);
END;
