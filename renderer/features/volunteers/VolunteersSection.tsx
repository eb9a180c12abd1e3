/** PLACEHOLDER — replaced by the volunteers work of issue 6 (routes: list, form, detail). */
export function VolunteersSection() {
  return null;
}
