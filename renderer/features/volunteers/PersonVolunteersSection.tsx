/** PLACEHOLDER — replaced by the volunteers work of issue 6: this person's part in volunteers, on their page. */
export function PersonVolunteersSection(_props: { personId: string }) {
  return null;
}
