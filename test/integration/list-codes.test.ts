/**
 * The codes printed on a visit list, read back: a page code opens the list, a row code names the
 * row; another office's list, a cancelled list, a row not on the paper and text that is not one of
 * our codes are each refused with what they are, and nothing is written by a refusal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import type { Result } from '../../shared/errors';
import { pageCodeText, rowCodeText } from '../../shared/listCodes';
import { careOffice, addPerson, setDay, type CareOffice } from './care.helpers';
import { makeOffice, trust, type Office } from './packets.helpers';

describe('codes on printed lists', () => {
  let o: CareOffice;
  let area: string;
  let listNo: string;
  beforeEach(async () => {
    o = await careOffice();
    for (const [name, address] of [
      ['赵一', '幸福里小区1号楼1单元101'],
      ['钱二', '幸福里小区1号楼1单元201'],
      ['孙三', '幸福里小区2号楼1单元101'],
    ] as const) {
      const id = await addPerson(o, { name, grid: '第一网格', address, livingSituation: 'alone' });
      await ok(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.gw1 }));
    }
    area = (o.t.app.db.prepare('SELECT area_code FROM office').get() as { area_code: string }).area_code;
    const list = await ok(call(o.t.app, o.gw1, 'lists.create', { kind: 'visit_list', from: '2026-11-27', to: '2026-12-31', includeAllPersons: true }));
    expect(list.rows.map((r) => r.name)).toEqual(['赵一', '钱二', '孙三']);
    expect(list.areaCode).toBe(area);
    listNo = list.listNo;
  });
  afterEach(() => o.t.close());

  const resolve = (code: string, as = o.gw1) => call(o.t.app, as, 'lists.resolveCode', { code });
  const refusal = async (code: string, as = o.gw1) => {
    const r = (await resolve(code, as)) as Result<unknown>;
    if (r.ok) throw new Error(`expected a refusal of ${code}`);
    return r.error;
  };

  it('a page code opens the list and a row code names its row, however the scanner typed it', async () => {
    expect(pageCodeText(area, listNo)).toBe(`CC1:${area}:${listNo}`);
    expect(await ok(resolve(pageCodeText(area, listNo)))).toEqual({ listNo, row: null, name: null });
    expect(await ok(resolve(rowCodeText(area, listNo, 2)))).toEqual({ listNo, row: 2, name: '钱二' });
    // Caps Lock (lower case), a Chinese input method's full-width colon and dash, spaces around.
    expect(await ok(resolve(` cc1：${area}：${listNo.replace(/-/g, '－')}：3 `))).toEqual({ listNo, row: 3, name: '孙三' });
    // Staff and admins read every list's codes.
    expect(await ok(resolve(rowCodeText(area, listNo, 1), o.staff))).toMatchObject({ row: 1, name: '赵一' });
  });

  it("refuses another office's list, naming the office when this office knows its key card", async () => {
    const before = dumpDatabase(o.t.app);
    const other: Office = await makeOffice('和平里社区', 'community', '140702002003');
    try {
      const code = rowCodeText(other.areaCode, listNo, 2);
      expect(await refusal(code)).toMatchObject({ code: 'LIST_CODE_OTHER_OFFICE', details: { listNo, areaCode: '140702002003', office: '140702002003' } });
      expect(dumpDatabase(o.t.app)).toEqual(before);
      await trust({ t: o.t, admin: o.admin, id: '', name: '幸福里社区', areaCode: area }, other);
      expect(await refusal(code)).toMatchObject({ code: 'LIST_CODE_OTHER_OFFICE', details: { office: '和平里社区 140702002003' } });
      expect(await refusal(pageCodeText(other.areaCode, listNo), o.staff)).toMatchObject({ code: 'LIST_CODE_OTHER_OFFICE' });
    } finally {
      other.t.close();
    }
  });

  it('a cancelled list is refused as cancelled by its codes, its number and its result entry; its number is never given again', async () => {
    setDay(o, '2026-11-28');
    // A grid worker cannot cancel another worker's list (they do not see it).
    expect(await errorCode(call(o.t.app, o.gw2, 'lists.cancel', { listNo }))).toBe('NOT_FOUND');
    expect(await errorCode(call(o.t.app, o.viewer, 'lists.cancel', { listNo }))).toBe('FORBIDDEN');
    expect(await ok(call(o.t.app, o.gw1, 'lists.cancel', { listNo, reason: '日期选错，已重新打印' }))).toEqual({ listNo });
    const cancelled = { code: 'LIST_CANCELLED', details: { listNo, cancelledOn: '2026-11-28' } };
    expect(await refusal(rowCodeText(area, listNo, 1))).toMatchObject(cancelled);
    expect(await refusal(pageCodeText(area, listNo), o.staff)).toMatchObject(cancelled);
    expect(await call(o.t.app, o.staff, 'lists.get', { listNo })).toMatchObject({ ok: false, error: cancelled });
    const before = dumpDatabase(o.t.app);
    expect(await call(o.t.app, o.staff, 'lists.enterResults', { listNo, rows: [{ row: 1, outcome: 'not_visited', note: '不在家' }] })).toMatchObject({ ok: false, error: cancelled });
    expect(await errorCode(call(o.t.app, o.staff, 'lists.cancel', { listNo }))).toBe('LIST_CANCELLED');
    expect(dumpDatabase(o.t.app)).toEqual(before);
    // Gone from the history; the next list takes the next number.
    expect((await ok(call(o.t.app, o.staff, 'lists.list', {}))).rows.map((l) => l.listNo)).not.toContain(listNo);
    const next = await ok(call(o.t.app, o.gw1, 'lists.create', { kind: 'visit_list', from: '2026-11-28', to: '2026-12-31', includeAllPersons: true }));
    expect(next.listNo).not.toBe(listNo);
    expect(await ok(resolve(rowCodeText(area, next.listNo, 1)))).toMatchObject({ listNo: next.listNo, row: 1 });
    // The cancellation is in the audit log, with why.
    const audit = o.t.app.db.prepare("SELECT action, changes FROM audit_log WHERE entity = 'printed_list' AND action = 'delete'").all() as { action: string; changes: string }[];
    expect(audit.map((a) => JSON.parse(a.changes) as unknown)).toEqual([{ list_no: listNo, reason: '日期选错，已重新打印' }]);
  });

  it('a list with results entered cannot be cancelled', async () => {
    await ok(call(o.t.app, o.staff, 'lists.enterResults', { listNo, rows: [{ row: 2, outcome: 'not_visited', note: '住院' }] }));
    const before = dumpDatabase(o.t.app);
    expect(await call(o.t.app, o.staff, 'lists.cancel', { listNo })).toMatchObject({ ok: false, error: { code: 'LIST_HAS_RESULTS', details: { listNo, rows: 1 } } });
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('refuses what is not one of our codes, a newer layout, a row not on the paper, service cards and lists the scanner may not see', async () => {
    expect(await refusal('6901234567892')).toMatchObject({ code: 'LIST_CODE_UNREADABLE', details: { text: '6901234567892' } });
    expect(await refusal(`CC1:${area}:${listNo}:x`)).toMatchObject({ code: 'LIST_CODE_UNREADABLE' });
    expect(await refusal(`CC1:${area}:${listNo}:0`)).toMatchObject({ code: 'LIST_CODE_UNREADABLE' });
    expect(await refusal(`CC2:${area}:${listNo}:1`)).toMatchObject({ code: 'LIST_CODE_NEWER' });
    expect(await refusal(rowCodeText(area, listNo, 4))).toMatchObject({ code: 'LIST_CODE_NO_SUCH_ROW', details: { listNo, row: 4 } });
    expect(await refusal(rowCodeText(area, '2026-11-0099', 1))).toMatchObject({ code: 'NOT_FOUND' });
    // Another grid worker's list is not theirs to open.
    expect(await refusal(pageCodeText(area, listNo), o.gw2)).toMatchObject({ code: 'NOT_FOUND' });
    const cards = await ok(call(o.t.app, o.staff, 'lists.create', { kind: 'service_cards', userId: o.ids.gw1 }));
    expect(await refusal(pageCodeText(area, cards.listNo), o.staff)).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await errorCode(resolve(pageCodeText(area, listNo), o.viewer))).toBe('FORBIDDEN');
  });
});
