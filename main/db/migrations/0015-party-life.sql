-- 党费 from the pension base: a member's monthly 离退休费 (fen), optional. It is seen only by staff and
-- administrators (main/services/party/dues.ts) and gives the suggested monthly dues; the dues recorded
-- stay what was paid.
ALTER TABLE persons ADD COLUMN monthly_pension_fen INTEGER
  CHECK (monthly_pension_fen IS NULL OR (monthly_pension_fen >= 0 AND monthly_pension_fen <= 10000000));

-- 三会一课: which of the four a meeting was (支部党员大会, 支部委员会, 党小组会 are 组织生活; 党课 is 学习).
-- NULL for the other meetings and for those recorded before the distinction.
ALTER TABLE party_meetings ADD COLUMN form TEXT
  CHECK (form IS NULL OR form IN ('member_assembly', 'committee', 'group_meeting', 'party_lecture'));
