/**
 * A demo office's working history: as if it had used the app since `from` (the first of January of
 * last year, by default) — grid workers with their grids and persons (分片包干), visits planned by the
 * rules and made (most of them, some late, some missed, each grid at its own pace), 慰问金 and gifts
 * on the campaign visits, needs raised on visits and most of them resolved. Everything after the
 * register itself goes through the service functions with the clock of the day it happened, so the
 * statistics, the worklists and the forms read it as real records.
 *
 * The register (generated "today") is first moved back to `from`: persons' creation times (a few
 * arrive later in the period), the office's set-up day, and the plans made today, which are made
 * again from `from`. That rewrite is the only raw SQL here; it is demo data, never an office's own.
 */
import type { Db } from '../../main/db/connection';
import type { WriteContext } from '../../main/db/sync';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { createUserRow } from '../../main/services/users/users';
import { PASSWORD_COST } from '../../main/auth/password';
import { createGrid } from '../../main/services/grids/grids';
import { assignGrid } from '../../main/services/assignments/bulk';
import { replanPersons } from '../../main/services/visits/planning';
import { recordVisit } from '../../main/services/visits/records';
import { createRequest, setRequestStatus } from '../../main/services/requests/requests';
import type { RequestCategory } from '../../shared/schemas/requests';
import { daysInMonth } from '../../shared/calendar';
import { Rng } from './prng';

export interface HistoryOptions {
  seed: number;
  /** The first day of the history (YYYY-MM-DD). */
  from: string;
  /** Today (YYYY-MM-DD): nothing is recorded after it. */
  today: string;
}

export interface HistoryCounts {
  workers: number;
  grids: number;
  assigned: number;
  visits: number;
  requests: number;
}

/** The first password of the demo's grid workers (gw1, gw2, …), printed by `cadrecare demo`. */
export const DEMO_WORKER_PASSWORD = 'Worker2026pass';

const WORKERS = ['李静', '王芳', '张伟', '刘洋', '陈磊', '杨帆', '赵敏', '黄强', '周琳', '吴昊', '徐丽', '孙涛'];
/** How many of their due visits each grid's worker makes: the grids differ, as real ones do. */
const PACE = [0.97, 0.92, 0.88, 0.95, 0.8, 0.9, 0.72, 0.85, 0.93, 0.83, 0.9, 0.78];
const CATEGORIES: RequestCategory[] = ['home_care', 'medical', 'medical', 'hardship', 'emotional', 'recreation', 'other'];
const NEEDS: Record<RequestCategory, string[]> = {
  home_care: ['希望安排助餐服务', '需要上门助浴', '家里水管漏水需要维修'],
  medical: ['希望家庭医生定期上门', '需要陪同去医院复查', '血压偏高，想做一次体检'],
  hardship: ['医药费负担较重，申请困难帮扶', '冬季取暖费有困难'],
  emotional: ['老伴去世后情绪低落，希望常来聊聊', '子女在外地，希望多联系'],
  recreation: ['想参加老年大学书法班', '希望社区组织门球活动'],
  other: ['咨询养老金调整政策', '希望帮忙办理老年卡'],
};
const GIFTS: Record<string, [number, string]> = {
  spring_festival: [50000, '米面油一份'],
  chongyang: [30000, '牛奶、水果'],
  birthday: [20000, '生日蛋糕'],
  party_day: [0, '纪念品'],
};

/**
 * A grid's places (address prefixes): the estates and streets its persons live in, each only when
 * all its residents are in this grid, so a new person at one of those addresses lands in it.
 */
function placesOf(persons: readonly { grid: string; address: string }[], grid: string): string[] {
  const gridsOf = new Map<string, Set<string>>();
  for (const p of persons) {
    const estate = /^(.{2,}?)\d+号/.exec(p.address)?.[1];
    if (!estate) continue;
    const set = gridsOf.get(estate) ?? new Set<string>();
    set.add(p.grid);
    gridsOf.set(estate, set);
  }
  return [...gridsOf]
    .filter(([, of]) => of.size === 1 && of.has(grid))
    .map(([estate]) => estate)
    .sort()
    .slice(0, 300);
}

function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The moment of a day's work as stored: 10:00 in China. */
const at = (day: string) => `${day}T02:00:00.000Z`;

