/**
 * The planned 能力评估 visit on the database side (the rule itself is shared/schedule/assessment.ts):
 * recording an assessment of either instrument completes the person's open assessment visits.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { updateSynced, type WriteContext } from '../../db/sync';

/**
 * Marks done, on the assessment's date, the person's open 能力评估 visit: the first assessment, or the
 * reassessment after an earlier assessment (its key names it). An assessment entered now but dated
 * no later than the one the visit follows (a paper record typed in late) completes nothing.
 * Call before replanning the person.
 */
export function completeAssessmentVisits(db: Db, ctx: WriteContext, personId: string, assessedOn: string): number {
  const open = cachedStatement(
    db,
    `SELECT id, key FROM planned_visits
      WHERE person_id = ? AND reason = 'assessment' AND deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL`,
  ).all(personId) as { id: string; key: string }[];
  const completed = open.filter((v) => {
    const after = v.key.slice('assessment:'.length);
    return after === 'first' || after < assessedOn;
  });
  for (const v of completed) updateSynced(db, { ...ctx, subjectId: personId }, 'planned_visits', v.id, { done_on: assessedOn }, 'planned_visit');
  return completed.length;
}
