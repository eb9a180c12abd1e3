/**
 * Version vectors tell "newer" from "concurrent" for rows edited in several offices.
 * Each office counts its own edits of a row: { officeId: count }. A row edited locally takes
 * max(all counters) + 1 for this office, so the new version dominates every version it has seen.
 */
export type VersionVector = Readonly<Record<string, number>>;

export type VersionOrder = 'equal' | 'newer' | 'older' | 'concurrent';

/** How `a` stands against `b`. */
export function compareVersions(a: VersionVector, b: VersionVector): VersionOrder {
  let aAhead = false;
  let bAhead = false;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key] ?? 0;
    const y = b[key] ?? 0;
    if (x > y) aAhead = true;
    if (y > x) bAhead = true;
  }
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'newer';
  if (bAhead) return 'older';
  return 'equal';
}

/** The version after an edit by `office` of a row whose version was `v`. */
export function bumpVersion(v: VersionVector, office: string): VersionVector {
  return { ...v, [office]: (v[office] ?? 0) + 1 };
}

/** The least version that dominates both: what a resolved conflict starts from before its bump. */
export function mergeVersions(a: VersionVector, b: VersionVector): VersionVector {
  const out: Record<string, number> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = Math.max(out[key] ?? 0, value);
  return out;
}

export function parseVersion(text: string): VersionVector {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('version vector must be an object');
  }
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new Error(`version vector counter for ${key} must be a non-negative integer`);
    }
    out[key] = value;
  }
  return out;
}

/** Canonical text (sorted keys) so equal versions store as equal strings. */
export function formatVersion(v: VersionVector): string {
  const sorted: Record<string, number> = {};
  for (const key of Object.keys(v).sort()) sorted[key] = v[key] as number;
  return JSON.stringify(sorted);
}
