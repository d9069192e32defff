-- 0005: covering indexes for area aggregates (area profile, anonymous tables).
-- Reports scan conversations, visits and households per wijk and period; with
-- these they read small index pages instead of the (encrypted) full rows.
CREATE INDEX conversation_scope ON conversation(
    wijk_code, held_on, deleted, campaign_id, follow_up_wanted, consent_quoting, id);
CREATE INDEX visit_scope ON visit(household_id, deleted, visited_at, outcome, campaign_id);
CREATE INDEX household_scope ON household(wijk_code, deleted, id);
