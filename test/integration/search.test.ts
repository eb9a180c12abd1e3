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
    expect((await ok(call(t.app, admin, 'persons.list', {}))).total).toBe(5);
  });

  it('follows renames: the index is kept by triggers', async () => {
    const id = ids['张三'] as string;
    const { person } = await ok(call(t.app, admin, 'persons.get', { id }));
    await ok(call(t.app, admin, 'persons.update', { id, fields: personInput({ name: '王五', birthDate: person.birthDate, idNumber: person.idNumber, phones: person.phones }) }));
    expect(await find('张三')).toEqual(['张三丰']);
    expect(await find('王五')).toEqual(['王五']);
    expect(await find('ww')).toEqual(['王五']);
  });
});
