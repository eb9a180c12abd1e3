/** PLACEHOLDER — replaced by the pairs work of issue 6 (routes: list, form, detail). */
export function PairsSection() {
  return null;
}
