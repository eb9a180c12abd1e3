/** PLACEHOLDER — replaced by the activities work of issue 6: this person's part in activities, on their page. */
export function PersonActivitiesSection(_props: { personId: string }) {
  return null;
}
