/**
 * Matching the typed 原工作单位 of persons to the registry. Persons without a linked unit are grouped
 * by their text (normalised, so spaces and full-width forms do not split a group); each group gets
 * the units it may mean, best first. Nothing is linked here: staff confirm a group at a time, and only
 * then are exactly that group's persons linked (confirmMatches).
 *
 * At the county bureau the database also holds the records received from every community office;
 * those are theirs to match (their links come back in their packets), so the bureau matches only the
 * persons it registered itself, against its own units.
 */
import type { Db } from '../../db/connection';
import type { WriteContext } from '../../db/sync';
import { cachedStatement } from '../../db/statements';
import { AppError, fieldError } from '../../../shared/errors';
import type { MatchGroup, MatchSuggestion, UnitFields, UnitLevel } from '../../../shared/schemas/units';
import { closeness, normaliseUnitName } from './similarity';
import { createUnit, linkPerson, requireUnitRow } from './units';

/** How many suggestions a group shows. */
export const MAX_SUGGESTIONS = 5;

interface TextRow {
  original_unit: string;
  unit_level: UnitLevel;
  n: number;
}

interface Group {
  key: string;
  texts: string[];
  personCount: number;
  levels: Map<UnitLevel, number>;
}

/** The office whose persons and units are matched here, or null for all (a community office holds only its own). */
export function matchingOffice(db: Db): string | null {
  const office = cachedStatement(db, 'SELECT id, mode FROM office').get() as { id: string; mode: string } | undefined;
  return office?.mode === 'bureau' ? office.id : null;
}

const IN_SCOPE = '(@office IS NULL OR origin_office = @office)';

function groupsOf(db: Db, office: string | null): Group[] {
  const rows = cachedStatement(
    db,
    `SELECT original_unit, unit_level, count(*) AS n FROM persons
      WHERE deleted_at IS NULL AND unit_id IS NULL AND trim(original_unit) <> '' AND ${IN_SCOPE}
      GROUP BY original_unit, unit_level`,
  ).all({ office }) as TextRow[];
  const byKey = new Map<string, Group>();
  for (const r of rows) {
    const key = normaliseUnitName(r.original_unit);
    if (key === '') continue;
    let g = byKey.get(key);
    if (!g) {
      g = { key, texts: [], personCount: 0, levels: new Map() };
      byKey.set(key, g);
    }
    if (!g.texts.includes(r.original_unit)) g.texts.push(r.original_unit);
    g.personCount += r.n;
    g.levels.set(r.unit_level, (g.levels.get(r.unit_level) ?? 0) + r.n);
  }
  // The largest groups first: confirming them links the most persons.
  return [...byKey.values()].sort((a, b) => b.personCount - a.personCount || a.key.localeCompare(b.key, 'zh-CN'));
}

function mostCommonLevel(levels: Map<UnitLevel, number>): UnitLevel {
  let best: UnitLevel = 'other';
  let bestCount = -1;
  for (const [level, n] of levels) {
    // A level other than 其他 says more, so it wins a tie.
    if (n > bestCount || (n === bestCount && best === 'other')) {
      best = level;
      bestCount = n;
    }
  }
  return best;
}

interface UnitKey {
  id: string;
  name: string;
  level: UnitLevel;
  key: string;
}

export function suggestionsFor(key: string, units: readonly UnitKey[]): MatchSuggestion[] {
  const out: MatchSuggestion[] = [];
  for (const u of units) {
    const c = closeness(key, u.key);
    if (c) out.push({ unitId: u.id, unitName: u.name, level: u.level, kind: c.kind, score: Math.round(c.score * 100) / 100 });
  }
  return out.sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh-CN')).slice(0, MAX_SUGGESTIONS);
}

export function matchSuggestions(db: Db, paging: { limit: number; offset: number }): { total: number; unlinkedPersons: number; groups: MatchGroup[] } {
  const office = matchingOffice(db);
  const groups = groupsOf(db, office);
  const units = (cachedStatement(db, `SELECT id, name, level FROM units WHERE deleted_at IS NULL AND ${IN_SCOPE}`).all({ office }) as { id: string; name: string; level: UnitLevel }[]).map((u) => ({
    ...u,
    key: normaliseUnitName(u.name),
  }));
  const page = groups.slice(paging.offset, paging.offset + paging.limit);
  const sample = cachedStatement(
    db,
    `SELECT name FROM persons WHERE deleted_at IS NULL AND unit_id IS NULL AND original_unit IN (SELECT value FROM json_each(@texts)) AND ${IN_SCOPE}
      ORDER BY name_pinyin LIMIT 5`,
  );
  return {
    total: groups.length,
    unlinkedPersons: groups.reduce((n, g) => n + g.personCount, 0),
    groups: page.map((g) => ({
      key: g.key,
      texts: g.texts,
      personCount: g.personCount,
      samplePersons: (sample.all({ texts: JSON.stringify(g.texts), office }) as { name: string }[]).map((r) => r.name),
      level: mostCommonLevel(g.levels),
      suggestions: suggestionsFor(g.key, units),
    })),
  };
}

/**
 * Links the persons without a unit whose text is one of `texts` (exactly as typed: what staff saw) to
 * a unit of the registry or to a new unit made from the text. Persons linked meanwhile by someone else
 * are left alone; if none are left, the group is gone and nothing is written.
 */
export function confirmMatches(
  db: Db,
  ctx: WriteContext,
  input: { texts: readonly string[]; unitId?: string | undefined; newUnit?: UnitFields | undefined },
): { unitId: string; linked: number } {
  const office = matchingOffice(db);
  const persons = cachedStatement(
    db,
    `SELECT id FROM persons WHERE deleted_at IS NULL AND unit_id IS NULL AND original_unit IN (SELECT value FROM json_each(@texts)) AND ${IN_SCOPE}
      ORDER BY id`,
  ).all({ texts: JSON.stringify(input.texts), office }) as { id: string }[];
  if (persons.length === 0) throw new AppError('UNIT_MATCH_GONE', 'No person without a unit has these unit texts any more.', { text: input.texts[0] ?? '' });
  let unit: { id: string; name: string; level: UnitLevel };
  if (input.unitId !== undefined) {
    const row = requireUnitRow(db, input.unitId, 'unitId');
    if (office !== null && row.origin_office !== office) {
      throw fieldError('unitId', 'units.otherOfficeUnit', 'The bureau links its persons to its own units only.');
    }
    unit = { id: row.id, name: row.name, level: row.level };
  } else if (input.newUnit !== undefined) {
    const id = createUnit(db, ctx, input.newUnit);
    unit = { id, name: input.newUnit.name, level: input.newUnit.level };
  } else {
    throw fieldError('unitId', 'units.chooseUnit', 'Choose a unit or create one.');
  }
  for (const p of persons) linkPerson(db, ctx, p.id, unit);
  return { unitId: unit.id, linked: persons.length };
}
