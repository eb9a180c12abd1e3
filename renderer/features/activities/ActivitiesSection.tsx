/** PLACEHOLDER — replaced by the activities work of issue 6 (routes: list, form, detail). */
export function ActivitiesSection() {
  return null;
}
