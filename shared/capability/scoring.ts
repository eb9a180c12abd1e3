/**
 * Scoring and grading of a GB/T 42195-2022 assessment: pure, reading only the instrument data in
 * ./gbt42195.ts. The total is the sum of the 26 item scores (0–90); the grade comes from the total
 * and then the standard's 能力等级变更 rules:
 *  - 昏迷 (coma): 完全失能, whatever the total;
 *  - a diagnosis of 痴呆 (F00–F03) or of another mental or behavioural disorder (F04–F99), or two or
 *    more care-risk events in the last 30 days (跌倒, 走失, 噎食, 自杀、自伤, 其他; counted together),
 *    raises the grade one step (at most to 完全失能). Reasons do not add up: two reasons still raise one step.
 * An assessment with any item unanswered is a draft: it has dimension sums but no total and no grade.
 */
import {
  CAPABILITY_GRADES,
  CAPABILITY_GRADE_RANGES,
  GBT42195_DIMENSIONS,
  GBT42195_ITEMS,
  RISK_EVENTS,
  RISK_EVENT_MAX_COUNT,
  type CapabilityDimensionKey,
  type CapabilityGrade,
  type CapabilityItemKey,
  type RiskEvent,
} from './gbt42195';

export type CapabilityAnswers = Partial<Record<CapabilityItemKey, number>>;

export interface CapabilityConditions {
  /** 昏迷 at the time of assessment. */
  coma: boolean;
  /** 确诊为痴呆 (F00–F03). */
  dementia: boolean;
  /** 精神科专科医生诊断的其他精神和行为障碍疾病 (F04–F99). */
  mentalDisorder: boolean;
  /** How often each event happened in the last 30 days; 3 stands for 3 or more. */
  riskEvents: Partial<Record<RiskEvent, number>>;
}

export const NO_CONDITIONS: CapabilityConditions = { coma: false, dementia: false, mentalDisorder: false, riskEvents: {} };

export type GradeAdjustment = 'coma' | 'diagnosis' | 'riskEvents';

export interface CapabilityResult {
  complete: boolean;
  /** Items not answered, in the standard's order. */
  missing: CapabilityItemKey[];
  /** Sum of the answered items of each dimension. */
  dimensions: Record<CapabilityDimensionKey, number>;
  /** Null for a draft. */
  total: number | null;
  /** The grade the total gives, before adjustment; null for a draft. */
  baseGrade: CapabilityGrade | null;
  /** The final grade; null for a draft. */
  grade: CapabilityGrade | null;
  /** What changed the grade (empty when the total alone decides it). */
  adjustments: GradeAdjustment[];
}

/** An answer that is not one of its item's levels. */
export interface AnswerProblem {
  item: CapabilityItemKey;
  code: string;
  name: string;
  value: unknown;
  allowed: number[];
}

/** Answers that are not among their item's score levels, and keys that are not items. */
export function answerProblems(answers: Record<string, unknown>): { invalid: AnswerProblem[]; unknown: string[] } {
  const invalid: AnswerProblem[] = [];
  const known = new Set<string>(GBT42195_ITEMS.map((i) => i.key));
  for (const item of GBT42195_ITEMS) {
    const value = answers[item.key];
    if (value === undefined || value === null) continue;
    const allowed = item.levels.map((l) => l.score);
    if (typeof value !== 'number' || !allowed.includes(value)) invalid.push({ item: item.key, code: item.code, name: item.name, value, allowed: [...allowed].sort((a, b) => a - b) });
  }
  return { invalid, unknown: Object.keys(answers).filter((k) => !known.has(k)) };
}

/** The grade of a total before adjustment. */
export function gradeOfTotal(total: number): CapabilityGrade {
  for (const grade of CAPABILITY_GRADES) {
    const [min, max] = CAPABILITY_GRADE_RANGES[grade];
    if (total >= min && total <= max) return grade;
  }
  throw new RangeError(`total ${total} is outside 0–90`);
}

/** Risk events of the last 30 days, counted together (each kind at most RISK_EVENT_MAX_COUNT). */
export function riskEventCount(events: Partial<Record<RiskEvent, number>>): number {
  return RISK_EVENTS.reduce((sum, e) => sum + Math.min(RISK_EVENT_MAX_COUNT, Math.max(0, events[e] ?? 0)), 0);
}

function raised(grade: CapabilityGrade): CapabilityGrade {
  const i = CAPABILITY_GRADES.indexOf(grade);
  return CAPABILITY_GRADES[Math.min(CAPABILITY_GRADES.length - 1, i + 1)] as CapabilityGrade;
}

/** Scores answers that passed answerProblems; an unanswered item makes the result a draft. */
export function scoreCapability(answers: CapabilityAnswers, conditions: CapabilityConditions = NO_CONDITIONS): CapabilityResult {
  const dimensions = Object.fromEntries(GBT42195_DIMENSIONS.map((d) => [d.key, 0])) as Record<CapabilityDimensionKey, number>;
  const missing: CapabilityItemKey[] = [];
  for (const item of GBT42195_ITEMS) {
    const value = answers[item.key];
    if (value === undefined) missing.push(item.key);
    else dimensions[item.dimension] += value;
  }
  if (missing.length > 0) return { complete: false, missing, dimensions, total: null, baseGrade: null, grade: null, adjustments: [] };

  const total = Object.values(dimensions).reduce((a, b) => a + b, 0);
  const baseGrade = gradeOfTotal(total);
  if (conditions.coma) return { complete: true, missing, dimensions, total, baseGrade, grade: 'complete', adjustments: ['coma'] };
  const adjustments: GradeAdjustment[] = [];
  if (conditions.dementia || conditions.mentalDisorder) adjustments.push('diagnosis');
  if (riskEventCount(conditions.riskEvents) >= 2) adjustments.push('riskEvents');
  const grade = adjustments.length > 0 ? raised(baseGrade) : baseGrade;
  return { complete: true, missing, dimensions, total, baseGrade, grade, adjustments };
}
