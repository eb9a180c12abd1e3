/** PLACEHOLDER — replaced by the pairs work of issue 6: this person's part in pairs, on their page. */
export function PersonPairsSection(_props: { personId: string }) {
  return null;
}
