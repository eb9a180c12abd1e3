/** PLACEHOLDER — replaced by the units work of issue 6 (routes: list, form, detail). */
export function UnitsSection() {
  return null;
}
