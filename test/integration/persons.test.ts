import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, setupOffice, sessionAs, call, ok, errorCode, dumpDatabase, type TestApp } from '../helpers/app';
import { makeIdNumber, personInput } from '../helpers/persons';
import type { Session } from '../../main/auth/session';
import type { Result } from '../../shared/errors';

describe('persons: register, status, health, family', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
  });
  afterEach(() => t.close());

  const create = (overrides: Parameters<typeof personInput>[0] = {}) => ok(call(t.app, admin, 'persons.create', personInput(overrides)));

  it('creates a person and reads the whole record back', async () => {
    const { id } = await create();
    const detail = await ok(call(t.app, admin, 'persons.get', { id }));
    expect(detail.person).toMatchObject({ name: '张三', namePinyin: 'zhangsan', gender: 'male', status: 'active', age: 81 });
    expect(detail.health.chronicConditions).toEqual([]);
    expect(detail.warnings).toEqual([]);
  });

  it('normalises the ID number: lower-case x, full width, 15 digits', async () => {
    const id18 = makeIdNumber('1949-12-31', 'female', 1);
    const typed = id18.replace('X', 'x').replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const { id } = await create({ idNumber: typed, birthDate: '1949-12-31', gender: 'female', name: '李秀英' });
    const { person } = await ok(call(t.app, admin, 'persons.get', { id }));
    expect(person.idNumber).toBe(id18);
    const legacy = await create({ idNumber: '110105491231002', birthDate: '1949-12-31', gender: 'female', name: '王芳' });
    expect((await ok(call(t.app, admin, 'persons.get', { id: legacy.id }))).person.idNumber).toBe('11010519491231002X');
  });

  it('refuses an invalid ID, or one that disagrees with the birth date or gender, and writes nothing', async () => {
    const before = dumpDatabase(t.app);
    const bad = (await call(t.app, admin, 'persons.create', personInput({ idNumber: '110105194912310021' }))) as Result<unknown>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'idNumber', message: 'idNumber.checksum' }] } } });
    const mismatch = (await call(t.app, admin, 'persons.create', personInput({ birthDate: '1945-03-15', idNumber: makeIdNumber('1946-03-15', 'male') }))) as Result<unknown>;
    expect(JSON.stringify(mismatch)).toContain('idNumber.birthMismatch');
    const gender = (await call(t.app, admin, 'persons.create', { ...personInput(), gender: 'female' })) as Result<unknown>;
    expect(JSON.stringify(gender)).toContain('idNumber.genderMismatch');
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('keeps 单位性质: set, changed, cleared back to 未登记; a kind not on the form is refused and nothing changes', async () => {
    const { id } = await create({ unitKind: 'government' });
    const kind = async () => (await ok(call(t.app, admin, 'persons.get', { id }))).person.unitKind;
    expect(await kind()).toBe('government');
    await ok(call(t.app, admin, 'persons.update', { id, fields: personInput({ unitKind: 'institution' }) }));
    expect(await kind()).toBe('institution');
    // Left out (a caller that does not know the field), it stays; null clears it.
    await ok(call(t.app, admin, 'persons.update', { id, fields: personInput({ address: '新华街1号' }) }));
    expect(await kind()).toBe('institution');
    await ok(call(t.app, admin, 'persons.update', { id, fields: personInput({ unitKind: null }) }));
    expect(await kind()).toBeNull();
    const history = await ok(call(t.app, admin, 'persons.history', { id }));
    expect(JSON.stringify(history)).toContain('unit_kind');

    const before = dumpDatabase(t.app);
    const bad = (await call(t.app, admin, 'persons.update', { id, fields: { ...personInput(), unitKind: 'army' } } as never)) as Result<unknown>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'fields.unitKind' }] } } });
    expect(dumpDatabase(t.app)).toEqual(before);
    // The database itself refuses a code the form does not know.
    expect(() => t.app.db.prepare("UPDATE persons SET unit_kind = 'army' WHERE id = ?").run(id)).toThrow(/CHECK/);
  });

  it('refuses a second person with the same ID number and points at the first', async () => {
    const { id } = await create();
    const before = dumpDatabase(t.app);
    const dup = (await call(t.app, admin, 'persons.create', personInput({ name: '张三丰' }))) as Result<unknown>;
    expect(dup).toMatchObject({ ok: false, error: { code: 'DUPLICATE_ID_NUMBER', details: { existingId: id, existingName: '张三' } } });
    expect(dumpDatabase(t.app)).toEqual(before);
    const check = await ok(call(t.app, admin, 'persons.checkIdNumber', { idNumber: personInput().idNumber as string }));
    expect(check.existing).toEqual({ id, name: '张三' });
    expect((await ok(call(t.app, admin, 'persons.checkIdNumber', { idNumber: personInput().idNumber as string, exceptId: id }))).existing).toBeNull();
  });

  it('keeps status changes as dated events; moved-out and deceased leave the active list', async () => {
    const a = await create({ name: '赵一', seq: 1 });
    const b = await create({ name: '钱二', seq: 2 });
    await ok(call(t.app, admin, 'persons.changeStatus', { id: a.id, status: 'moved_out', date: '2026-10-01', destination: '太原市小店区' }));
    await ok(call(t.app, admin, 'persons.changeStatus', { id: b.id, status: 'deceased', date: '2026-11-01' }));
    expect(await errorCode(call(t.app, admin, 'persons.changeStatus', { id: b.id, status: 'deceased', date: '2026-11-02' }))).toBe('STATUS_UNCHANGED');
    expect(await errorCode(call(t.app, admin, 'persons.changeStatus', { id: a.id, status: 'active', date: '1900-01-01' }))).toBe('INVALID_INPUT');
    expect((await ok(call(t.app, admin, 'persons.list', {}))).total).toBe(0);
    expect((await ok(call(t.app, admin, 'persons.list', { status: 'all' }))).total).toBe(2);
    const moved = await ok(call(t.app, admin, 'persons.get', { id: a.id }));
    expect(moved.statusEvents).toMatchObject([{ status: 'moved_out', date: '2026-10-01', destination: '太原市小店区' }]);
    // Moving out needs a destination.
    const c = await create({ name: '孙三', seq: 3 });
    expect(await errorCode(call(t.app, admin, 'persons.changeStatus', { id: c.id, status: 'moved_out', date: '2026-10-01' }))).toBe('INVALID_INPUT');
  });

  it('keeps every ADL assessment and shows the latest with its band', async () => {
    const { id } = await create();
    const full = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 10, toilet: 10, transfer: 15, mobility: 15, stairs: 10 };
    await ok(call(t.app, admin, 'health.addAssessment', { personId: id, assessedOn: '2025-05-01', items: full }));
    const second = await ok(call(t.app, admin, 'health.addAssessment', { personId: id, assessedOn: '2026-05-01', items: { ...full, stairs: 0, mobility: 5, bathing: 0, transfer: 5 } }));
    expect(second.total).toBe(65);
    const detail = await ok(call(t.app, admin, 'persons.get', { id }));
    expect(detail.assessments.map((a) => [a.assessedOn, a.total, a.band])).toEqual([
      ['2026-05-01', 65, 'mild'],
      ['2025-05-01', 100, 'intact'],
    ]);
    expect(detail.person.latestAdlTotal).toBe(65);
    expect((await ok(call(t.app, admin, 'persons.list', { adlBand: 'mild' }))).total).toBe(1);
    // An item score off the scale is refused.
    expect(await errorCode(call(t.app, admin, 'health.addAssessment', { personId: id, assessedOn: '2026-06-01', items: { ...full, stairs: 15 } }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(t.app, admin, 'health.addAssessment', { personId: id, assessedOn: '2026-06-01', items: { ...full, stairs: 7 } }))).toBe('INVALID_INPUT');
    await ok(call(t.app, admin, 'health.deleteAssessment', { id: second.id }));
    expect((await ok(call(t.app, admin, 'persons.get', { id }))).person.latestAdlTotal).toBe(100);
  });

  it('keeps the health profile, checkups and hospitalisations, and the change history', async () => {
    const { id } = await create();
    await ok(
      call(t.app, admin, 'health.saveProfile', {
        personId: id,
        fields: { bloodType: 'A', chronicConditions: ['高血压', '糖尿病', '高血压', '痛风'], medications: '硝苯地平', familyDoctor: '刘医生', familyDoctorClinic: '幸福里社区卫生服务站', familyDoctorDate: '2026年1月5日' },
      }),
    );
    await ok(call(t.app, admin, 'health.addEvent', { personId: id, fields: { kind: 'hospitalisation', date: '2026-09-01', endDate: '2026-09-10', institution: '县人民医院', summary: '肺炎' } }));
    expect(await errorCode(call(t.app, admin, 'health.addEvent', { personId: id, fields: { kind: 'checkup', date: '2026-09-10', endDate: '2026-09-01' } }))).toBe('INVALID_INPUT');
    const detail = await ok(call(t.app, admin, 'persons.get', { id }));
    expect(detail.health).toMatchObject({ bloodType: 'A', chronicConditions: ['高血压', '糖尿病', '痛风'], familyDoctorDate: '2026-01-05' });
    expect(detail.healthEvents).toMatchObject([{ kind: 'hospitalisation', institution: '县人民医院' }]);
    await ok(call(t.app, admin, 'persons.update', { id, fields: personInput({ phones: ['13900139000'] }) }));
    const history = await ok(call(t.app, admin, 'persons.history', { id }));
    expect(history.map((h) => `${h.entity}:${h.action}`)).toEqual(['person:update', 'health_event:create', 'health_profile:create', 'person:create']);
    expect(history[0]?.changes).toMatchObject({ phones: ['["13800138000"]', '["13900139000"]'] });
  });

  it('warns when a person living alone has no emergency contact', async () => {
    const { id } = await create({ livingSituation: 'alone' });
    expect((await ok(call(t.app, admin, 'persons.get', { id }))).warnings).toContain('aloneWithoutEmergencyContact');
    await ok(call(t.app, admin, 'family.add', { personId: id, fields: { name: '张小明', relation: '儿子', phones: ['13700137000'], livesNearby: true, isEmergency: true } }));
    const detail = await ok(call(t.app, admin, 'persons.get', { id }));
    expect(detail.warnings).not.toContain('aloneWithoutEmergencyContact');
    expect(detail.family).toMatchObject([{ name: '张小明', isEmergency: true, livesNearby: true }]);
  });

  it('deletes as a tombstone: gone from lists, the ID free again', async () => {
    const { id } = await create();
    await ok(call(t.app, admin, 'persons.delete', { id }));
    expect(await errorCode(call(t.app, admin, 'persons.get', { id }))).toBe('NOT_FOUND');
    expect((await ok(call(t.app, admin, 'persons.list', { status: 'all' }))).total).toBe(0);
    expect(t.app.db.prepare('SELECT deleted_at IS NOT NULL AS gone FROM persons WHERE id = ?').get(id)).toEqual({ gone: 1 });
    await create();
  });

  it('lets viewers and grid workers read, and only staff and admins write', async () => {
    const { id } = await create();
    for (const role of ['viewer', 'gridworker'] as const) {
      const s = await sessionAs(t, admin, role);
      // A grid worker reads the persons assigned to them.
      if (role === 'gridworker') await ok(call(t.app, admin, 'assignments.set', { personId: id, userId: s.userId! }));
      expect((await ok(call(t.app, s, 'persons.list', {}))).total).toBe(1);
      await ok(call(t.app, s, 'persons.get', { id }));
      expect(await errorCode(call(t.app, s, 'persons.update', { id, fields: personInput() }))).toBe('FORBIDDEN');
      expect(await errorCode(call(t.app, s, 'health.addEvent', { personId: id, fields: { kind: 'note', date: '2026-01-01' } }))).toBe('FORBIDDEN');
    }
    const staff = await sessionAs(t, admin, 'staff');
    await ok(call(t.app, staff, 'persons.update', { id, fields: personInput({ address: '幸福里小区5号楼' }) }));
  });

  it('filters by age band, grid, unit level, living situation and political status, sorted and paged in SQL', async () => {
    const people = [
      { name: '甲一', birthDate: '1960-01-01', grid: '第一网格', unitLevel: 'county', livingSituation: 'alone', politicalStatus: 'cpc' },
      { name: '乙二', birthDate: '1950-01-01', grid: '第一网格', unitLevel: 'provincial', livingSituation: 'with_children', politicalStatus: 'masses' },
      { name: '丙三', birthDate: '1940-01-01', grid: '第二网格', unitLevel: 'county', livingSituation: 'alone', politicalStatus: 'cpc' },
      { name: '丁四', birthDate: '1930-01-01', grid: '第二网格', unitLevel: 'enterprise', livingSituation: 'institution', politicalStatus: 'democratic' },
    ] as const;
    // The filter offers grids that exist: the office has made them.
    for (const name of ['第一网格', '第二网格']) await ok(call(t.app, admin, 'grids.create', { name }));
    for (const [i, p] of people.entries()) await create({ ...p, seq: i + 1 });
    const names = async (q: Record<string, unknown>) => (await ok(call(t.app, admin, 'persons.list', q as never))).rows.map((r) => r.name);
    expect(await names({ ageBand: 'under70' })).toEqual(['甲一']);
    expect(await names({ ageBand: '70to79' })).toEqual(['乙二']);
    expect(await names({ ageBand: '80to89' })).toEqual(['丙三']);
    expect(await names({ ageBand: '90plus' })).toEqual(['丁四']);
    expect(await names({ grid: '第一网格', sort: 'birthDate' })).toEqual(['乙二', '甲一']);
    expect(await names({ unitLevel: 'county', livingSituation: 'alone', sort: 'birthDate', direction: 'desc' })).toEqual(['甲一', '丙三']);
    expect(await names({ politicalStatus: 'democratic' })).toEqual(['丁四']);
    const page = await ok(call(t.app, admin, 'persons.list', { sort: 'birthDate', limit: 2, offset: 2 }));
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.name)).toEqual(['乙二', '甲一']);
    expect(await ok(call(t.app, admin, 'persons.grids', {}))).toEqual(['第一网格', '第二网格']);
  });
});

