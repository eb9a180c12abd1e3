import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bumpVersion, compareVersions, formatVersion, mergeVersions, parseVersion, type VersionVector } from '../../shared/versionVector';

const vector = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 20 })) as fc.Arbitrary<VersionVector>;
const office = fc.constantFrom('a', 'b', 'c', 'd');

describe('version vectors', () => {
  it('an edit is newer than what it edited', () => {
    fc.assert(fc.property(vector, office, (v, o) => compareVersions(bumpVersion(v, o), v) === 'newer'));
  });

  it('edits in two offices from the same version are concurrent', () => {
    fc.assert(
      fc.property(vector, (v) => {
        expect(compareVersions(bumpVersion(v, 'a'), bumpVersion(v, 'b'))).toBe('concurrent');
      }),
    );
  });

  it('comparison is antisymmetric', () => {
    const flip = { newer: 'older', older: 'newer', equal: 'equal', concurrent: 'concurrent' } as const;
    fc.assert(fc.property(vector, vector, (x, y) => compareVersions(y, x) === flip[compareVersions(x, y)]));
  });

  it('a merge dominates both sides, and a bump of it is newer than each', () => {
    fc.assert(
      fc.property(vector, vector, office, (x, y, o) => {
        const m = mergeVersions(x, y);
        expect(['newer', 'equal']).toContain(compareVersions(m, x));
        expect(['newer', 'equal']).toContain(compareVersions(m, y));
        expect(compareVersions(bumpVersion(m, o), x)).toBe('newer');
        expect(compareVersions(bumpVersion(m, o), y)).toBe('newer');
      }),
    );
  });

  it('missing counters count as zero', () => {
    expect(compareVersions({ a: 1, b: 0 }, { a: 1 })).toBe('equal');
  });

  it('round-trips through canonical text, and rejects malformed text', () => {
    fc.assert(fc.property(vector, (v) => compareVersions(parseVersion(formatVersion(v)), v) === 'equal'));
    expect(formatVersion({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(() => parseVersion('[1]')).toThrow();
    expect(() => parseVersion('{"a":-1}')).toThrow();
    expect(() => parseVersion('{"a":1.5}')).toThrow();
  });
});
