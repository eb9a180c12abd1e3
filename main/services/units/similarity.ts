/**
 * How alike two typed unit names are. Names were typed by many hands over many years: full-width and
 * half-width forms, spaces, brackets and dots differ, and a province or county prefix comes and goes
 * (省交通厅 / 山西省交通厅). Nothing here links anything: it only ranks suggestions for staff to confirm.
 */

/** Trim, full-width → half-width (NFKC), lower case, and drop spaces, punctuation and symbols such as （）·. */
export function normaliseUnitName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Levenshtein distance over code points, stopping early past `max` (names are short). */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** Dice coefficient over character bigrams (the usual measure for short Chinese names): 0..1. */
export function bigramSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

export type Closeness = { kind: 'exact' | 'contains' | 'similar'; score: number };

/** Bigram similarity from which two names are offered as a near match. */
export const SIMILARITY_THRESHOLD = 0.5;

/**
 * How close two normalised names are, or null when they are not worth offering.
 * exact: equal once normalised; contains: one holds the other whole (at least 3 characters, so 局 or
 * 县委 alone match nothing); similar: a typo or two (edit distance) or most bigrams shared.
 */
export function closeness(a: string, b: string): Closeness | null {
  if (a === '' || b === '') return null;
  if (a === b) return { kind: 'exact', score: 1 };
  const la = [...a].length;
  const lb = [...b].length;
  const [short, long] = la <= lb ? [a, b] : [b, a];
  const shortLength = Math.min(la, lb);
  const longLength = Math.max(la, lb);
  if (shortLength >= 3 && long.includes(short)) return { kind: 'contains', score: 0.6 + 0.35 * (shortLength / longLength) };
  const allowed = longLength >= 6 ? 2 : longLength >= 3 ? 1 : 0;
  const distance = editDistance(a, b, allowed);
  const bySimilarity = bigramSimilarity(a, b);
  const byDistance = distance <= allowed ? 1 - distance / longLength : 0;
  const score = Math.max(bySimilarity, byDistance);
  if (distance <= allowed || bySimilarity >= SIMILARITY_THRESHOLD) return { kind: 'similar', score: Math.min(0.9, score * 0.9) };
  return null;
}
