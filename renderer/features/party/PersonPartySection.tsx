/** PLACEHOLDER — replaced by the party work of issue 6: this person's part in party, on their page. */
export function PersonPartySection(_props: { personId: string }) {
  return null;
}
