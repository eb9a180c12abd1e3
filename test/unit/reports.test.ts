/**
 * The pure parts of 统计: period texts (parsing, the days they cover, how they meet today and the
 * first day of the records), the order of named breakdown values, and 慰问金 as typed.
 */
import { describe, expect, it } from 'vitest';
import { parsePeriod, periodDays, periodText, resolvePeriod, resolvePeriodText, dayBefore, addDays } from '../../shared/reports/period';
import { INDICATORS, dimValueLabel, formatFigure } from '../../shared/reports/catalogue';
import { naturalKey } from '../../main/services/reports/engine';
import { duesMonthOf } from '../../main/services/reports/indicators';
import { giftFenOf, giftYuanText } from '../../renderer/components/gift';

describe('periods', () => {
  it('parses every spelling and writes it back the same', () => {
    for (const text of ['2026', '2026-Q4', '2026-02', '2024-02-29', '2026-11-05..2026-12-05', 'chongyang:2026']) {
      const p = parsePeriod(text);
      expect(p, text).not.toBeNull();
      expect(periodText(p as NonNullable<typeof p>)).toBe(text);
    }
    for (const bad of ['26', '2026-Q0', '2026-00', '2026-02-29', '2026-12-05..2026-11-05', 'easter:2026', '1850', '2026-1-5']) expect(parsePeriod(bad), bad).toBeNull();
    expect(parsePeriod(' 2026-q2 ')).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
  });

  it('covers its days: quarters and months end on their last day, leap years included', () => {
    expect(periodDays({ kind: 'quarter', year: 2026, quarter: 1 })).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodDays({ kind: 'month', year: 2024, month: 2 })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodDays({ kind: 'month', year: 2026, month: 2 })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('counts a running period to today, refuses one not begun or before the records, and the wrong kind', () => {
    expect(resolvePeriodText('2026', 'range', '2026-12-05', '2025-06-01')).toMatchObject({ asOf: '2026-12-05', running: true, startsBeforeRecords: false });
    expect(resolvePeriodText('2025', 'range', '2026-12-05', '2025-06-01')).toMatchObject({ asOf: '2025-12-31', running: false, startsBeforeRecords: true });
    expect(() => resolvePeriodText('2027', 'asOf', '2026-12-05', '2025-06-01')).toThrow(expect.objectContaining({ code: 'PERIOD_IN_FUTURE' }));
    expect(() => resolvePeriodText('2025-05', 'range', '2026-12-05', '2025-06-01')).toThrow(expect.objectContaining({ code: 'PERIOD_BEFORE_RECORDS' }));
    expect(() => resolvePeriodText('2026-01-01', 'range', '2026-12-05', '2025-06-01')).toThrow(expect.objectContaining({ code: 'PERIOD_KIND_NOT_ALLOWED' }));
    expect(() => resolvePeriodText('nonsense', 'range', '2026-12-05', '2025-06-01')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(resolvePeriod({ kind: 'year', year: 2026 }, 'campaign', '2026-12-05', '2025-06-01', 'chongyang').campaign).toEqual({ campaign: 'chongyang', year: 2026 });
  });

  it('dues of a running month are not late: the last month owed by a day', () => {
    expect(duesMonthOf('2026-12-31')).toBe('2026-12');
    expect(duesMonthOf('2026-12-05')).toBe('2026-11');
    expect(duesMonthOf('2026-01-05')).toBe('2025-12');
    expect(duesMonthOf('2024-02-29')).toBe('2024-02');
  });
});

describe('the catalogue', () => {
  it('has unique keys, and every figure it names exists', () => {
    expect(new Set(INDICATORS.map((i) => i.key)).size).toBe(INDICATORS.length);
    for (const d of INDICATORS) {
      const figures = [...d.measures.map((m) => m.key), ...d.derived.map((x) => x.key)];
      expect(figures, d.key).toContain(d.headline);
      for (const x of d.derived) expect(figures, `${d.key}.${x.key}`).toEqual(expect.arrayContaining([x.num, x.den]));
      expect(d.label['zh-CN'].length).toBeGreaterThan(0);
      expect(d.label.en.length).toBeGreaterThan(0);
    }
  });

  it('names breakdown values and writes figures as a form does', () => {
    expect(dimValueLabel('grid', null, null)).toBe('未分网格');
    expect(dimValueLabel('adl', null, null)).toBe('未评估');
    expect(dimValueLabel('sex', 'female', null, 'en')).toBe('Female');
    expect(dimValueLabel('month', '2026-03', null)).toBe('3月');
    const campaign = INDICATORS.find((i) => i.key === 'visits.campaign.chongyang');
    if (!campaign) throw new Error('missing');
    expect(formatFigure(campaign, 'coverage', 91.6)).toBe('91.6%');
    expect(formatFigure(campaign, 'giftFen', 4569)).toBe('4,569.00');
    expect(formatFigure(campaign, 'due', null)).toBe('—');
  });

  it('sorts names with their numbers as people count them', () => {
    const names = ['第十网格', '第一网格', '第七网格', '第三网格', '第二网格', '第十二网格', '第二十网格', '幸福里10号楼', '幸福里2号楼'];
    expect([...names].sort((a, b) => (naturalKey(a) < naturalKey(b) ? -1 : 1))).toEqual(['幸福里2号楼', '幸福里10号楼', '第一网格', '第二网格', '第三网格', '第七网格', '第十网格', '第十二网格', '第二十网格']);
  });
});

describe('慰问金 as typed', () => {
  it('reads 元 with up to two decimals into fen, and nothing else', () => {
    expect(giftFenOf('')).toBe(0);
    expect(giftFenOf('300')).toBe(30000);
    expect(giftFenOf('300.5')).toBe(30050);
    expect(giftFenOf('1,200.05元')).toBe(120005);
    expect(giftFenOf('0.1')).toBe(10);
    for (const bad of ['-5', '3.141', 'abc', '1e3']) expect(giftFenOf(bad), bad).toBeNaN();
    expect(giftYuanText(30000)).toBe('300');
    expect(giftYuanText(30050)).toBe('300.50');
    expect(giftYuanText(0)).toBe('');
  });
});
