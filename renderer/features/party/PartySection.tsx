/** PLACEHOLDER — replaced by the party work of issue 6 (routes: list, form, detail). */
export function PartySection() {
  return null;
}
