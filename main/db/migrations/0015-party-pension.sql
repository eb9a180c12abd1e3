-- 党费 from the pension base: a member's monthly 离退休费 (fen), optional. It is seen only by staff and
-- administrators (main/services/party/dues.ts) and gives the suggested monthly dues; the dues recorded
-- stay what was paid.
ALTER TABLE persons ADD COLUMN monthly_pension_fen INTEGER
  CHECK (monthly_pension_fen IS NULL OR (monthly_pension_fen >= 0 AND monthly_pension_fen <= 10000000));
