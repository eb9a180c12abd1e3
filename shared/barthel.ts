/**
 * Barthel index of activities of daily living (ADL): ten items, each scored in steps of 5 up to its
 * maximum, 0–100 in all. Bands as the registry uses them: 100 能力完好, 65–95 轻度受损,
 * 45–60 中度受损, ≤40 重度受损.
 */
export const BARTHEL_ITEMS = [
  { key: 'feeding', max: 10 }, // 进食
  { key: 'bathing', max: 5 }, // 洗澡
  { key: 'grooming', max: 5 }, // 修饰
  { key: 'dressing', max: 10 }, // 穿衣
  { key: 'bowels', max: 10 }, // 大便控制
  { key: 'bladder', max: 10 }, // 小便控制
  { key: 'toilet', max: 10 }, // 如厕
  { key: 'transfer', max: 15 }, // 床椅转移
  { key: 'mobility', max: 15 }, // 平地行走
  { key: 'stairs', max: 10 }, // 上下楼梯
] as const;

export type BarthelItem = (typeof BARTHEL_ITEMS)[number]['key'];
export type BarthelScores = Record<BarthelItem, number>;

export const ADL_BANDS = ['intact', 'mild', 'moderate', 'severe'] as const;
export type AdlBand = (typeof ADL_BANDS)[number];

/** The range of totals in each band, for filtering in SQL. */
export const ADL_BAND_RANGES: Record<AdlBand, readonly [number, number]> = {
  intact: [100, 100],
  mild: [65, 95],
  moderate: [45, 60],
  severe: [0, 40],
};

export function barthelTotal(scores: BarthelScores): number {
  return BARTHEL_ITEMS.reduce((sum, item) => sum + scores[item.key], 0);
}

export function adlBand(total: number): AdlBand {
  if (total >= 100) return 'intact';
  if (total >= 65) return 'mild';
  if (total >= 45) return 'moderate';
  return 'severe';
}

/** Allowed scores of an item: 0, 5, … up to its maximum. */
export function allowedScores(item: BarthelItem): number[] {
  const max = BARTHEL_ITEMS.find((i) => i.key === item)?.max ?? 0;
  const out: number[] = [];
  for (let s = 0; s <= max; s += 5) out.push(s);
  return out;
}
