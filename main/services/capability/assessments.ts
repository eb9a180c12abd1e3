/**
 * 老年人能力评估 (GB/T 42195-2022): each assessment is a row of its own, kept. Complete answers make
 * a final assessment with its total and grade (scored by shared/capability/scoring.ts), which is
 * never changed afterwards; answers with items left out are a draft, without a grade, which can be
 * continued or deleted. A final assessment completes the person's planned 能力评估 visit and replans them.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { AppError } from '../../../shared/errors';
import { answerProblems, scoreCapability, type CapabilityAnswers } from '../../../shared/capability/scoring';
import { capabilityConditionsSchema, type CapabilityAssessment, type SaveCapabilityInput } from '../../../shared/schemas/capability';
import type { CapabilityGrade } from '../../../shared/capability/gbt42195';
import { requirePerson } from '../persons/health';
import { replanPerson, todayOf } from '../visits/planning';
import { completeAssessmentVisits } from '../visits/assessment';

registerSyncedTable('capability_assessments');

interface Row {
  id: string;
  person_id: string;
  assessed_on: string;
  assessor: string;
  status: 'draft' | 'final';
  answers: string;
  conditions: string;
  total: number | null;
  base_grade: CapabilityGrade | null;
  grade: CapabilityGrade | null;
  note: string;
  created_at: string;
  updated_by: string;
}

const COLUMNS = 'id, person_id, assessed_on, assessor, status, answers, conditions, total, base_grade, grade, note, created_at, updated_by';

function toAssessment(r: Row): CapabilityAssessment {
  const answers = JSON.parse(r.answers) as CapabilityAnswers;
  const conditions = capabilityConditionsSchema.parse(JSON.parse(r.conditions));
  const scored = scoreCapability(answers, conditions);
  return {
    id: r.id,
    personId: r.person_id,
    assessedOn: r.assessed_on,
    assessor: r.assessor,
    status: r.status,
    answers: answers as Record<string, number>,
    conditions,
    dimensions: scored.dimensions,
    // What was stored is what was decided; the scoring only fills in the parts not stored.
    total: r.total,
    baseGrade: r.base_grade,
    grade: r.grade,
    adjustments: r.status === 'final' ? scored.adjustments : [],
    answered: Object.keys(answers).length,
    note: r.note,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
  };
}

function rowOf(db: Db, id: string): Row {
  const row = cachedStatement(db, `SELECT ${COLUMNS} FROM capability_assessments WHERE id = ? AND deleted_at IS NULL`).get(id) as Row | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Capability assessment ${id} not found.`, { entity: 'capability_assessment', id });
  return row;
}

export function listCapabilityAssessments(db: Db, personId: string): CapabilityAssessment[] {
  requirePerson(db, personId);
  const rows = cachedStatement(
    db,
    `SELECT ${COLUMNS} FROM capability_assessments WHERE person_id = ? AND deleted_at IS NULL ORDER BY assessed_on DESC, id DESC`,
  ).all(personId) as Row[];
  return rows.map(toAssessment);
}

export function getCapabilityAssessment(db: Db, id: string): CapabilityAssessment {
  return toAssessment(rowOf(db, id));
}

/** Refuses answers that are not among their item's levels, naming the first such item. */
function checkAnswers(answers: Record<string, unknown>): CapabilityAnswers {
  const { invalid, unknown } = answerProblems(answers);
  const first = invalid[0];
  if (first) {
    throw new AppError('CAPABILITY_ANSWER_INVALID', `${first.code} ${first.name}: ${String(first.value)} is not one of ${first.allowed.join(', ')}.`, {
      item: `${first.code} ${first.name}`,
      value: String(first.value),
      allowed: first.allowed.join('、'),
      count: invalid.length,
    });
  }
  if (unknown.length > 0) {
    throw new AppError('CAPABILITY_ANSWER_INVALID', `Not an item of GB/T 42195: ${unknown.join(', ')}.`, { item: unknown.join('、'), value: '', allowed: '', count: unknown.length });
  }
  return answers as CapabilityAnswers;
}

export function saveCapabilityAssessment(
  db: Db,
  ctx: WriteContext,
  input: SaveCapabilityInput,
): { id: string; status: 'draft' | 'final'; total: number | null; grade: CapabilityGrade | null; missing: number } {
  requirePerson(db, input.personId);
  const answers = checkAnswers(input.answers);
  const scored = scoreCapability(answers, input.conditions);
  const status = scored.complete ? 'final' : 'draft';
  const values = {
    assessed_on: input.assessedOn,
    assessor: input.assessor,
    status,
    answers: JSON.stringify(answers),
    conditions: JSON.stringify(input.conditions),
    total: scored.total,
    base_grade: scored.baseGrade,
    grade: scored.grade,
    note: input.note,
  };
  const subject = { ...ctx, subjectId: input.personId };
  let id: string;
  if (input.draftId !== null) {
    const draft = rowOf(db, input.draftId);
    if (draft.person_id !== input.personId) throw new AppError('NOT_FOUND', `Capability assessment ${input.draftId} not found.`, { entity: 'capability_assessment', id: input.draftId });
    if (draft.status === 'final') throw new AppError('CAPABILITY_ASSESSMENT_FINAL', 'A complete assessment is kept as it was recorded.', { date: draft.assessed_on });
    updateSynced(db, subject, 'capability_assessments', draft.id, values, 'capability_assessment');
    id = draft.id;
  } else {
    id = insertSynced(db, subject, 'capability_assessments', { person_id: input.personId, ...values }, 'capability_assessment');
  }
  if (status === 'final') {
    completeAssessmentVisits(db, ctx, input.personId, input.assessedOn);
    replanPerson(db, ctx, input.personId, todayOf(ctx));
  }
  return { id, status, total: scored.total, grade: scored.grade, missing: scored.missing.length };
}

export function deleteCapabilityDraft(db: Db, ctx: WriteContext, id: string): void {
  const row = rowOf(db, id);
  if (row.status === 'final') throw new AppError('CAPABILITY_ASSESSMENT_FINAL', 'A complete assessment is kept as it was recorded.', { date: row.assessed_on });
  tombstoneSynced(db, { ...ctx, subjectId: row.person_id }, 'capability_assessments', id, 'capability_assessment');
}
