import { describe, expect, it } from 'vitest';
import { CAPABILITY_GRADE_RANGES, GBT42195_DIMENSIONS, GBT42195_ITEMS, GBT42195_MAX_TOTAL, itemMax, type CapabilityItemKey } from '../../shared/capability/gbt42195';
import { answerProblems, gradeOfTotal, NO_CONDITIONS, riskEventCount, scoreCapability, type CapabilityAnswers, type CapabilityConditions } from '../../shared/capability/scoring';

/** Answers adding up to `total`: items filled from the top of the form, each as high as still fits. */
function answersFor(total: number): CapabilityAnswers {
  let left = total;
  const out: CapabilityAnswers = {};
  for (const item of GBT42195_ITEMS) {
    const score = Math.min(itemMax(item), left);
    out[item.key] = score;
    left -= score;
  }
  if (left !== 0) throw new Error(`cannot reach ${total}`);
  return out;
}

const conditions = (over: Partial<CapabilityConditions>): CapabilityConditions => ({ ...NO_CONDITIONS, ...over });

describe('GB/T 42195-2022 instrument', () => {
  it('has four dimensions, 26 items and 90 points: 32 + 15 + 28 + 15', () => {
    expect(GBT42195_DIMENSIONS.map((d) => d.name)).toEqual(['自理能力', '基础运动能力', '精神状态', '感知觉与社会参与']);
    expect(GBT42195_ITEMS).toHaveLength(26);
    expect(GBT42195_DIMENSIONS.map((d) => d.items.length)).toEqual([8, 4, 9, 5]);
    expect(GBT42195_DIMENSIONS.map((d) => d.items.reduce((s, i) => s + itemMax(i), 0))).toEqual([32, 15, 28, 15]);
    expect(GBT42195_MAX_TOTAL).toBe(90);
  });

  it('numbers items B.d.n in order and gives every item levels from its maximum down to 0 in steps of 1', () => {
    GBT42195_DIMENSIONS.forEach((d, di) =>
      d.items.forEach((item, ii) => {
        expect(item.code).toBe(`B.${di + 1}.${ii + 1}`);
        expect(item.levels.map((l) => l.score)).toEqual(Array.from({ length: itemMax(item) + 1 }, (_, k) => itemMax(item) - k));
      }),
    );
  });
});

describe('grading by total', () => {
  it.each([
    [90, 'intact'],
    [89, 'mild'],
    [66, 'mild'],
    [65, 'moderate'],
    [46, 'moderate'],
    [45, 'severe'],
    [30, 'severe'],
    [29, 'complete'],
    [0, 'complete'],
  ] as const)('total %i is %s', (total, grade) => {
    expect(gradeOfTotal(total)).toBe(grade);
    const result = scoreCapability(answersFor(total));
    expect(result).toMatchObject({ complete: true, total, baseGrade: grade, grade, adjustments: [] });
  });

  it('covers 0–90 with the five ranges, without gaps or overlaps', () => {
    const seen = new Map<number, string>();
    for (const [grade, [min, max]] of Object.entries(CAPABILITY_GRADE_RANGES)) for (let t = min; t <= max; t++) {
      expect(seen.has(t)).toBe(false);
      seen.set(t, grade);
    }
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 91 }, (_, i) => i));
  });

  it('sums each dimension', () => {
    expect(scoreCapability(answersFor(90)).dimensions).toEqual({ selfCare: 32, motor: 15, mental: 28, perception: 15 });
    expect(scoreCapability(answersFor(40)).dimensions).toEqual({ selfCare: 32, motor: 8, mental: 0, perception: 0 });
  });
});

describe('adjustment rules', () => {
  it.each([
    ['dementia', { dementia: true }, 90, 'mild'],
    ['another mental disorder', { mentalDisorder: true }, 66, 'moderate'],
    ['two falls', { riskEvents: { fall: 2 } }, 46, 'severe'],
    ['a fall and a choking', { riskEvents: { fall: 1, choking: 1 } }, 30, 'complete'],
    ['wandering and self-harm', { riskEvents: { wandering: 1, selfHarm: 1 } }, 65, 'severe'],
    ['three or more of one kind', { riskEvents: { other: 3 } }, 89, 'moderate'],
  ] as const)('%s raises the grade one step', (_name, over, total, grade) => {
    const result = scoreCapability(answersFor(total), conditions(over));
    expect(result.grade).toBe(grade);
    expect(result.baseGrade).not.toBe(grade);
  });

  it('one risk event in 30 days changes nothing', () => {
    expect(scoreCapability(answersFor(90), conditions({ riskEvents: { fall: 1 } })).grade).toBe('intact');
    expect(riskEventCount({ fall: 1 })).toBe(1);
  });

  it('raises one step only, however many reasons, and never past 完全失能', () => {
    const both = scoreCapability(answersFor(90), conditions({ dementia: true, mentalDisorder: true, riskEvents: { fall: 2, choking: 2 } }));
    expect(both).toMatchObject({ grade: 'mild', adjustments: ['diagnosis', 'riskEvents'] });
    expect(scoreCapability(answersFor(10), conditions({ dementia: true })).grade).toBe('complete');
  });

  it('coma is 完全失能 whatever the total', () => {
    for (const total of [90, 66, 46, 30, 0]) {
      const result = scoreCapability(answersFor(total), conditions({ coma: true }));
      expect(result).toMatchObject({ grade: 'complete', adjustments: ['coma'], total });
    }
  });
});

describe('drafts and refusals', () => {
  it('an unanswered item makes a draft: no total, no grade, whatever the conditions', () => {
    const answers = answersFor(90);
    delete answers.hearing;
    const result = scoreCapability(answers, conditions({ coma: true }));
    expect(result).toMatchObject({ complete: false, missing: ['hearing'], total: null, grade: null, baseGrade: null });
    expect(result.dimensions.perception).toBe(13);
  });

  it('names answers outside their item levels', () => {
    const problems = answerProblems({ feeding: 5, stairs: 4, aggression: 2, vision: 1.5, hearing: '2', memory: 4, nonsense: 1 });
    expect(problems.invalid.map((p) => [p.code, p.name])).toEqual([
      ['B.1.1', '进食'],
      ['B.2.4', '上下楼梯'],
      ['B.3.7', '攻击行为'],
      ['B.4.1', '视力'],
      ['B.4.2', '听力'],
    ]);
    expect(problems.invalid.find((p) => p.item === 'stairs')?.allowed).toEqual([0, 1, 2, 3]);
    expect(problems.unknown).toEqual(['nonsense']);
    const keys: CapabilityItemKey[] = problems.invalid.map((p) => p.item);
    expect(keys).not.toContain('memory');
  });
});
