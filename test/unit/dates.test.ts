import { describe, expect, it } from 'vitest';
import { excelSerialToDate, parseDateText } from '../../shared/dates';
import { ageOn, birthRangeForAges } from '../../shared/calendar';

describe('date parsing', () => {
  it.each([
    ['1945-03-15', '1945-03-15'],
    ['1945/3/15', '1945-03-15'],
    ['1945.3.5', '1945-03-05'],
    ['1945年3月15日', '1945-03-15'],
    ['1945 年 3 月 15 日', '1945-03-15'],
    ['19450315', '1945-03-15'],
    ['１９４５－０３－１５', '1945-03-15'],
    ['1945-03-15T00:00:00.000Z', '1945-03-15'],
  ])('reads %s', (text, expected) => {
    expect(parseDateText(text)).toBe(expected);
  });

  it.each(['1945-02-30', '1945年3月', 'abc', '', '15/03/1945', '1945-13-01', '2024-02-30'])('refuses %s', (text) => {
    expect(parseDateText(text)).toBeNull();
  });

  it('accepts leap days only in leap years', () => {
    expect(parseDateText('1948-02-29')).toBe('1948-02-29');
    expect(parseDateText('1949-02-29')).toBeNull();
  });

  it('reads Excel serial numbers', () => {
    expect(excelSerialToDate(16511)).toBe('1945-03-15');
    expect(excelSerialToDate(45658)).toBe('2025-01-01');
    expect(excelSerialToDate(-1)).toBeNull();
  });

  it('counts age in whole years, birthdays included', () => {
    expect(ageOn('1946-11-27', '2026-11-27')).toBe(80);
    expect(ageOn('1946-11-28', '2026-11-27')).toBe(79);
    expect(ageOn('1948-02-29', '2026-02-28')).toBe(77);
  });

  it('turns an age band into a birth-date range', () => {
    const [from, to] = birthRangeForAges('2026-11-27', 80, 89);
    expect(from).toBe('1936-11-28');
    expect(to).toBe('1946-11-27');
    expect(ageOn(from, '2026-11-27')).toBe(89);
    expect(ageOn(to, '2026-11-27')).toBe(80);
  });
});

describe('a day its month lacks, and a year and month alone', () => {
  it('names the missing day', async () => {
    const { dateTextProblem } = await import('../../shared/dates');
    expect(dateTextProblem('2026-02-30')).toBe('date.noSuchDay?year=2026&month=2&day=30');
    expect(dateTextProblem('2026年2月29日')).toBe('date.noSuchDay?year=2026&month=2&day=29');
    expect(dateTextProblem('2026-13-01')).toBe('date.format');
    expect(dateTextProblem('昨天')).toBe('date.format');
  });

  it('reads 2008年3月 as 2008-03 and shows it back so', async () => {
    const { parseDateOrMonthText, partialDateText, dayOfDateOrMonth } = await import('../../shared/dates');
    for (const typed of ['2008年3月', '2008-03', '2008/3', '2008.3', '200803', '２００８年３月']) expect(parseDateOrMonthText(typed)).toBe('2008-03');
    expect(parseDateOrMonthText('2008-03-15')).toBe('2008-03-15');
    expect(parseDateOrMonthText('2008-13')).toBeNull();
    expect(partialDateText('2008-03')).toBe('2008年3月');
    expect(partialDateText('2008-03', 'en')).toBe('2008-03');
    expect(partialDateText('2008-03-15')).toBe('2008-03-15');
    expect(dayOfDateOrMonth('2008-03')).toBe('2008-03-01');
  });
});
