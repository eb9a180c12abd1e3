import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/connection';
import { openDatabase } from '../../main/db/connection';
import { COUNT_CAP } from '../../main/db/paged';
import { listPersons } from '../../main/services/persons/persons';
import { KEY_KIND, namePinyin } from '../../main/services/persons/pinyin';
import { FRAGMENT_WALK_FROM, INNER_WALK_FROM, LIST_WALK_FROM, PROBE_WALK_FROM } from '../../main/services/persons/search';
import { personListQuerySchema } from '../../shared/schemas/persons';
import { tempDir } from '../helpers/app';

/**
 * Searches common enough that the list walks an index in display order and stops at the page
 * (a character in thousands of names, initials shared by hundreds) list exactly what one plain
 * query that reads and sorts every match lists: the same persons, in the same order, the same total.
 */
/** Enough persons that a character later in the name is in more of them than PROBE_WALK_FROM. */
const REGISTER_SIZE = 7200;

describe('person search on a register large enough to walk', () => {
  let dir: string;
  let db: Db;
  const today = '2026-01-01';

  beforeAll(() => {
    dir = tempDir('cadrecare-walks-');
    db = openDatabase(path.join(dir, 'w.sqlite'));
    db.prepare("INSERT INTO office (id, name, area_code, mode, created_at) VALUES ('office-1', '社区', '140702001001', 'community', '2026-01-01T00:00:00.000Z')").run();
    const insert = db.prepare(
      `INSERT INTO persons (id, created_at, updated_at, updated_by, origin_office, deleted_at, name, name_pinyin, name_initials, gender, id_number, birth_date, phones, retirement_type, status, grid)
         VALUES (@id, 'now', 'now', 'u', 'office-1', @deleted, @name, @full, @initials, 'male', @idNumber, @birth, @phones, 'tuixiu', @status, @grid)`,
    );
    // A fixed pseudo-random register: 王 first in half the names, 华 later in over a third, some
    // names with both or with a character twice (王小王), a few persons moved out or deleted.
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    const surnames = ['李', '张', '华', '汪', '单', '重', '高', '欧阳'];
    // 英 twice: later in the name in more persons than the others, fewer than 华.
    const given = ['国', '王', '英', '英', '明', '立', '秀', '建', '重', '阳', '丹', '单', '小'];
    db.transaction(() => {
      for (let i = 0; i < REGISTER_SIZE; i++) {
        const length = next() < 0.4 ? 1 : 2;
        const rest = Array.from({ length }, () => (next() < 0.4 ? '华' : pick(given))).join('');
        const name = (next() < 0.5 ? '王' : pick(surnames)) + rest;
        const { full, initials } = namePinyin(name);
        const roll = next();
        insert.run({
          id: `p${String(i).padStart(5, '0')}`,
          deleted: roll < 0.02 ? 'then' : null,
          name,
          full,
          initials,
          idNumber: `1407021945${String(i).padStart(8, '0')}`,
          // Every third person has a phone, some two.
          phones: JSON.stringify(i % 3 === 0 ? [`1380351${String(i).padStart(4, '0')}`, ...(i % 9 === 0 ? [`0354-${String(7000 + i)}`] : [])] : []),
          birth: `19${30 + Math.floor(next() * 30)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
          status: roll > 0.92 ? 'moved_out' : 'active',
          grid: pick(['第一网格', '第二网格']),
        });
      }
    })();
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const list = (input: Record<string, unknown>) => {
    const r = listPersons(db, personListQuerySchema.parse(input), today);
    return { ids: r.rows.map((row) => row.id), total: r.total, capped: r.capped };
  };
  /** What a page of an ordered list of ids shows, with the total counted up to the page's cap. */
  const expectedPage = (ids: string[], offset: number, limit: number) => {
    const cap = COUNT_CAP * Math.ceil((offset + limit + 1) / COUNT_CAP);
    const rows = ids.slice(offset, offset + limit);
    if (rows.length < limit && (rows.length > 0 || offset === 0)) return { ids: rows, total: offset + rows.length, capped: false };
    return { ids: rows, total: Math.min(ids.length, cap), capped: ids.length > cap };
  };
  const ids = (sql: string, params: Record<string, string>) => (db.prepare(sql).all(params) as { id: string }[]).map((r) => r.id);
  const pages = [
    [0, 50],
    [50, 50],
    [600, 50],
    [950, 100],
  ] as const;

  it('one character: first in the name, later in it, or both, in the list order the user chose', () => {
    for (const q of ['王', '华', '英', '重', '汪', '单', '小', '阳']) {
      for (const [sort, order] of [
        ['name', 'name_pinyin, id'],
        ['birthDate', 'birth_date, id'],
      ] as const) {
        for (const grid of [undefined, '第二网格']) {
          const all = ids(`SELECT id FROM persons WHERE deleted_at IS NULL AND status = 'active' AND instr(name, @q) > 0 ${grid ? 'AND grid = @grid' : ''} ORDER BY ${order}`, {
            q,
            ...(grid ? { grid } : {}),
          });
          for (const [offset, limit] of pages) {
            expect(list({ search: q, sort, offset, limit, ...(grid ? { grid } : {}) }), `${q} ${sort} ${grid ?? ''} ${offset}`).toEqual(expectedPage(all, offset, limit));
          }
        }
      }
    }
    // Each way is taken: 王 is first in more names than the count's cap; later in the name, 华 is in
    // enough names that the walk looks each name up, 英 in enough that it walks with the list, 王 in few enough to sort.
    expect(ids("SELECT id FROM persons WHERE substr(name, 1, 1) = '王'", {}).length).toBeGreaterThan(COUNT_CAP);
    const later = (q: string) => ids('SELECT p.id FROM persons p JOIN person_grams g ON g.person_rowid = p.rowid AND g.gram = @q', { q }).length;
    expect(later('华')).toBeGreaterThanOrEqual(PROBE_WALK_FROM);
    expect(later('英')).toBeGreaterThanOrEqual(LIST_WALK_FROM);
    expect(later('英')).toBeLessThan(PROBE_WALK_FROM);
    expect(later('王')).toBeLessThan(LIST_WALK_FROM);
  });

  it('ID number and phone fragments: every person with the digits, in the list order, however many there are', () => {
    // 1945 is in every ID number; 0354 in the phones of every ninth person; 000 in most ID numbers; 0351 in every third person's phone.
    for (const q of ['1945', '0354', '000', '0351', '00123', '03517', '7123', '9999999']) {
      for (const [sort, order] of [
        ['name', 'name_pinyin, id'],
        ['birthDate', 'birth_date, id'],
      ] as const) {
        for (const grid of [undefined, '第二网格']) {
          const all = ids(
            `SELECT id FROM persons WHERE deleted_at IS NULL AND status = 'active' AND (instr(id_number, @q) > 0 OR instr(phones, @q) > 0) ${grid ? 'AND grid = @grid' : ''} ORDER BY ${order}`,
            { q, ...(grid ? { grid } : {}) },
          );
          for (const [offset, limit] of pages) {
            expect(list({ search: q, sort, offset, limit, ...(grid ? { grid } : {}) }), `${q} ${sort} ${grid ?? ''} ${offset}`).toEqual(expectedPage(all, offset, limit));
          }
        }
      }
    }
    // Both ways are taken: 0351 (every third phone) is walked, 7123 sorted.
    const matches = (q: string) => ids('SELECT id FROM persons WHERE instr(id_number, @q) > 0 OR instr(phones, @q) > 0', { q }).length;
    expect(matches('0351')).toBeGreaterThanOrEqual(FRAGMENT_WALK_FROM);
    expect(matches('7123')).toBeLessThan(FRAGMENT_WALK_FROM);
  });

  it('pinyin: the own reading, initials and later syllables first, other readings after, each part in name order', () => {
    for (const q of ['wx', 'wh', 'hx', 'zh', 'wang', 'hua', 'chong', 'zhong', 'shan', 'dan', 'wxh']) {
      const range = (kind: string) => ({ from: kind + q, to: `${kind + q}\uffff` });
      const long = q.length >= 3;
      const params = {
        q,
        qEnd: `${q}\uffff`,
        innerFrom: range(KEY_KIND.INNER).from,
        innerTo: range(KEY_KIND.INNER).to,
        otherFrom: range(KEY_KIND.OTHER_START).from,
        otherTo: range(KEY_KIND.OTHER_START).to,
        otherInnerFrom: range(KEY_KIND.OTHER_INNER).from,
        otherInnerTo: range(KEY_KIND.OTHER_INNER).to,
      };
      const own = `((name_pinyin >= @q AND name_pinyin < @qEnd) ${q.length > 1 ? 'OR (name_initials >= @q AND name_initials < @qEnd)' : ''}
        ${long ? 'OR rowid IN (SELECT person_rowid FROM person_keys WHERE key >= @innerFrom AND key < @innerTo)' : ''})`;
      const other = `rowid IN (SELECT person_rowid FROM person_keys WHERE key >= @otherFrom AND key < @otherTo
        ${long ? 'UNION ALL SELECT person_rowid FROM person_keys WHERE key >= @otherInnerFrom AND key < @otherInnerTo' : ''})`;
      const live = "deleted_at IS NULL AND status = 'active'";
      const all = [
        ...ids(`SELECT id FROM persons WHERE ${live} AND ${own} ORDER BY name_pinyin, id`, params),
        ...ids(`SELECT id FROM persons WHERE ${live} AND ${other} AND NOT ${own} ORDER BY name_pinyin, id`, params),
      ];
      for (const [offset, limit] of pages) expect(list({ search: q, offset, limit }), `${q} ${offset}`).toEqual(expectedPage(all, offset, limit));
    }
    // The initials walk is taken: wh (王华…) is the initials of more names than it needs.
    expect(ids("SELECT id FROM persons WHERE name_initials >= 'wh' AND name_initials < 'wi'", {}).length).toBeGreaterThan(400);
    // A later syllable is walked (hua) and sorted (wang).
    const inner = (q: string) => ids('SELECT DISTINCT person_rowid AS id FROM person_keys WHERE key >= @from AND key < @to', { from: KEY_KIND.INNER + q, to: `${KEY_KIND.INNER + q}\uffff` }).length;
    expect(inner('hua')).toBeGreaterThanOrEqual(INNER_WALK_FROM);
    expect(inner('wang')).toBeLessThan(INNER_WALK_FROM);
  });
});
