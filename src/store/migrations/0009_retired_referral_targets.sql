-- 0009: referral targets that are no longer offered stay for the referrals
-- that name them (their label still prints); new referrals cannot use them.
ALTER TABLE referral_target ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
