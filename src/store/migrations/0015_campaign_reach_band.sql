-- 0015: a campaign's target band for the share of approached households that
-- were spoken to (the funder's 50–60 %). NULL means the default band.
ALTER TABLE campaign ADD COLUMN reach_min_pct INTEGER CHECK (reach_min_pct IS NULL OR reach_min_pct BETWEEN 0 AND 100);
ALTER TABLE campaign ADD COLUMN reach_max_pct INTEGER CHECK (reach_max_pct IS NULL OR reach_max_pct BETWEEN 0 AND 100);
