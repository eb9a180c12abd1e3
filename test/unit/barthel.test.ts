import { describe, expect, it } from 'vitest';
import { adlBand, allowedScores, barthelTotal, BARTHEL_ITEMS, type BarthelScores } from '../../shared/barthel';

const full = Object.fromEntries(BARTHEL_ITEMS.map((i) => [i.key, i.max])) as BarthelScores;

describe('Barthel index', () => {
  it('has ten items adding up to 100', () => {
    expect(BARTHEL_ITEMS).toHaveLength(10);
    expect(barthelTotal(full)).toBe(100);
  });

  it('puts totals in the four bands at their edges', () => {
    expect(adlBand(100)).toBe('intact');
    expect(adlBand(95)).toBe('mild');
    expect(adlBand(65)).toBe('mild');
    expect(adlBand(60)).toBe('moderate');
    expect(adlBand(45)).toBe('moderate');
    expect(adlBand(40)).toBe('severe');
    expect(adlBand(0)).toBe('severe');
  });

  it('scores items in steps of five up to each maximum', () => {
    expect(allowedScores('bathing')).toEqual([0, 5]);
    expect(allowedScores('transfer')).toEqual([0, 5, 10, 15]);
    expect(barthelTotal({ ...full, stairs: 0, mobility: 5, bathing: 0 })).toBe(75);
  });
});
