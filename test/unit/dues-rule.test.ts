// The dues rule for retired members, at its bracket and its rounding.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suggestedDuesFen } from '../../shared/schemas/party';

describe('suggested party dues from the monthly pension', () => {
  it('takes 0.5 % of a pension up to and including 5,000 yuan and 1 % of one above it', () => {
    expect(suggestedDuesFen(0)).toBe(0);
    expect(suggestedDuesFen(300_000)).toBe(1500); // 3,000 元 → 15.00
    expect(suggestedDuesFen(468_000)).toBe(2340); // 4,680 元 → 23.40
    expect(suggestedDuesFen(500_000)).toBe(2500); // 5,000 元 → 25.00
    expect(suggestedDuesFen(500_001)).toBe(5000); // 5,000.01 元 → 50.00
    expect(suggestedDuesFen(623_450)).toBe(6235); // 6,234.50 元 → 62.345 → 62.35 (half up)
    expect(suggestedDuesFen(100_100)).toBe(501); // 1,001 元 → 5.005 → 5.01 (half up)
  });

  it('never falls as the pension rises within a bracket', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (fen) => {
        if (fen === 500_000) return;
        expect(suggestedDuesFen(fen + 1)).toBeGreaterThanOrEqual(suggestedDuesFen(fen));
      }),
    );
  });
});
