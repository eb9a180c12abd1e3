/**
 * What an indicator's breakdown table shows (the 分项 page, its print and its .xlsx): the figure that
 * stands for the indicator first (the tile's big number, which is what the reader came for: a
 * campaign's coverage would otherwise be the last of thirteen columns), then every measure that
 * stands on its own and every derived figure, in the catalogue's order. Hidden measures are only the
 * parts of a derived figure, so they stay out, as they do on the dashboard.
 */
import type { IndicatorDef } from './catalogue';

export function breakdownFigures(def: IndicatorDef): string[] {
  const all = [...def.measures.filter((m) => !m.hidden).map((m) => m.key), ...def.derived.map((d) => d.key)];
  return all.includes(def.headline) ? [def.headline, ...all.filter((f) => f !== def.headline)] : all;
}

/** Whether a figure opens the list of the facts behind it (a count of persons or records). */
export function isListed(def: IndicatorDef, figure: string): boolean {
  return def.measures.some((m) => m.key === figure && m.drill === true);
}
