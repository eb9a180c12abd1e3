// How typed unit names are normalised and compared for the matching suggestions (pure functions).
import { describe, expect, it } from 'vitest';
import { bigramSimilarity, closeness, editDistance, normaliseUnitName } from '../../main/services/units/similarity';
import { suggestionsFor } from '../../main/services/units/match';

describe('unit name similarity', () => {
  it('normalises spaces, full-width forms, brackets and dots away', () => {
    expect(normaliseUnitName(' 太原钢铁（集团）有限公司 ')).toBe('太原钢铁集团有限公司');
    expect(normaliseUnitName('山西省　交通厅')).toBe('山西省交通厅');
    expect(normaliseUnitName('ＡＢＣ·县委')).toBe('abc县委');
    expect(normaliseUnitName('县人民医院(原)')).toBe('县人民医院原');
  });

  it('measures edit distance and bigram overlap', () => {
    expect(editDistance('县水利局', '县水力局')).toBe(1);
    expect(editDistance('县水利局', '市教育局', 1)).toBe(2);
    expect(bigramSimilarity('太原市教育局', '太原市教育局')).toBe(1);
    expect(bigramSimilarity('太原市教育局', '县林业局')).toBe(0);
  });

  it('tells exact, contained and similar names apart, and leaves unrelated ones out', () => {
    expect(closeness('山西省交通厅', '山西省交通厅')).toEqual({ kind: 'exact', score: 1 });
    expect(closeness('省交通厅', '山西省交通厅')?.kind).toBe('contains');
    expect(closeness('县水力局', '县水利局')?.kind).toBe('similar');
    expect(closeness('太原市教育局', '太原市教育厅')?.kind).toBe('similar');
    // Short fragments and other units are no match.
    expect(closeness('县委', '县委组织部')).toBeNull();
    expect(closeness('县水利局', '市教育局')).toBeNull();
    expect(closeness('', '县水利局')).toBeNull();
  });

  it('ranks the suggestions best first and offers at most five', () => {
    const units = ['山西省交通厅', '山西省交通运输厅', '交通厅', '县交通局', '省交通厅机关', '省交通厅离退休处', '省交通厅老干部处', '原省交通厅', '县水利局'].map((name, i) => ({
      id: `u${i}`,
      name,
      level: 'provincial' as const,
      key: normaliseUnitName(name),
    }));
    const found = suggestionsFor(normaliseUnitName('省交通厅'), units);
    expect(found.length).toBe(5);
    expect(found[0]?.kind).toBe('contains');
    expect(found.map((s) => s.score)).toEqual([...found.map((s) => s.score)].sort((a, b) => b - a));
    expect(found.some((s) => s.unitName === '县水利局')).toBe(false);
    expect(suggestionsFor(normaliseUnitName('山西省 交通厅'), units)[0]).toMatchObject({ unitName: '山西省交通厅', kind: 'exact' });
  });
});
