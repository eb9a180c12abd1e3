-- 农历生日: month and day of the lunar birthday, 'L' first for a leap month ('04-15', 'L04-15'), or NULL.
-- 整寿 visits fall on it when the office counts birthdays by the lunar calendar (shared/lunarBirthday.ts).
ALTER TABLE persons ADD COLUMN lunar_birthday TEXT
  CHECK (lunar_birthday IS NULL OR (length(lunar_birthday) IN (5, 6) AND lunar_birthday GLOB '[L0-9][0-9]*-[0-3][0-9]'));