export function fillVisitHistory(db: Db, options: HistoryOptions): HistoryCounts {
  const rng = new Rng(options.seed * 7919 + 17);
  const office = db.prepare('SELECT id FROM office').get() as { id: string };
  const ctxOn = (day: string, userId: string | null = null, username = 'system'): WriteContext => ({
    actor: userId ? { userId, username } : SYSTEM_ACTOR,
    officeId: office.id,
    at: at(day),
  });
  const { from, today } = options;

  // The register as of `from`: most persons were there, some arrived during the period.
  const persons = db.prepare("SELECT id, grid, address FROM persons WHERE deleted_at IS NULL ORDER BY rowid").all() as { id: string; grid: string; address: string }[];
  const span = Math.max(1, Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000));
  const move = db.prepare('UPDATE persons SET created_at = ?, updated_at = ? WHERE id = ?');
  for (const p of persons) {
    // The roster typed in on the day the office was set up (the day before `from`); a few came later.
    const day = rng.chance(0.05) ? addDays(from, rng.int(20, span - 1)) : addDays(from, -1);
    move.run(at(day), at(day), p.id);
  }
  db.prepare('UPDATE office SET created_at = ?').run(`${addDays(from, -1)}T01:00:00.000Z`);
  db.exec('DELETE FROM planned_visits; DELETE FROM visit_plan_state;');

  // Grid workers, one per grid of the register, responsible for its persons.
  const grids = [...new Set(persons.map((p) => p.grid).filter((g) => g !== ''))].sort();
  const workers = new Map<string, { id: string; username: string; pace: number }>();
  grids.forEach((grid, i) => {
    const username = `gw${i + 1}`;
    const exists = db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string } | undefined;
    const id =
      exists?.id ??
      createUserRow(db, SYSTEM_ACTOR, { username, displayName: `网格员${WORKERS[i % WORKERS.length] ?? username}`, role: 'gridworker', password: DEMO_WORKER_PASSWORD, phone: `1390354${String(1000 + i).slice(-4)}` }, at(from), PASSWORD_COST);
    workers.set(grid, { id, username, pace: PACE[i % PACE.length] ?? 0.85 });
  });
  let assigned = 0;
  for (const grid of grids) {
    const worker = workers.get(grid);
    if (!worker) continue;
    const existing = db.prepare('SELECT id FROM grids WHERE name = ? AND deleted_at IS NULL').get(grid) as { id: string } | undefined;
    const id = existing?.id ?? createGrid(db, ctxOn(from), { name: grid, description: '', workerIds: [worker.id], places: placesOf(persons, grid) }).id;
    assigned += assignGrid(db, ctxOn(from), id, worker.id, '分片包干', from).assigned;
  }
  const workerOf = new Map<string, { id: string; username: string; pace: number }>();
  for (const p of persons) {
    const w = workers.get(p.grid);
    if (w) workerOf.set(p.id, w);
  }

  const ids = persons.map((p) => p.id);
  replanPersons(db, ctxOn(from), ids, from);

  // Month by month: the visits due are made (or not), by the person's worker; the plans roll on each January.
  let visits = 0;
  let requests = 0;
  const openRequests: { id: string; closeOn: string }[] = [];
  const neverClosed: string[] = [];
  const due = db.prepare(
    `SELECT id, person_id, reason, due_date, window_start, missed_after FROM planned_visits
     WHERE deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL AND due_date BETWEEN ? AND ? AND window_start <= ?
     ORDER BY due_date, id`,
  );
  for (let month = from.slice(0, 7); month <= today.slice(0, 7); ) {
    const first = `${month}-01`;
    if (month.endsWith('-01') && first > from) replanPersons(db, ctxOn(first), ids, first);
    const end = `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5)))).padStart(2, '0')}`;
    for (const v of due.all(first, end, today) as { id: string; person_id: string; reason: string; due_date: string; window_start: string; missed_after: string }[]) {
      const w = workerOf.get(v.person_id);
      const pace = (w?.pace ?? 0.8) * (v.reason === 'routine' ? 1 : 1.03);
      if (!rng.chance(Math.min(0.99, pace))) continue;
      const latest = [v.missed_after, today].sort()[0] as string;
      const onTime = rng.chance(0.85);
      const span2 = Math.max(0, Math.round((Date.parse(onTime ? v.due_date : latest) - Date.parse(v.window_start)) / 86_400_000));
      const day = addDays(v.window_start, rng.int(0, span2));
      if (day > today || day > latest) continue;
      const status = db.prepare('SELECT status FROM persons WHERE id = ?').get(v.person_id) as { status: string };
      if (status.status !== 'active' && v.reason !== 'condolence') continue;
      const [giftFen, giftItems] = GIFTS[v.reason] ?? [0, ''];
      const ctx = ctxOn(day, w?.id ?? null, w?.username ?? 'system');
      const method = v.reason === 'hospitalisation' ? 'hospital' : rng.chance(0.12) ? 'phone' : 'home';
      const record = recordVisit(
        db,
        ctx,
        {
          personId: v.person_id,
          plannedVisitIds: [v.id],
          fields: {
            visitDate: day,
            visitors: w ? `网格员` : '社区',
            method,
            summary: rng.pick(['身体状况良好，精神不错', '血压稳定，按时服药', '行动不便，家属照顾周到', '情绪较好，对社区服务满意']),
            notSeen: false,
            findingsHealth: '',
            findingsLiving: '',
            findingsMood: '',
            needs: '',
            followUp: '',
            giftFen: method === 'phone' ? 0 : giftFen,
            giftItems: method === 'phone' ? '' : giftItems,
          },
        },
        day,
      );
      visits++;
      if (rng.chance(0.04)) {
        const category = rng.pick(CATEGORIES);
        const id = createRequest(db, ctx, { personId: v.person_id, category, description: rng.pick(NEEDS[category]), assignedTo: w?.id ?? null, raisedOn: day }, day, record.id);
        requests++;
        if (rng.chance(0.9)) openRequests.push({ id, closeOn: addDays(day, rng.int(2, 30)) });
        else neverClosed.push(id);
      }
    }
    for (const r of openRequests.filter((x) => x.closeOn <= end && x.closeOn <= today)) {
      // Most needs are met; a few cannot be (不符合条件), and say why.
      const declined = rng.chance(0.1);
      setRequestStatus(
        db,
        ctxOn(r.closeOn),
        { id: r.id, status: declined ? 'declined' : 'resolved', resolution: declined ? '不符合帮扶条件，已向本人解释说明' : '已协调解决', resolvedOn: r.closeOn },
        r.closeOn,
      );
      openRequests.splice(openRequests.indexOf(r), 1);
    }
    const [y, mo] = month.split('-').map(Number) as [number, number];
    month = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  // Of the needs still open today, some are being dealt with (办理中); the rest wait for someone to take them up.
  for (const [i, id] of [...openRequests.map((r) => r.id), ...neverClosed].entries()) {
    if (i % 2 === 0) setRequestStatus(db, ctxOn(today), { id, status: 'in_progress', resolution: '已联系相关部门，正在办理' }, today);
  }
  replanPersons(db, ctxOn(today), ids, today);
  return { workers: workers.size, grids: grids.length, assigned, visits, requests };
}
