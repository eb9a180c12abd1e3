/**
 * The county bureau's roll-up (汇总) and reporting board (报送情况), from real packets: three
 * communities trusted by the bureau, two of which send their data and one that stays silent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, ok } from '../helpers/app';
import { addPerson, closeAll, makeOffice, send, trustBoth, type Office } from './packets.helpers';

let offices: Office[] = [];
afterEach(() => {
  closeAll(...offices);
  offices = [];
});

const DAY = 86_400_000;

async function county() {
  const bureau = await makeOffice('榆次区委老干部局', 'bureau');
  const a = await makeOffice('幸福里社区');
  const b = await makeOffice('锦绣苑社区');
  const c = await makeOffice('桃园社区');
  offices.push(bureau, a, b, c);
  for (const o of [a, b, c]) await trustBoth(o, bureau);
  await addPerson(a, { name: '郭建国', retirementType: 'lixiu' });
  await addPerson(a, { name: '赵秀兰' });
  await addPerson(a, { name: '李志刚' });
  await addPerson(b, { name: '王淑芬' });
  await addPerson(b, { name: '张德明' });
  await send(a, bureau, 'full');
  await send(b, bureau, 'full');
  return { bureau, a, b, c };
}

const HEADCOUNT = 'persons.headcount:total';

describe('the county bureau sees its communities', () => {
  it('汇总: one row per trusted community from the records it sent, the silent one without figures, and the county total adds up', async () => {
    const { bureau, a, b, c } = await county();
    const r = await ok(call(bureau.t.app, bureau.admin, 'reports.countyRollup', { period: '2026' }));
    const row = (o: Office) => r.rows.find((x) => x.office.id === o.id);
    expect(r.rows.map((x) => x.office.name).sort()).toEqual(['幸福里社区', '桃园社区', '锦绣苑社区']);
    expect(row(a)?.figures[HEADCOUNT]).toBe(3);
    expect(row(a)?.figures['persons.headcount:lixiu']).toBe(1);
    expect(row(a)?.figures['persons.headcount:tuixiu']).toBe(2);
    expect(row(b)?.figures[HEADCOUNT]).toBe(2);
    // Nothing received from 桃园社区: no number rather than a wrong 0, and the reason.
    expect(row(c)?.received).toBe(false);
    expect(Object.values(row(c)?.figures ?? {}).every((v) => v === null)).toBe(true);
    expect(row(a)?.received).toBe(true);
    expect(r.total[HEADCOUNT]).toBe(5);
    expect(r.total['persons.headcount:lixiu']).toBe(1);
    // The offices add up to the county for every count; the bureau's own registry is not in it.
    for (const f of r.figures) {
      if (f.measure === 'completion') continue;
      const key = `${f.key}:${f.measure}`;
      expect(r.rows.reduce((s, x) => s + (x.figures[key] ?? 0), 0), key).toBe(r.total[key]);
    }
  });

  it('报送情况: who sent data when, coloured by how long ago, the silent office first as 从未报送 and on the 催报 list', async () => {
    const { bureau, a, b, c } = await county();
    let board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(board.rows[0]?.office.id).toBe(c.id);
    expect(board.rows[0]).toMatchObject({ status: 'never', lastReceived: null, dataAsOf: null, packetsTotal: 0 });
    const rowA = board.rows.find((x) => x.office.id === a.id);
    expect(rowA).toMatchObject({ status: 'green', daysSince: 0, packetsThisMonth: 1, packetsTotal: 1, lastReceived: '2026-11-27', dataAsOf: '2026-11-27' });
    expect(board.annualPeriod).toBe('2025');
    expect(board.remind).toContain(c.id);

    // 40 days on, the data of both is getting old; 幸福里 sends again and is green once more.
    bureau.t.clock.advance(40 * DAY);
    a.t.clock.advance(40 * DAY);
    await send(a, bureau, 'incremental');
    board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(board.rows.find((x) => x.office.id === a.id)).toMatchObject({ status: 'green', packetsTotal: 2, packetsThisMonth: 1 });
    expect(board.rows.find((x) => x.office.id === b.id)).toMatchObject({ status: 'amber', daysSince: 40 });

    // 70 days after its only packet, 锦绣苑 is red, reminded, and listed right after the silent one.
    bureau.t.clock.advance(30 * DAY);
    board = await ok(call(bureau.t.app, bureau.admin, 'reports.countyBoard', {}));
    expect(board.rows.map((x) => x.status)).toEqual(['never', 'red', 'green']);
    expect(board.rows[1]?.office.id).toBe(b.id);
    expect(board.remind).toEqual(expect.arrayContaining([b.id, c.id]));
  });

  it('a community office is told the roll-up belongs to the bureau', async () => {
    const a = await makeOffice('幸福里社区');
    offices.push(a);
    const r = await call(a.t.app, a.admin, 'reports.countyBoard', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BUREAU_ONLY');
    const rollup = await call(a.t.app, a.admin, 'reports.countyRollup', { period: '2026' });
    expect(rollup.ok ? null : rollup.error.code).toBe('BUREAU_ONLY');
  });
});
