-- 0008: covering indexes for the profile's per-wijk pass. The conversations in
-- scope are collected with their household (vervolg gewenst counts
-- households), and the latest check per household is found from the index
-- alone, without decrypting every check's full row.
CREATE INDEX conversation_scope_household ON conversation(
    wijk_code, held_on, deleted, campaign_id, follow_up_wanted, consent_quoting, household_id, id);
DROP INDEX conversation_scope;
CREATE INDEX benefit_check_scope ON benefit_check(
    wijk_code, checked_on, deleted, household_id, conversation_id, id);
