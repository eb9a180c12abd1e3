import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, setupOffice, call, ok, type TestApp } from '../helpers/app';
import { personInput } from '../helpers/persons';
import type { Session } from '../../main/auth/session';

/** The one search box: names of any length, pinyin, ID and phone fragments, address text. */
describe('person search', () => {
  let t: TestApp;
  let admin: Session;
  const people = [
    { name: '张三', phones: ['13912345678'], address: '幸福里小区3号楼2单元501', birthDate: '1945-03-15' },
    { name: '张三丰', phones: ['0354-3021188'], address: '和平街12号', birthDate: '1940-06-01' },
    { name: '李秀英', gender: 'female', phones: ['15834567890'], address: '幸福里小区5号楼1单元201', birthDate: '1949-12-31' },
    { name: '欧阳建国', phones: [], address: '光明路8号', birthDate: '1950-10-01' },
    { name: '单德明', phones: ['18603541234'], address: '幸福里小区1号楼', birthDate: '1938-02-20' },
    { name: '高重阳', phones: [], address: '光华路1号', birthDate: '1941-09-09' },
    { name: '荀立', phones: [], address: '光华路2号', birthDate: '1942-01-01' },
    { name: '孙立', phones: [], address: '光华路3号', birthDate: '1943-01-01' },
    { name: '丹增', phones: [], address: '光华路4号', birthDate: '1944-01-01' },
    { name: '秘书文', phones: [], address: '光华路5号', birthDate: '1945-01-01' },
  ] as const;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = makeApp();
    admin = await setupOffice(t);
    for (const [i, p] of people.entries()) {
      const { id } = await ok(call(t.app, admin, 'persons.create', personInput({ ...p, gender: 'gender' in p ? p.gender : 'male', phones: [...p.phones], seq: i + 1 })));
      ids[p.name] = id;
    }
  });
  afterAll(() => t.close());

  const find = async (search: string) => (await ok(call(t.app, admin, 'persons.list', { search, sort: 'name' }))).rows.map((r) => r.name).sort();
  /** The names in the order the list shows them, and the total it reports. */
  const listed = async (search: string, extra: Record<string, unknown> = {}) => {
    const r = await ok(call(t.app, admin, 'persons.list', { search, sort: 'name', ...extra }));
    return { names: r.rows.map((row) => row.name), total: r.total };
  };

  it('finds 2-character names and one-character parts (below the trigram length)', async () => {
    expect(await find('张三')).toEqual(['张三', '张三丰']);
    expect(await find('秀英')).toEqual(['李秀英']);
    expect(await find('欧')).toEqual(['欧阳建国']);
    expect(await find('三丰')).toEqual(['张三丰']);
  });

  it('finds 3+ character names and substrings anywhere in them', async () => {
    expect(await find('张三丰')).toEqual(['张三丰']);
    expect(await find('阳建国')).toEqual(['欧阳建国']);
  });

  it('finds by pinyin initials and full pinyin, surnames read as surnames', async () => {
    expect(await find('zs')).toEqual(['张三', '张三丰']);
    expect(await find('zsf')).toEqual(['张三丰']);
    expect(await find('lxy')).toEqual(['李秀英']);
    expect(await find('zhangsan')).toEqual(['张三', '张三丰']);
    expect(await find('xiuying')).toEqual(['李秀英']);
    expect(await find('ZS')).toEqual(['张三', '张三丰']);
    // 单 as a surname is Shan, not Dan.
    expect(await find('sdm')).toEqual(['单德明']);
    expect(await find('shandeming')).toEqual(['单德明']);
  });

  it('finds a name by every reading of its polyphonic characters', async () => {
    for (const q of ['gcy', 'gzy', 'gaochongyang', 'gaozhongyang', 'chongyang', 'zhongyang']) expect(await find(q), q).toEqual(['高重阳']);
    // 单 as a surname is Shan, and is also found as Dan.
    for (const q of ['sdm', 'shan', 'shandeming', 'ddm', 'dan', 'dandeming', 'deming']) expect(await find(q), q).toContain('单德明');
    expect(await find('d')).toEqual(['丹增', '单德明']);
    expect(await find('s')).toEqual(['单德明', '孙立']);
    // Pinyin is matched from the start of a character: "ang" is not inside 张 (zhang).
    expect(await find('ang')).toEqual([]);
  });

  it('lists those found by their own reading before those found by another reading, each in name order', async () => {
    // 孙 is read Sun; Xun is another reading of it, so 荀 (Xun) comes first although sunli sorts before xunli.
    expect(await listed('xun')).toEqual({ names: ['荀立', '孙立'], total: 2 });
    expect(await listed('dan')).toEqual({ names: ['丹增', '单德明'], total: 2 });
    expect(await listed('d', { direction: 'desc' })).toEqual({ names: ['丹增', '单德明'], total: 2 });
    // Pages run through both: the second page starts where the first ended.
    const page1 = await ok(call(t.app, admin, 'persons.list', { search: 'xun', sort: 'name', limit: 1 }));
    const page2 = await ok(call(t.app, admin, 'persons.list', { search: 'xun', sort: 'name', limit: 1, offset: 1 }));
    expect([page1.rows[0]?.name, page2.rows[0]?.name, page1.total, page2.total]).toEqual(['荀立', '孙立', 2, 2]);
  });

  it('reads the surnames pinyin-pro misreads as the table says, and still finds the library reading', async () => {
    const { rows } = await ok(call(t.app, admin, 'persons.list', { search: '秘书文' }));
    expect(rows[0]?.namePinyin).toBe('bishuwen');
    expect(await find('bsw')).toEqual(['秘书文']);
    expect(await find('mishuwen')).toEqual(['秘书文']);
  });

  it('finds ID number and phone fragments', async () => {
    const { person } = await ok(call(t.app, admin, 'persons.get', { id: ids['李秀英'] as string }));
    expect(await find(person.idNumber.slice(6, 14))).toEqual(['李秀英']);
    expect(await find(person.idNumber)).toEqual(['李秀英']);
    expect(await find('567890')).toEqual(['李秀英']);
    expect(await find('45678')).toEqual(['张三', '李秀英']);
    expect(await find('3021188')).toEqual(['张三丰']);
    // Full-width digits typed by an IME still match.
    expect(await find('５６７８９０')).toEqual(['李秀英']);
  });

  it('finds address text', async () => {
    expect(await find('幸福里小区')).toEqual(['单德明', '张三', '李秀英'].sort());
    expect(await find('5号楼')).toEqual(['李秀英']);
    expect(await find('光明路')).toEqual(['欧阳建国']);
  });

  it('treats search text as text, never as query syntax', async () => {
    for (const q of ['"', '" OR 1=1 --', 'name:*', "'); DROP TABLE persons; --", 'NEAR(张 三)', '%', '_']) {
      const r = await call(t.app, admin, 'persons.list', { search: q });
      expect(r.ok, q).toBe(true);
    }
    expect((await ok(call(t.app, admin, 'persons.list', {}))).total).toBe(people.length);
  });

  it('follows renames: the index is kept by triggers', async () => {
    const id = ids['张三'] as string;
    const { person } = await ok(call(t.app, admin, 'persons.get', { id }));
    await ok(call(t.app, admin, 'persons.update', { id, fields: personInput({ name: '王五', birthDate: person.birthDate, idNumber: person.idNumber, phones: person.phones }) }));
    expect(await find('张三')).toEqual(['张三丰']);
    expect(await find('王五')).toEqual(['王五']);
    expect(await find('ww')).toEqual(['王五']);
    const gao = ids['高重阳'] as string;
    const before = (await ok(call(t.app, admin, 'persons.get', { id: gao }))).person;
    await ok(call(t.app, admin, 'persons.update', { id: gao, fields: personInput({ name: '高明', birthDate: before.birthDate, idNumber: before.idNumber, phones: before.phones }) }));
    expect(await find('zhongyang')).toEqual([]);
    expect(await find('gzy')).toEqual([]);
    expect(await find('gaoming')).toEqual(['高明']);
  });
});
