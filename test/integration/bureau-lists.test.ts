/**
 * The county bureau's lists of what its communities sent, office by office: 党组织 and 网格 filter by
 * the office that made them and say whose each is; every list's .xlsx export carries a 报送单位 column
 * with each row's office (two offices of one name told apart by area code, as on screen) and names an
 * office filter in its title row. A community office's lists and sheets have no office column.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, errorCode, ok } from '../helpers/app';
import { addPerson, closeAll, makeOffice, send, trustBoth, type Office } from './packets.helpers';

let offices: Office[] = [];
afterEach(() => {
  closeAll(...offices);
  offices = [];
});

/** A bureau and two communities of one name (幸福里社区), each with a branch and a grid, sent in full. */
async function twoOffices() {
  const bureau = await makeOffice('榆次区委老干部局', 'bureau');
  const a = await makeOffice('幸福里社区');
  const b = await makeOffice('幸福里社区');
  offices.push(bureau, a, b);
  for (const o of [a, b]) await trustBoth(o, bureau);
  for (const [o, n] of [
    [a, '东'],
    [b, '西'],
  ] as const) {
    await ok(call(o.t.app, o.admin, 'party.branches.create', { name: `${n}区离退休干部党支部`, kind: 'branch', meetingPlace: '社区活动中心' }));
    await ok(call(o.t.app, o.admin, 'grids.create', { name: '第一网格', description: `${n}片`, workerIds: [], places: [`${n}苑小区`] }));
  }
  return { bureau, a, b };
}

describe('党组织 and 网格 at the bureau', () => {
  it('filter by the office that made them, each saying whose; a bad office is refused, and a community is unchanged', async () => {
    const { bureau, a, b } = await twoOffices();
    await addPerson(a, { name: '郭建国', address: '东苑小区3号楼' });
    await send(a, bureau, 'full');
    await send(b, bureau, 'full');

    const branches = await ok(call(bureau.t.app, bureau.admin, 'party.branches.list', {}));
    expect(branches.map((r) => [r.name, r.originOffice])).toEqual([
      ['东区离退休干部党支部', a.id],
      ['西区离退休干部党支部', b.id],
    ]);
    const ofB = await ok(call(bureau.t.app, bureau.admin, 'party.branches.list', { office: b.id }));
    expect(ofB.map((r) => r.name)).toEqual(['西区离退休干部党支部']);
    // The search and the office filter together.
    expect(await ok(call(bureau.t.app, bureau.admin, 'party.branches.list', { office: b.id, search: '东区' }))).toEqual([]);

    // Two grids of one name, one per office: both listed, each with its office and its own persons.
    const grids = await ok(call(bureau.t.app, bureau.admin, 'grids.list', {}));
    expect(grids.map((g) => [g.name, g.originOffice]).sort()).toEqual([
      ['第一网格', a.id],
      ['第一网格', b.id],
    ].sort());
    const gridsOfA = await ok(call(bureau.t.app, bureau.admin, 'grids.list', { office: a.id }));
    expect(gridsOfA.map((g) => [g.description, g.originOffice, g.personCount])).toEqual([['东片', a.id, 1]]);
    expect(await ok(call(bureau.t.app, bureau.admin, 'grids.list', { office: bureau.id }))).toEqual([]);

    expect(await errorCode(call(bureau.t.app, bureau.admin, 'grids.list', { office: '幸福里社区' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(bureau.t.app, bureau.admin, 'party.branches.list', { office: 'a b' }))).toBe('INVALID_INPUT');

    // A community's own lists: its own rows, with its own id.
    expect((await ok(call(a.t.app, a.admin, 'grids.list', {}))).map((g) => g.originOffice)).toEqual([a.id]);
    expect((await ok(call(a.t.app, a.admin, 'party.branches.list', {}))).map((r) => r.originOffice)).toEqual([a.id]);
  });
});
