import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase, makeApp, setupOffice } from '../helpers/app';
import { personInput } from '../helpers/persons';
import type { Result } from '../../shared/errors';
import type { UnitFieldsInput } from '../../shared/schemas/units';
import { careOffice, addPerson, setDay, type CareOffice } from './care.helpers';

const TRANSPORT: UnitFieldsInput = {
  name: '山西省交通厅',
  level: 'provincial',
  retireeDepartment: '离退休干部处',
  contactPerson: '刘文华',
  contactPhone: '0351-4012345',
  partyContact: '郭志强',
  partyPhone: '0351-4012366',
};
const WATER: UnitFieldsInput = { name: '县水利局', level: 'county', retireeDepartment: '老干部股', contactPerson: '陈红梅', contactPhone: '0354-3021188' };

const LOW = { feeding: 5, bathing: 0, grooming: 0, dressing: 5, bowels: 10, bladder: 10, toilet: 5, transfer: 5, mobility: 5, stairs: 0 }; // 45
const HIGH = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 10, toilet: 10, transfer: 15, mobility: 10, stairs: 5 }; // 90

describe('original units (原工作单位)', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  const createUnit = (fields: UnitFieldsInput) => ok(call(o.t.app, o.staff, 'units.create', fields));
  const personRow = (id: string) =>
    o.t.app.db.prepare('SELECT unit_id, original_unit, unit_level FROM persons WHERE id = ?').get(id) as { unit_id: string | null; original_unit: string; unit_level: string };

  it('lists units in the order of their pinyin, as the registry lists persons, page by page', async () => {
    for (const name of ['中国人民银行', '修文镇', '东阳镇', '阿城区供销社', '长治市财政局']) await createUnit({ name, level: 'other' });
    const names = async (extra: object = {}) => (await ok(call(o.t.app, o.viewer, 'units.list', extra))).rows.map((u) => u.name);
    // a 阿, chang 长 (as in 长治, read as a place), dong 东, xiu 修, zhong 中.
    expect(await names()).toEqual(['阿城区供销社', '长治市财政局', '东阳镇', '修文镇', '中国人民银行']);
    expect(await names({ limit: 2, offset: 2 })).toEqual(['东阳镇', '修文镇']);
    expect((await ok(call(o.t.app, o.viewer, 'units.list', { limit: 2 }))).total).toBe(5);
    expect(await names({ search: '镇' })).toEqual(['东阳镇', '修文镇']);
  });

  it('has the units table and the persons.unit_id column (migration 0006)', () => {
    const cols = (table: string) => (o.t.app.db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
    expect(cols('units')).toEqual(
      expect.arrayContaining(['id', 'version', 'deleted_at', 'origin_office', 'name', 'level', 'retiree_department', 'contact_person', 'contact_phone', 'party_contact', 'party_phone']),
    );
    expect(cols('persons')).toContain('unit_id');
    const insert = (level: string) =>
      o.t.app.db
        .prepare("INSERT INTO units (id, created_at, updated_at, updated_by, origin_office, name, level) VALUES (?, 'now', 'now', 'test', 'office', ?, ?)")
        .run(`id-${level}`, `单位-${level}`, level);
    expect(() => insert('nowhere')).toThrow(/CHECK/);
    insert('county');
    expect(() => o.t.app.db.prepare("INSERT INTO units (id, created_at, updated_at, updated_by, origin_office, name) VALUES ('other', 'now', 'now', 'test', 'office', '单位-county')").run()).toThrow(/UNIQUE/);
  });

  it('creates, lists, searches, reads, updates and tombstones a unit, with audit entries', async () => {
    const { id } = await createUnit(TRANSPORT);
    const water = await createUnit(WATER);
    const list = await ok(call(o.t.app, o.viewer, 'units.list', {}));
    expect(list.total).toBe(2);
    expect(list.rows.find((u) => u.id === id)).toMatchObject({ name: '山西省交通厅', level: 'provincial', retireeDepartment: '离退休干部处', personCount: 0, activeCount: 0 });
    expect((await ok(call(o.t.app, o.viewer, 'units.list', { search: '交通' }))).rows.map((u) => u.id)).toEqual([id]);
    expect((await ok(call(o.t.app, o.viewer, 'units.list', { search: '陈红梅' }))).rows.map((u) => u.id)).toEqual([water.id]);
    expect((await ok(call(o.t.app, o.viewer, 'units.list', { level: 'county' }))).rows.map((u) => u.id)).toEqual([water.id]);
    expect((await ok(call(o.t.app, o.viewer, 'units.list', { search: '%' }))).total).toBe(0);
    expect((await ok(call(o.t.app, o.viewer, 'units.list', { limit: 1, offset: 1 }))).rows).toHaveLength(1);

    const updated = await ok(call(o.t.app, o.staff, 'units.update', { id, fields: { ...TRANSPORT, contactPhone: '0351-4019999' } }));
    expect(updated).toEqual({ changed: true, personsUpdated: 0 });
    expect((await ok(call(o.t.app, o.viewer, 'units.get', { id }))).unit.contactPhone).toBe('0351-4019999');

    await ok(call(o.t.app, o.staff, 'units.delete', { id: water.id }));
    expect((await ok(call(o.t.app, o.viewer, 'units.list', {}))).rows.map((u) => u.id)).toEqual([id]);
    expect(await errorCode(call(o.t.app, o.viewer, 'units.get', { id: water.id }))).toBe('NOT_FOUND');
    const row = o.t.app.db.prepare('SELECT deleted_at FROM units WHERE id = ?').get(water.id) as { deleted_at: string | null };
    expect(row.deleted_at).not.toBeNull();
    const audit = o.t.app.db.prepare("SELECT action FROM audit_log WHERE entity = 'unit' ORDER BY id").all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'update', 'delete']);
    // The name of a deleted unit is free again.
    await createUnit(WATER);
  });

  it('refuses a taken name (also typed with spaces or full-width forms) and bad input, writing nothing', async () => {
    const { id } = await createUnit(TRANSPORT);
    const other = await createUnit(WATER);
    const before = dumpDatabase(o.t.app);
    const taken = (await call(o.t.app, o.staff, 'units.create', { ...WATER, name: '山西省 交通厅' })) as Result<unknown>;
    expect(taken).toMatchObject({ ok: false, error: { code: 'UNIT_NAME_TAKEN', details: { name: '山西省交通厅' } } });
    expect(await errorCode(call(o.t.app, o.staff, 'units.update', { id: other.id, fields: { ...WATER, name: '山西省交通厅' } }))).toBe('UNIT_NAME_TAKEN');
    const empty = (await call(o.t.app, o.staff, 'units.create', { name: ' ' })) as Result<unknown>;
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'name', message: 'units.nameRequired' }] } } });
    expect(JSON.stringify(await call(o.t.app, o.staff, 'units.create', { ...WATER, name: '县审计局', contactPhone: '电话' }))).toContain('units.phoneFormat');
    expect(await errorCode(call(o.t.app, o.staff, 'units.create', { ...WATER, name: '县审计局', level: 'village' as never }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.staff, 'units.create', { ...WATER, name: '县审计局', extra: 1 } as never))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.staff, 'units.update', { id: '0190a1b2-0000-7000-8000-000000000000', fields: WATER }))).toBe('NOT_FOUND');
    expect(dumpDatabase(o.t.app)).toEqual(before);
    // Keeping one's own name is no conflict.
    expect((await ok(call(o.t.app, o.staff, 'units.update', { id, fields: TRANSPORT }))).changed).toBe(false);
  });

  it('lets viewers read and nobody but staff and admins write; grid workers see nothing', async () => {
    const { id } = await createUnit(TRANSPORT);
    const before = dumpDatabase(o.t.app);
    expect(await errorCode(call(o.t.app, o.viewer, 'units.create', WATER))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.viewer, 'units.update', { id, fields: WATER }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.viewer, 'units.delete', { id }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.viewer, 'units.confirmMatches', { texts: ['x'], unitId: id }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'units.list', {}))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'units.get', { id }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'units.feedback', { unitId: id, from: '2026-07-01', to: '2026-09-30' }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'units.matchSuggestions', {}))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(before);
    await ok(call(o.t.app, o.viewer, 'units.feedback', { unitId: id, from: '2026-07-01', to: '2026-09-30' }));
    await ok(call(o.t.app, o.admin, 'units.update', { id, fields: { ...TRANSPORT, notes: '每季度反馈一次' } }));
  });

  describe('linking persons', () => {
    it('a linked person carries the unit name and level; renaming the unit rewrites them, in their history', async () => {
      const { id: unitId } = await createUnit(TRANSPORT);
      const p = await addPerson(o, { name: '王建国', originalUnit: '交通厅', unitLevel: 'other', unitId });
      expect(personRow(p)).toEqual({ unit_id: unitId, original_unit: '山西省交通厅', unit_level: 'provincial' });
      const detail = await ok(call(o.t.app, o.staff, 'persons.get', { id: p }));
      expect(detail.person).toMatchObject({ unitId, originalUnit: '山西省交通厅', unitLevel: 'provincial' });
      const unit = await ok(call(o.t.app, o.viewer, 'units.get', { id: unitId }));
      expect(unit.unit).toMatchObject({ personCount: 1, activeCount: 1 });
      expect(unit.persons).toEqual([expect.objectContaining({ id: p, name: '王建国', status: 'active', age: 81 })]);

      const renamed = await ok(call(o.t.app, o.staff, 'units.update', { id: unitId, fields: { ...TRANSPORT, name: '山西省交通运输厅', level: 'central' } }));
      expect(renamed).toEqual({ changed: true, personsUpdated: 1 });
      expect(personRow(p)).toEqual({ unit_id: unitId, original_unit: '山西省交通运输厅', unit_level: 'central' });
      const history = await ok(call(o.t.app, o.staff, 'persons.history', { id: p }));
      expect(JSON.stringify(history)).toContain('山西省交通运输厅');
      // The list and search read the same columns.
      expect((await ok(call(o.t.app, o.staff, 'persons.list', { search: '交通运输' }))).rows.map((r) => r.id)).toEqual([p]);
      expect((await ok(call(o.t.app, o.staff, 'persons.list', { unitLevel: 'central' }))).rows.map((r) => r.id)).toEqual([p]);
    });

    it('unlinks on request, keeps the link when the typed text still names the unit, drops it when it names another', async () => {
      const { id: unitId } = await createUnit(WATER);
      const fields = personInput({ seq: 7, name: '李淑芬', gender: 'female', birthDate: '1948-02-10', originalUnit: '县水利局', unitId });
      const { id: p } = await ok(call(o.t.app, o.staff, 'persons.create', fields));
      // The roster import sends no unitId: the link stays while the text matches.
      const { unitId: _drop, ...roster } = fields;
      void _drop;
      await ok(call(o.t.app, o.staff, 'persons.update', { id: p, fields: { ...roster, originalUnit: '县 水利局', unitLevel: 'other' } }));
      expect(personRow(p)).toEqual({ unit_id: unitId, original_unit: '县水利局', unit_level: 'county' });
      await ok(call(o.t.app, o.staff, 'persons.update', { id: p, fields: { ...roster, originalUnit: '县林业局' } }));
      expect(personRow(p)).toMatchObject({ unit_id: null, original_unit: '县林业局' });
      await ok(call(o.t.app, o.staff, 'persons.update', { id: p, fields: { ...fields, unitId } }));
      expect(personRow(p).unit_id).toBe(unitId);
      await ok(call(o.t.app, o.staff, 'persons.update', { id: p, fields: { ...fields, originalUnit: '县水利局（原）', unitId: null } }));
      expect(personRow(p)).toMatchObject({ unit_id: null, original_unit: '县水利局（原）' });
    });

    it('a roster re-import keeps a confirmed near match, and drops the link for another registry unit or a clearly different one', async () => {
      const transport = await createUnit(TRANSPORT);
      const water = await createUnit(WATER);
      const people = [
        personInput({ seq: 61, name: '吴建华', originalUnit: '省交通厅', unitLevel: 'other' }),
        personInput({ seq: 62, name: '周秀兰', gender: 'female', birthDate: '1950-06-01', originalUnit: '省交通厅', unitLevel: 'other' }),
        personInput({ seq: 63, name: '冯志刚', birthDate: '1946-04-04', originalUnit: '省交通厅', unitLevel: 'other' }),
      ];
      const ids: string[] = [];
      for (const fields of people) ids.push((await ok(call(o.t.app, o.admin, 'persons.create', fields))).id);
      const [kept, moved, other] = ids as [string, string, string];
      // Staff confirm the near match 省交通厅 → 山西省交通厅.
      expect((await ok(call(o.t.app, o.staff, 'units.confirmMatches', { texts: ['省交通厅'], unitId: transport.id }))).linked).toBe(3);

      // The office's old spreadsheet still says 省交通厅 for the first; the others now name other units.
      const csv = ['姓名,公民身份号码,原工作单位', `吴建华,${people[0]?.idNumber},省交通厅`, `周秀兰,${people[1]?.idNumber},县水利局`, `冯志刚,${people[2]?.idNumber},市第一中学`].join('\n');
      const parsed = await ok(call(o.t.app, o.staff, 'roster.parse', { fileName: '花名册.csv', base64: Buffer.from(csv, 'utf8').toString('base64') }));
      const preview = await ok(call(o.t.app, o.staff, 'roster.preview', { sessionId: parsed.sessionId, mapping: parsed.mapping }));
      // The preview announces no change for the near text: the import will not make one.
      expect(preview.unchanged).toBe(1);
      expect(preview.updates.map((u) => u.personId).sort()).toEqual([moved, other].sort());
      const committed = await ok(call(o.t.app, o.staff, 'roster.commit', { sessionId: parsed.sessionId, mapping: parsed.mapping, skipInvalid: false }));
      expect(committed).toMatchObject({ created: 0, updated: 2, unchanged: 1 });

      expect(personRow(kept)).toEqual({ unit_id: transport.id, original_unit: '山西省交通厅', unit_level: 'provincial' });
      // Naming another unit of the registry exactly, or a clearly different unit, drops the link (nothing is linked silently).
      expect(personRow(moved)).toMatchObject({ unit_id: null, original_unit: '县水利局' });
      expect(personRow(other)).toMatchObject({ unit_id: null, original_unit: '市第一中学' });
      expect((await ok(call(o.t.app, o.viewer, 'units.get', { id: water.id }))).persons).toEqual([]);
      expect((await ok(call(o.t.app, o.viewer, 'units.get', { id: transport.id }))).persons.map((p) => p.id)).toEqual([kept]);
    });

    it('refuses an unknown unit, and deleting a unit that persons are linked to, writing nothing', async () => {
      const { id: unitId } = await createUnit(WATER);
      const p = await addPerson(o, { name: '赵德明', unitId });
      const before = dumpDatabase(o.t.app);
      const unknown = (await call(o.t.app, o.staff, 'persons.create', personInput({ seq: 50, name: '孙立新', unitId: '0190a1b2-0000-7000-8000-000000000000' }))) as Result<unknown>;
      expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'unitId', message: 'units.unitGone' }] } } });
      const inUse = (await call(o.t.app, o.staff, 'units.delete', { id: unitId })) as Result<unknown>;
      expect(inUse).toMatchObject({ ok: false, error: { code: 'UNIT_IN_USE', details: { count: 1 } } });
      expect(dumpDatabase(o.t.app)).toEqual(before);
      await ok(call(o.t.app, o.staff, 'persons.delete', { id: p }));
      await ok(call(o.t.app, o.staff, 'units.delete', { id: unitId }));
    });
  });

  describe('matching the typed units', () => {
    async function typedPersons() {
      const a = await addPerson(o, { name: '张国庆', originalUnit: '山西省交通厅', unitLevel: 'provincial' });
      const b = await addPerson(o, { name: '周秀兰', gender: 'female', birthDate: '1950-06-01', originalUnit: '山西省 交通厅', unitLevel: 'provincial' });
      const c = await addPerson(o, { name: '吴建华', originalUnit: '省交通厅', unitLevel: 'other' });
      const d = await addPerson(o, { name: '郑玉梅', gender: 'female', birthDate: '1949-09-09', originalUnit: '县水力局', unitLevel: 'county' });
      const e = await addPerson(o, { name: '冯志刚', originalUnit: '县粮食局', unitLevel: 'county' });
      const f = await addPerson(o, { name: '何丽', gender: 'female', birthDate: '1952-01-01', originalUnit: '', unitLevel: 'other' });
      return { a, b, c, d, e, f };
    }

    it('groups the texts, offers exact and near matches best first, and links nothing by itself', async () => {
      const transport = await createUnit(TRANSPORT);
      const water = await createUnit(WATER);
      const { f } = await typedPersons();
      const before = dumpDatabase(o.t.app);
      const answer = await ok(call(o.t.app, o.staff, 'units.matchSuggestions', {}));
      expect(dumpDatabase(o.t.app)).toEqual(before);
      expect(answer.unlinkedPersons).toBe(5);
      expect(answer.total).toBe(4);
      const group = (text: string) => answer.groups.find((g) => g.texts.includes(text));
      // Full-width forms and spaces do not split a group; the largest group comes first.
      expect(answer.groups[0]).toMatchObject({ texts: expect.arrayContaining(['山西省交通厅', '山西省 交通厅']), personCount: 2, level: 'provincial' });
      expect(answer.groups[0]?.samplePersons.sort()).toEqual(['周秀兰', '张国庆'].sort());
      expect(group('山西省交通厅')?.suggestions[0]).toMatchObject({ unitId: transport.id, kind: 'exact', score: 1 });
      expect(group('省交通厅')?.suggestions[0]).toMatchObject({ unitId: transport.id, kind: 'contains' });
      expect(group('县水力局')?.suggestions[0]).toMatchObject({ unitId: water.id, kind: 'similar' });
      expect(group('县水力局')?.suggestions.some((s) => s.unitId === transport.id)).toBe(false);
      expect(group('县粮食局')?.suggestions).toEqual([]);
      expect(answer.groups.some((g) => g.texts.includes(''))).toBe(false);
      expect(personRow(f).unit_id).toBeNull();
      const linked = o.t.app.db.prepare('SELECT count(*) AS n FROM persons WHERE unit_id IS NOT NULL').get() as { n: number };
      expect(linked.n).toBe(0);
    });

    it('confirming a group links exactly its persons; a new unit can be made from the text', async () => {
      const transport = await createUnit(TRANSPORT);
      const { a, b, c, d, e } = await typedPersons();
      const result = await ok(call(o.t.app, o.staff, 'units.confirmMatches', { texts: ['省交通厅'], unitId: transport.id }));
      expect(result).toEqual({ unitId: transport.id, linked: 1 });
      expect(personRow(c)).toEqual({ unit_id: transport.id, original_unit: '山西省交通厅', unit_level: 'provincial' });
      for (const p of [a, b, d, e]) expect(personRow(p).unit_id).toBeNull();
      expect(JSON.stringify(await ok(call(o.t.app, o.staff, 'persons.history', { id: c })))).toContain('unit_id');

      const both = await ok(call(o.t.app, o.staff, 'units.confirmMatches', { texts: ['山西省交通厅', '山西省 交通厅'], unitId: transport.id }));
      expect(both.linked).toBe(2);
      expect([personRow(a).unit_id, personRow(b).unit_id]).toEqual([transport.id, transport.id]);

      const made = await ok(call(o.t.app, o.staff, 'units.confirmMatches', { texts: ['县粮食局'], newUnit: { name: '县粮食局', level: 'county' } }));
      expect(made.linked).toBe(1);
      expect(personRow(e)).toEqual({ unit_id: made.unitId, original_unit: '县粮食局', unit_level: 'county' });
      expect((await ok(call(o.t.app, o.staff, 'units.get', { id: made.unitId }))).persons.map((p) => p.id)).toEqual([e]);
      expect(personRow(d).unit_id).toBeNull();
      const left = await ok(call(o.t.app, o.staff, 'units.matchSuggestions', {}));
      expect(left.groups.map((g) => g.texts)).toEqual([['县水力局']]);
    });

    it('at the bureau, matches only the persons it registered, against its own units', async () => {
      const t = makeApp();
      try {
        const admin = await setupOffice(t, 'bureau');
        const own = (await ok(call(t.app, admin, 'persons.create', personInput({ seq: 71, name: '韩立军', originalUnit: '省交通厅', unitLevel: 'other' })))).id;
        const received = (await ok(call(t.app, admin, 'persons.create', personInput({ seq: 72, name: '曹桂英', gender: 'female', birthDate: '1951-03-03', originalUnit: '省交通厅', unitLevel: 'other' }))))
          .id;
        const ours = (await ok(call(t.app, admin, 'units.create', TRANSPORT))).id;
        const theirs = (await ok(call(t.app, admin, 'units.create', { ...TRANSPORT, name: '山西省交通厅离退休干部处' }))).id;
        // As if received in a community office's packet: that office's person and unit.
        t.app.db.prepare("UPDATE persons SET origin_office = 'community-office' WHERE id = ?").run(received);
        t.app.db.prepare("UPDATE units SET origin_office = 'community-office' WHERE id = ?").run(theirs);

        const answer = await ok(call(t.app, admin, 'units.matchSuggestions', {}));
        expect(answer).toMatchObject({ total: 1, unlinkedPersons: 1 });
        expect(answer.groups[0]).toMatchObject({ texts: ['省交通厅'], personCount: 1, samplePersons: ['韩立军'] });
        expect(answer.groups[0]?.suggestions.map((x) => x.unitId)).toEqual([ours]);

        const before = dumpDatabase(t.app);
        const refused = (await call(t.app, admin, 'units.confirmMatches', { texts: ['省交通厅'], unitId: theirs })) as Result<unknown>;
        expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'unitId', message: 'units.otherOfficeUnit' }] } } });
        expect(dumpDatabase(t.app)).toEqual(before);

        expect(await ok(call(t.app, admin, 'units.confirmMatches', { texts: ['省交通厅'], unitId: ours }))).toEqual({ unitId: ours, linked: 1 });
        const unitOf = (id: string) => (t.app.db.prepare('SELECT unit_id FROM persons WHERE id = ?').get(id) as { unit_id: string | null }).unit_id;
        expect(unitOf(own)).toBe(ours);
        expect(unitOf(received)).toBeNull();
      } finally {
        t.close();
      }
    });

    it('refuses a group already confirmed, a taken new name, or no choice, writing nothing', async () => {
      const transport = await createUnit(TRANSPORT);
      await typedPersons();
      await ok(call(o.t.app, o.staff, 'units.confirmMatches', { texts: ['省交通厅'], unitId: transport.id }));
      const before = dumpDatabase(o.t.app);
      const gone = (await call(o.t.app, o.staff, 'units.confirmMatches', { texts: ['省交通厅'], unitId: transport.id })) as Result<unknown>;
      expect(gone).toMatchObject({ ok: false, error: { code: 'UNIT_MATCH_GONE', details: { text: '省交通厅' } } });
      expect(await errorCode(call(o.t.app, o.staff, 'units.confirmMatches', { texts: ['县水力局'], newUnit: { name: '山西省交通厅 ' } }))).toBe('UNIT_NAME_TAKEN');
      const none = (await call(o.t.app, o.staff, 'units.confirmMatches', { texts: ['县水力局'] })) as Result<unknown>;
      expect(JSON.stringify(none)).toContain('units.chooseUnit');
      expect(await errorCode(call(o.t.app, o.staff, 'units.confirmMatches', { texts: ['县水力局'], unitId: '0190a1b2-0000-7000-8000-000000000000' }))).toBe('INVALID_INPUT');
      expect(await errorCode(call(o.t.app, o.staff, 'units.confirmMatches', { texts: [], unitId: transport.id }))).toBe('INVALID_INPUT');
      expect(dumpDatabase(o.t.app)).toEqual(before);
    });
  });

  describe('feedback to a unit', () => {
    const RANGE = { from: '2026-07-01', to: '2026-09-30' };

    /** The third quarter of 2026 for three retirees of the transport department, with what happened around it. */
    async function quarter() {
      const { id: unitId } = await createUnit(TRANSPORT);
      setDay(o, '2026-05-01');
      const a = await addPerson(o, { name: '张国庆', unitId, address: '幸福里小区3号楼' });
      const b = await addPerson(o, { name: '周秀兰', gender: 'female', birthDate: '1940-06-01', unitId });
      const gone = await addPerson(o, { name: '吴建华', unitId });
      const other = await addPerson(o, { name: '郑玉梅', gender: 'female', birthDate: '1949-09-09', originalUnit: '县水利局' });
      await ok(call(o.t.app, o.staff, 'persons.changeStatus', { id: gone, status: 'moved_out', date: '2026-05-10', destination: '太原市' }));
      setDay(o, '2026-11-27');
      await ok(call(o.t.app, o.staff, 'health.addAssessment', { personId: a, assessedOn: '2026-06-15', items: HIGH }));
      await ok(call(o.t.app, o.staff, 'health.addAssessment', { personId: a, assessedOn: '2026-09-01', items: LOW }));
      await ok(call(o.t.app, o.staff, 'health.addEvent', { personId: a, fields: { kind: 'hospitalisation', date: '2026-08-02', endDate: '2026-08-20', institution: '山西省人民医院', summary: '肺部感染' } }));
      await ok(call(o.t.app, o.staff, 'health.addEvent', { personId: a, fields: { kind: 'checkup', date: '2026-07-12', institution: '社区卫生服务中心', summary: '血压偏高' } }));
      await ok(call(o.t.app, o.staff, 'health.addEvent', { personId: a, fields: { kind: 'checkup', date: '2026-10-12', institution: '社区卫生服务中心' } }));
      for (const day of ['2026-06-20', '2026-07-05', '2026-08-25']) {
        await ok(call(o.t.app, o.staff, 'visits.record', { personId: a, fields: { visitDate: day, method: 'home', visitors: '小李', summary: '身体尚可' } }));
      }
      await ok(call(o.t.app, o.staff, 'visits.record', { personId: b, fields: { visitDate: '2026-10-08', method: 'phone', summary: '电话问候' } }));
      const need = await ok(call(o.t.app, o.staff, 'requests.create', { personId: a, category: 'home_care', description: '需要助餐服务', raisedOn: '2026-07-05' }));
      await ok(call(o.t.app, o.staff, 'requests.setStatus', { id: need.id, status: 'resolved', resolution: '已接入社区老年餐桌', resolvedOn: '2026-07-20' }));
      await ok(call(o.t.app, o.staff, 'requests.create', { personId: a, category: 'medical', description: '希望安排上门体检', raisedOn: '2026-09-10' }));
      await ok(call(o.t.app, o.staff, 'requests.create', { personId: b, category: 'other', description: '十月提出的需求', raisedOn: '2026-10-03' }));
      await ok(call(o.t.app, o.staff, 'persons.changeStatus', { id: b, status: 'deceased', date: '2026-09-15' }));
      return { unitId, a, b, gone, other };
    }

    it('lists each retiree active or changed in the range with status, health, visits, needs and party life', async () => {
      const { unitId, a, b } = await quarter();
      const { id: branchId } = await ok(call(o.t.app, o.staff, 'party.branches.create', { name: '幸福里社区离退休干部党支部', kind: 'branch' }));
      await ok(
        call(o.t.app, o.staff, 'party.members.add', {
          personId: a,
          branchId,
          fromDate: '2026-06-01',
          relationHeld: 'original_unit',
          managementMode: 'multi',
          unitPartyContact: '郭志强',
        }),
      );
      await ok(
        call(o.t.app, o.staff, 'party.meetings.create', {
          branchId,
          kind: 'theme_day',
          date: '2026-07-01',
          topic: '庆祝建党105周年主题党日',
          attendance: [{ personId: a, present: true }],
        }),
      );
      const before = dumpDatabase(o.t.app);
      const f = await ok(call(o.t.app, o.viewer, 'units.feedback', { unitId, ...RANGE }));
      expect(dumpDatabase(o.t.app)).toEqual(before);
      expect(f).toMatchObject({ officeName: '幸福里社区', from: '2026-07-01', to: '2026-09-30', generatedOn: '2026-11-27', unit: { name: '山西省交通厅', partyContact: '郭志强' } });
      expect(f.rows.map((r) => r.personId)).toEqual([a, b]);
      const [ra, rb] = f.rows;
      expect(ra).toMatchObject({
        status: 'active',
        statusChanges: [],
        adlTotal: 45,
        adlDate: '2026-09-01',
        adlChange: -45,
        checkups: [{ date: '2026-07-12', institution: '社区卫生服务中心', summary: '血压偏高' }],
        hospitalisations: [{ date: '2026-08-02', endDate: '2026-08-20', institution: '山西省人民医院', summary: '肺部感染' }],
        visits: 2,
        lastVisitDate: '2026-08-25',
        needsRaised: [
          { category: 'home_care', description: '需要助餐服务', status: 'resolved' },
          { category: 'medical', description: '希望安排上门体检', status: 'open' },
        ],
        needsResolved: 1,
        party: { branchName: '幸福里社区离退休干部党支部', relationHeld: 'original_unit', unitPartyContact: '郭志强', meetingsHeld: 1, meetingsAttended: 1 },
      });
      expect(rb).toMatchObject({ status: 'deceased', statusChanges: [{ status: 'deceased', date: '2026-09-15' }], visits: 0, lastVisitDate: null, needsRaised: [], party: null, age: 86 });
      expect(f.totals).toEqual({ persons: 2, visits: 2, hospitalisations: 1, needsRaised: 2, needsResolved: 1, partyAtUnit: 1 });
      const file = await ok(call(o.t.app, o.viewer, 'units.feedbackXlsx', { unitId, ...RANGE }));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      expect(String(workbook.getWorksheet('情况反馈')?.getRow(5).getCell(12).value)).toBe(
        '幸福里社区离退休干部党支部；组织关系在原单位（原单位联系人：郭志强）；参加组织生活1/1次；党费已交0个月，欠4个月',
      );
    });

    it('counts a stay in hospital begun before the range and not yet over, and no dues for months still to come', async () => {
      const { id: unitId } = await createUnit(TRANSPORT);
      setDay(o, '2026-03-01');
      const a = await addPerson(o, { name: '张国庆', unitId });
      const b = await addPerson(o, { name: '周秀兰', gender: 'female', birthDate: '1940-06-01', unitId });
      setDay(o, '2026-11-27');
      await ok(call(o.t.app, o.staff, 'health.addEvent', { personId: a, fields: { kind: 'hospitalisation', date: '2026-06-10', institution: '山西省人民医院', summary: '脑梗死，仍在住院' } }));
      // A stay that ended before the range, and a checkup before it: neither is this quarter's.
      await ok(call(o.t.app, o.staff, 'health.addEvent', { personId: b, fields: { kind: 'hospitalisation', date: '2026-05-01', endDate: '2026-05-20', institution: '县人民医院' } }));
      await ok(call(o.t.app, o.staff, 'health.addEvent', { personId: b, fields: { kind: 'checkup', date: '2026-06-01', institution: '社区卫生服务中心' } }));
      const { id: branchId } = await ok(call(o.t.app, o.staff, 'party.branches.create', { name: '幸福里社区离退休干部党支部', kind: 'branch' }));
      await ok(call(o.t.app, o.staff, 'party.members.add', { personId: b, branchId, fromDate: '2026-01-01', relationHeld: 'community', managementMode: 'single' }));

      const f = await ok(call(o.t.app, o.viewer, 'units.feedback', { unitId, ...RANGE }));
      const ra = f.rows.find((r) => r.personId === a);
      const rb = f.rows.find((r) => r.personId === b);
      expect(ra?.hospitalisations).toEqual([{ date: '2026-06-10', endDate: null, institution: '山西省人民医院', summary: '脑梗死，仍在住院' }]);
      expect(rb).toMatchObject({ hospitalisations: [], checkups: [] });
      expect(f.totals.hospitalisations).toBe(1);

      // The fourth quarter, asked for on 27 November: December is not owed yet.
      const now = await ok(call(o.t.app, o.viewer, 'units.feedback', { unitId, from: '2026-10-01', to: '2026-12-31' }));
      const whole = await ok(call(o.t.app, o.viewer, 'units.feedback', { unitId, from: '2026-10-01', to: '2026-11-27' }));
      const dues = (r: typeof now) => r.rows.find((x) => x.personId === b)?.party;
      expect(dues(now)).toEqual(dues(whole));
      // Member since January, nothing paid: January to November are behind, December not yet.
      expect(dues(now)?.duesMonthsBehind).toBe(11);
    });

    it('shows the status a person had at the end of the range, not a later one', async () => {
      const { unitId, b } = await quarter();
      const early = await ok(call(o.t.app, o.staff, 'units.feedback', { unitId, from: '2026-04-01', to: '2026-06-30' }));
      const rb = early.rows.find((r) => r.personId === b);
      expect(rb).toMatchObject({ status: 'active', statusChanges: [] });
      // The person who moved out in May is in the second quarter's feedback, with the move.
      expect(early.rows.map((r) => r.name)).toContain('吴建华');
      expect(early.rows.find((r) => r.name === '吴建华')).toMatchObject({ status: 'moved_out', statusChanges: [{ status: 'moved_out', date: '2026-05-10', destination: '太原市' }] });
    });

    it('refuses a reversed or too long range and an unknown unit', async () => {
      const { unitId } = await quarter();
      const reversed = (await call(o.t.app, o.staff, 'units.feedback', { unitId, from: '2026-09-30', to: '2026-07-01' })) as Result<unknown>;
      expect(reversed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'to', message: 'date.endBeforeStart' }] } } });
      expect(JSON.stringify(await call(o.t.app, o.staff, 'units.feedback', { unitId, from: '2020-01-01', to: '2026-01-01' }))).toContain('units.rangeTooLong');
      expect(await errorCode(call(o.t.app, o.staff, 'units.feedback', { unitId: '0190a1b2-0000-7000-8000-000000000000', ...RANGE }))).toBe('NOT_FOUND');
    });

    it('writes text that would run as a formula (a branch named "=…") with a leading quote', async () => {
      const { id: unitId } = await createUnit(TRANSPORT);
      setDay(o, '2026-03-01');
      const person = await addPerson(o, { name: '张国庆', unitId });
      setDay(o, '2026-11-27');
      const { id: branchId } = await ok(call(o.t.app, o.staff, 'party.branches.create', { name: '=HYPERLINK("http://evil.example","点我")', kind: 'branch' }));
      await ok(call(o.t.app, o.staff, 'party.members.add', { personId: person, branchId, fromDate: '2026-01-01', relationHeld: 'community', managementMode: 'single' }));
      const file = await ok(call(o.t.app, o.viewer, 'units.feedbackXlsx', { unitId, ...RANGE }));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('情况反馈');
      if (!sheet) throw new Error('no sheet');
      expect(sheet.getRow(5).getCell(1).value).toBe('张国庆');
      expect(String(sheet.getRow(5).getCell(12).value)).toMatch(/^'=HYPERLINK\("http:\/\/evil\.example","点我"\)；/);
      // Numbers stay numbers.
      expect(sheet.getRow(5).getCell(8).value).toBe(0);
      expect(typeof sheet.getRow(5).getCell(3).value).toBe('number');
    });

    it('writes an .xlsx that opens, with the title, the range, Chinese headers, a frozen header and one row per person', async () => {
      const { unitId } = await quarter();
      const file = await ok(call(o.t.app, o.viewer, 'units.feedbackXlsx', { unitId, ...RANGE }));
      expect(file.fileName).toBe('情况反馈-山西省交通厅-20260701-20260930.xlsx');
      expect(file.count).toBe(2);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('情况反馈');
      if (!sheet) throw new Error('no sheet');
      expect(sheet.getCell('A1').value).toBe('离退休干部在社区情况反馈表');
      expect(String(sheet.getCell('A2').value)).toContain('山西省交通厅（省直）');
      expect(String(sheet.getCell('A3').value)).toContain('2026-07-01 至 2026-09-30');
      expect(sheet.getRow(4).getCell(1).value).toBe('姓名');
      expect(sheet.getRow(4).getCell(7).value).toBe('住院');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
      expect(sheet.getRow(5).getCell(1).value).toBe('张国庆');
      expect(String(sheet.getRow(5).getCell(5).value)).toBe('45分（2026-09-01），降45分');
      expect(String(sheet.getRow(5).getCell(7).value)).toContain('山西省人民医院');
      expect(sheet.getRow(5).getCell(8).value).toBe(2);
      expect(sheet.getRow(6).getCell(1).value).toBe('周秀兰');
      expect(String(sheet.getRow(6).getCell(4).value)).toBe('去世；9月15日去世');
      expect(String(sheet.getRow(8).getCell(1).value)).toContain('合计：2人');
      expect(sheet.getColumn(1).width).toBeGreaterThan(5);
    });
  });
});
