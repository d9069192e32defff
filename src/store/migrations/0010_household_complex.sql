-- 0010: a complex's households are found by index (profiles and campaigns at
-- complex level).
CREATE INDEX household_complex ON household(complex_id) WHERE complex_id IS NOT NULL;
