/**
 * The planned 能力评估 visit on the database side (the rule itself is shared/schedule/assessment.ts):
 * recording an assessment of either instrument completes the person's open assessment visits.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { updateSynced, type WriteContext } from '../../db/sync';

/**
 * Marks done, on the assessment's date, every open 能力评估 visit of the person that had begun by then
 * (a visit whose window opens later belongs to a later cycle). Call before replanning the person.
 */
export function completeAssessmentVisits(db: Db, ctx: WriteContext, personId: string, assessedOn: string): number {
  const open = cachedStatement(
    db,
    `SELECT id FROM planned_visits
      WHERE person_id = ? AND reason = 'assessment' AND deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL AND window_start <= ?`,
  ).all(personId, assessedOn) as { id: string }[];
  for (const v of open) updateSynced(db, { ...ctx, subjectId: personId }, 'planned_visits', v.id, { done_on: assessedOn }, 'planned_visit');
  return open.length;
}