describe('persons: health archive and family contacts', () => {
  let t: TestApp;
  let admin: Session;
  let id: string;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
    ({ id } = await ok(call(t.app, admin, 'persons.create', personInput({ livingSituation: 'alone' }))));
  });
  afterEach(() => t.close());

  const detail = () => ok(call(t.app, admin, 'persons.get', { id }));
  const unknown = '018f0000-0000-7000-8000-000000000000';

  it('adds, changes and removes family contacts, the emergency contact first; the alone-without-contact warning follows', async () => {
    const daughter = await ok(call(t.app, admin, 'family.add', { personId: id, fields: { name: '张小红', relation: '女儿', phones: ['13700137001'] } }));
    const son = await ok(call(t.app, admin, 'family.add', { personId: id, fields: { name: '张小明', relation: '儿子', phones: ['13700137000'], isEmergency: true } }));
    let d = await detail();
    expect(d.family.map((f) => [f.name, f.isEmergency])).toEqual([
      ['张小明', true],
      ['张小红', false],
    ]);
    expect(d.warnings).not.toContain('aloneWithoutEmergencyContact');
    await ok(call(t.app, admin, 'family.update', { id: daughter.id, fields: { name: '张小红', relation: '女儿', phones: ['13700137001', '0351-1234567'], livesNearby: true } }));
    await ok(call(t.app, admin, 'family.delete', { id: son.id }));
    d = await detail();
    expect(d.family).toEqual([{ id: daughter.id, name: '张小红', relation: '女儿', phones: ['13700137001', '0351-1234567'], livesNearby: true, isEmergency: false, note: '' }]);
    expect(d.warnings).toContain('aloneWithoutEmergencyContact');
    // Each change is part of the person's history.
    const history = await ok(call(t.app, admin, 'persons.history', { id }));
    expect(history.filter((h) => h.entity === 'family_contact').map((h) => h.action)).toEqual(['delete', 'update', 'create', 'create']);
    // A removed contact, another's id or an unknown person is NOT_FOUND, and nothing is written.
    const before = dumpDatabase(t.app);
    expect(await errorCode(call(t.app, admin, 'family.update', { id: son.id, fields: { name: '张小明' } }))).toBe('NOT_FOUND');
    expect(await errorCode(call(t.app, admin, 'family.delete', { id: son.id }))).toBe('NOT_FOUND');
    expect(await errorCode(call(t.app, admin, 'family.add', { personId: unknown, fields: { name: '李四' } }))).toBe('NOT_FOUND');
    expect(await errorCode(call(t.app, admin, 'family.add', { personId: id, fields: { name: '' } }))).toBe('INVALID_INPUT');
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('changes and removes health events, newest first', async () => {
    const checkup = await ok(call(t.app, admin, 'health.addEvent', { personId: id, fields: { kind: 'checkup', date: '2026-03-01', institution: '社区卫生服务站', summary: '血压偏高' } }));
    const note = await ok(call(t.app, admin, 'health.addEvent', { personId: id, fields: { kind: 'note', date: '2026-06-01', summary: '行动不便' } }));
    expect((await detail()).healthEvents.map((e) => e.id)).toEqual([note.id, checkup.id]);
    await ok(call(t.app, admin, 'health.updateEvent', { id: checkup.id, fields: { kind: 'checkup', date: '2026-08-01', institution: '县人民医院', summary: '血压正常' } }));
    expect((await detail()).healthEvents).toMatchObject([
      { id: checkup.id, date: '2026-08-01', institution: '县人民医院', summary: '血压正常', endDate: null },
      { id: note.id, kind: 'note' },
    ]);
    await ok(call(t.app, admin, 'health.deleteEvent', { id: note.id }));
    expect((await detail()).healthEvents.map((e) => e.id)).toEqual([checkup.id]);
    const before = dumpDatabase(t.app);
    expect(await errorCode(call(t.app, admin, 'health.updateEvent', { id: note.id, fields: { kind: 'note', date: '2026-06-01' } }))).toBe('NOT_FOUND');
    expect(await errorCode(call(t.app, admin, 'health.deleteEvent', { id: note.id }))).toBe('NOT_FOUND');
    expect(await errorCode(call(t.app, admin, 'health.addEvent', { personId: unknown, fields: { kind: 'note', date: '2026-06-01' } }))).toBe('NOT_FOUND');
    expect(await errorCode(call(t.app, admin, 'health.deleteAssessment', { id: note.id }))).toBe('NOT_FOUND');
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('keeps one health profile per person, changed in place, and answers it as saved', async () => {
    const first = await ok(call(t.app, admin, 'health.saveProfile', { personId: id, fields: { bloodType: 'B', allergies: '青霉素' } }));
    expect(first).toMatchObject({ bloodType: 'B', allergies: '青霉素', chronicConditions: [], familyDoctorDate: null });
    expect(first.updatedAt).not.toBeNull();
    const second = await ok(call(t.app, admin, 'health.saveProfile', { personId: id, fields: { bloodType: 'B', chronicConditions: ['高血压'], insuranceType: '职工医保' } }));
    // Every field is replaced by what the form sends: the allergy left out is gone.
    expect(second).toMatchObject({ bloodType: 'B', allergies: '', chronicConditions: ['高血压'], insuranceType: '职工医保' });
    expect((await detail()).health).toEqual(second);
    expect(t.app.db.prepare('SELECT count(*) AS n FROM health_profiles WHERE person_id = ?').get(id)).toEqual({ n: 1 });
    expect(await errorCode(call(t.app, admin, 'health.saveProfile', { personId: unknown, fields: {} }))).toBe('NOT_FOUND');
  });

  it('checks an ID number as it is typed: the problem, or the birth date and gender it gives', async () => {
    expect(await ok(call(t.app, admin, 'persons.checkIdNumber', { idNumber: '1101051949' }))).toEqual({
      valid: false,
      problem: 'length',
      normalised: null,
      birthDate: null,
      gender: null,
      existing: null,
    });
    const woman = makeIdNumber('1949-12-31', 'female', 3);
    expect(await ok(call(t.app, admin, 'persons.checkIdNumber', { idNumber: ` ${woman.toLowerCase()} ` }))).toEqual({
      valid: true,
      problem: null,
      normalised: woman,
      birthDate: '1949-12-31',
      gender: 'female',
      existing: null,
    });
  });
});
