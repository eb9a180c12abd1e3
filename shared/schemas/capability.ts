/**
 * 老年人能力评估 (GB/T 42195-2022) as it crosses the contract. Answers are a map of item key to score;
 * whether a score is one of its item's levels is the service's check, so the refusal can name the item.
 */
import { z } from 'zod';
import { dateSchema } from './common';
import { CAPABILITY_GRADES, RISK_EVENTS, RISK_EVENT_MAX_COUNT } from '../capability/gbt42195';

export const CAPABILITY_STATUSES = ['draft', 'final'] as const;

export const capabilityConditionsSchema = z
  .object({
    coma: z.boolean().default(false),
    dementia: z.boolean().default(false),
    mentalDisorder: z.boolean().default(false),
    riskEvents: z
      .object(Object.fromEntries(RISK_EVENTS.map((e) => [e, z.number().int().min(0).max(RISK_EVENT_MAX_COUNT).default(0)])) as Record<(typeof RISK_EVENTS)[number], z.ZodDefault<z.ZodNumber>>)
      .strict()
      .default({ fall: 0, wandering: 0, choking: 0, selfHarm: 0, other: 0 }),
  })
  .strict();
export type CapabilityConditionsInput = z.output<typeof capabilityConditionsSchema>;

export const saveCapabilitySchema = z
  .object({
    personId: z.string().uuid(),
    /** Continue this draft instead of starting a new assessment. */
    draftId: z.string().uuid().nullable().default(null),
    assessedOn: dateSchema,
    assessor: z.string().trim().min(1, { message: 'capability.assessorRequired' }).max(40),
    /** Item key → score; an item left out is unanswered. Checked against the levels by the service. */
    answers: z.record(z.string().max(40), z.unknown()).default({}),
    conditions: capabilityConditionsSchema.default({ coma: false, dementia: false, mentalDisorder: false, riskEvents: { fall: 0, wandering: 0, choking: 0, selfHarm: 0, other: 0 } }),
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export type SaveCapabilityInput = z.output<typeof saveCapabilitySchema>;

export const capabilityAssessmentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  assessedOn: z.string(),
  assessor: z.string(),
  status: z.enum(CAPABILITY_STATUSES),
  answers: z.record(z.string(), z.number()),
  conditions: capabilityConditionsSchema,
  dimensions: z.record(z.string(), z.number()),
  total: z.number().int().nullable(),
  baseGrade: z.enum(CAPABILITY_GRADES).nullable(),
  grade: z.enum(CAPABILITY_GRADES).nullable(),
  adjustments: z.array(z.enum(['coma', 'diagnosis', 'riskEvents'])),
  answered: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
});
export type CapabilityAssessment = z.infer<typeof capabilityAssessmentSchema>;

export const saveCapabilityResultSchema = z.object({
  id: z.string(),
  status: z.enum(CAPABILITY_STATUSES),
  total: z.number().int().nullable(),
  grade: z.enum(CAPABILITY_GRADES).nullable(),
  missing: z.number().int(),
});
