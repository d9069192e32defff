-- 0014: the woningcorporatie that owns a complex (Portaal, Talis, Woonwaard…),
-- optional; travels from export format 2 on (older files read it as empty).
ALTER TABLE complex ADD COLUMN corporation TEXT
    CHECK (corporation IS NULL OR length(corporation) BETWEEN 1 AND 200);
