/**
 * The read paths of organised life (units, party, activities, volunteers, assistance pairs) at the
 * size of a large office: 20,000 persons written by the generator's fast path (the cached county
 * fixture of that size), and on a copy of it
 *   300 units with 60% of the persons linked (the rest keep only their typed 原工作单位, for matching),
 *   40 party branches, 6,000 members, dues for January–November 2026 (about 15% behind), 12 meetings
 *   per branch with attendance of every member,
 *   500 activities in 2026 with 20,000 participants,
 *   30 volunteer teams, 2,000 volunteers (1,500 from the registry), 60,000 service records,
 *   1,500 assistance pairs (1,300 current) with 15,000 contacts.
 *
 * Simplified against the services: these rows are written with insertSynced (and the unit
 * links with updateSynced), so ids, version vectors and audit rows are as the services write them,
 * but the services' checks (party member is 中共党员, capacity, sign-up before the date, …) are not
 * run; party members are drawn from the persons marked 中共党员 first and topped up from the others.
 * Nobody moves branch, so the arrears walk back one membership per member. No ANALYZE is run, as an
 * office's database never gets one. The filled copy is cached beside the county database under a key
 * made of the county's key and a hash of this file.
 *
 * Each case is measured three ways as list.bench does: raw (the statements the service ran, captured
 * from it and replayed with better-sqlite3), the service, and dispatch (validation, roles, the read
 * transaction, output validation). "Today" is 2026-11-27.
 */
import { BENCH_DB_KEY } from './lib/dbKey';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeApp, openApp, type AppContext } from '../main/context';
import type { Db } from '../main/db/connection';
import { insertSynced, updateSynced, type WriteContext } from '../main/db/sync';
import { SYSTEM_ACTOR } from '../main/db/audit';
import { dispatch } from '../main/dispatch';
import type { Session } from '../main/auth/session';
import { getOffice } from '../main/services/app/office';
import { listMembers } from '../main/services/party/memberships';
import { arrears } from '../main/services/party/dues';
import { unitFeedback } from '../main/services/units/feedback';
import { matchSuggestions } from '../main/services/units/match';
import { activitiesOfPerson, monthCalendar } from '../main/services/activities/activities';
import { volunteerStats } from '../main/services/volunteers/stats';
import { listVolunteers } from '../main/services/volunteers/people';
import { listPairs } from '../main/services/pairs/pairs';
import { memberListQuerySchema } from '../shared/schemas/party';
import { feedbackQuerySchema, matchQuerySchema } from '../shared/schemas/units';
import { volunteerListQuerySchema } from '../shared/schemas/volunteers';
import { pairListQuerySchema } from '../shared/schemas/pairs';
import { Rng } from './generator/prng';
import { CACHE_ROOT, countyFixture, type CountyFixture } from './lib/county';
import { captureStatements, RawRunner, type CapturedCall } from './lib/listQueries';
import { ms, ratio, summarise, mark } from './lib/stats';
import type { BenchContext, BenchTable, Benchmark, Cell } from './lib/types';

const PERSONS = 20_000;
const TODAY = '2026-11-27';
const P95_TARGET_MS = 50;
const PAGE = 50;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SIZES = { units: 300, linkedShare: 0.6, branches: 40, members: 6000, meetingsPerBranch: 12, activities: 500, perActivity: 40, teams: 30, volunteers: 2000, fromRegistry: 1500, services: 60_000, pairs: 1500, endedPairs: 200, contactsPerPair: 10 };

interface OrganisedMeta {
  key: string;
  adminId: string;
  buildWallMs: number;
  counts: Record<string, number>;
  biggestUnitId: string;
  biggestUnitPersons: number;
  biggestBranchId: string;
  busiestPersonId: string;
  busiestPersonActivities: number;
}

interface OpenOrganised {
  app: AppContext;
  session: Session;
  meta: OrganisedMeta;
  close(): void;
}

const clock = (): Date => new Date(`${TODAY}T09:00:00.000Z`);

function fileHash(): string {
  return createHash('sha256').update(fs.readFileSync(path.join(ROOT, 'bench/organised-life.bench.ts'))).digest('hex').slice(0, 10);
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[rng.int(0, list.length - 1)] as T;
}

function shuffled<T>(rng: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A day between `from` and `to` (both included). */
function dayBetween(rng: Rng, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, rng.int(0, Math.max(0, span)));
}

interface PersonRow {
  id: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  political_status: string;
  status: string;
  original_unit: string;
  unit_level: string;
}

const DISTRICTS = ['锦纶', '顺城', '安宁', '迎西', '桥东', '路西', '北关', '南关', '新建', '文苑'];
const TEAM_KINDS = ['patrol', 'traffic', 'sanitation', 'mediation', 'policy', 'next_generation', 'other'] as const;
const TEAM_WORDS: Record<(typeof TEAM_KINDS)[number], string> = {
  patrol: '治安巡逻队',
  traffic: '交通文明引导队',
  sanitation: '环境卫生监督队',
  mediation: '矛盾纠纷调解队',
  policy: '政策宣讲团',
  next_generation: '关心下一代工作队',
  other: '银发志愿服务队',
};
const ACTIVITY_KINDS = [
  ['political_study', '学习党的二十届四中全会精神'],
  ['culture_sports', '太极拳晨练展示'],
  ['health_talk', '冬季心脑血管疾病预防讲座'],
  ['interest_group', '书法兴趣小组'],
  ['visit', '参观榆次老城红色教育基地'],
  ['other', '重阳节茶话会'],
] as const;

/** Writes the units, party, activity, volunteer and pair rows into the copy of the county database at `dataDir`. */
function fill(dataDir: string, seed: number, key: string, adminId: string, log: (line: string) => void): OrganisedMeta {
  const app = openApp({ key: BENCH_DB_KEY, dataDir, transport: 'direct', clock });
  try {
    const db = app.db;
    db.pragma('cache_size = -262144');
    const started = performance.now();
    const office = getOffice(db);
    if (!office) throw new Error('the bench database has no office');
    const ctx: WriteContext = { actor: SYSTEM_ACTOR, officeId: office.id, at: `${TODAY}T08:00:00.000Z` };
    const rng = new Rng(seed ^ 0x6006);
    const persons = db
      .prepare('SELECT id, name, name_pinyin, name_initials, political_status, status, original_unit, unit_level FROM persons WHERE deleted_at IS NULL ORDER BY rowid')
      .all() as PersonRow[];
    const active = persons.filter((p) => p.status === 'active');
    const counts: Record<string, number> = { persons: persons.length };
    const tx = (label: string, fn: () => void) => {
      const t = performance.now();
      db.transaction(fn).immediate();
      log(`  organised-life: ${label} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    };

    // Units: the most common typed unit texts become units; 60% of all persons get linked (so a text
    // group can be partly linked, as after some confirmations), the rest stay for matching.
    tx('units', () => {
      const texts = db
        .prepare("SELECT original_unit AS text, max(unit_level) AS level, count(*) AS n FROM persons WHERE deleted_at IS NULL AND trim(original_unit) <> '' GROUP BY original_unit ORDER BY n DESC, original_unit LIMIT ?")
        .all(SIZES.units) as { text: string; level: string; n: number }[];
      const unitOf = new Map<string, string>();
      for (const t of texts) {
        unitOf.set(t.text, insertSynced(db, ctx, 'units', { name: t.text, level: t.level, retiree_department: '老干部处', contact_person: '王主任', contact_phone: '0354-2021234' }, 'unit'));
      }
      for (let i = texts.length; i < SIZES.units; i++) insertSynced(db, ctx, 'units', { name: `晋中市${DISTRICTS[i % 10] ?? ''}第${i}机关`, level: 'municipal' }, 'unit');
      const covered = persons.filter((p) => unitOf.has(p.original_unit));
      const share = Math.min(1, (SIZES.linkedShare * persons.length) / Math.max(1, covered.length));
      let linked = 0;
      for (const p of covered) {
        if (!rng.chance(share)) continue;
        updateSynced(db, { ...ctx, subjectId: p.id }, 'persons', p.id, { unit_id: unitOf.get(p.original_unit) ?? null }, 'person');
        linked++;
      }
      counts['units'] = SIZES.units;
      counts['linked persons'] = linked;
    });

    // Party: branches, members (中共党员 first), dues Jan–Nov 2026, 12 meetings a branch with attendance.
    const branches: string[] = [];
    const members: { personId: string; branchId: string; from: string }[] = [];
    tx('party', () => {
      for (let b = 0; b < SIZES.branches; b++) {
        branches.push(
          insertSynced(db, ctx, 'party_branches', { name: `${DISTRICTS[b % 10] ?? ''}社区离退休干部第${Math.floor(b / 10) + 1}党支部`, kind: 'branch', founded_on: '2018-07-01', meeting_place: '社区党群服务中心' }, 'party_branch'),
        );
      }
      const cpc = active.filter((p) => p.political_status === 'cpc');
      const others = active.filter((p) => p.political_status !== 'cpc');
      const chosen = [...shuffled(rng, cpc), ...shuffled(rng, others)].slice(0, SIZES.members);
      chosen.forEach((p, i) => {
        const branchId = branches[i % SIZES.branches] as string;
        // Most joined before this year; some during it (they owe only from their first month).
        const from = rng.chance(0.9) ? dayBetween(rng, '2019-01-01', '2025-12-31') : dayBetween(rng, '2026-01-01', '2026-10-31');
        insertSynced(
          db,
          { ...ctx, subjectId: p.id },
          'party_memberships',
          {
            person_id: p.id,
            branch_id: branchId,
            party_joined_on: dayBetween(rng, '1955-01-01', '1990-12-31'),
            relation_held: rng.chance(0.3) ? 'original_unit' : 'community',
            management_mode: pick(rng, ['multi', 'single', 'combined']),
            from_date: from,
          },
          'party_membership',
        );
        members.push({ personId: p.id, branchId, from });
      });
      let dues = 0;
      for (const m of members) {
        const first = m.from > '2026-01-01' ? m.from.slice(0, 7) : '2026-01';
        // About 15% are behind: the last one to four months unpaid.
        const stop = rng.chance(0.15) ? 11 - rng.int(1, 4) : 11;
        const amount = rng.int(10, 80) * 100;
        for (let month = 1; month <= stop; month++) {
          const ym = `2026-${String(month).padStart(2, '0')}`;
          if (ym < first) continue;
          insertSynced(db, { ...ctx, subjectId: m.personId }, 'party_dues', { person_id: m.personId, month: ym, amount_fen: amount, paid_on: `${ym}-15` }, 'party_dues');
          dues++;
        }
      }
      let meetings = 0;
      let attendance = 0;
      const byBranch = new Map<string, { personId: string; from: string }[]>();
      for (const m of members) {
        const list = byBranch.get(m.branchId) ?? [];
        list.push(m);
        byBranch.set(m.branchId, list);
      }
      const kinds = ['organisational', 'theme_day', 'study'] as const;
      for (const branchId of branches) {
        for (let k = 0; k < SIZES.meetingsPerBranch; k++) {
          // December 2025 to November 2026, one a month.
          const date = k === 0 ? '2025-12-10' : `2026-${String(k).padStart(2, '0')}-10`;
          const meetingId = insertSynced(db, ctx, 'party_meetings', { branch_id: branchId, kind: kinds[k % 3] as string, date, topic: `${date.slice(5, 7)}月主题党日：学习贯彻党的创新理论`, place: '社区党群服务中心' }, 'party_meeting');
          meetings++;
          for (const m of byBranch.get(branchId) ?? []) {
            if (m.from > date) continue;
            const present = rng.chance(0.85);
            insertSynced(db, { ...ctx, subjectId: m.personId }, 'party_meeting_attendance', { meeting_id: meetingId, person_id: m.personId, present: present ? 1 : 0, absence_reason: present ? '' : pick(rng, ['养病', '外出探亲', '住院']) }, 'party_attendance');
            attendance++;
          }
        }
      }
      Object.assign(counts, { branches: branches.length, members: members.length, 'dues months': dues, meetings, attendance });
    });

    // Activities through 2026; participants drawn from 4,000 active persons (some come often).
    const pool = shuffled(rng, active).slice(0, 4000);
    const perPerson = new Map<string, number>();
    tx('activities', () => {
      let participants = 0;
      for (let a = 0; a < SIZES.activities; a++) {
        const [kind, title] = pick(rng, ACTIVITY_KINDS);
        const date = dayBetween(rng, '2026-01-03', '2026-12-28');
        const activityId = insertSynced(
          db,
          ctx,
          'activities',
          { kind, title, date, start_time: pick(rng, ['09:00', '14:30', '15:00']), end_time: '16:30', place_kind: pick(rng, ['community_centre', 'day_care', 'senior_university', 'other']), place: '社区活动中心二楼', organiser: '社区党委', capacity: 60 },
          'activity',
        );
        const seen = new Set<string>();
        while (seen.size < SIZES.perActivity) {
          // Skewed towards the first part of the pool: regulars.
          const p = pool[Math.floor(pool.length * rng.next() * rng.next())] as PersonRow;
          if (seen.has(p.id)) continue;
          seen.add(p.id);
          const walkIn = rng.chance(0.1);
          insertSynced(
            db,
            { ...ctx, subjectId: p.id, auditNote: { activityTitle: title } },
            'activity_participants',
            { activity_id: activityId, person_id: p.id, signed_up: walkIn ? 0 : 1, attended: date < TODAY ? (walkIn || rng.chance(0.85) ? 1 : 0) : null },
            'activity_participant',
          );
          perPerson.set(p.id, (perPerson.get(p.id) ?? 0) + 1);
          participants++;
        }
      }
      Object.assign(counts, { activities: SIZES.activities, participants });
    });

    // Volunteers: 1,500 from the registry, 500 residents; one team each, 30% a second; 60,000 services.
    tx('volunteers', () => {
      const teams: string[] = [];
      for (let t = 0; t < SIZES.teams; t++) {
        const kind = TEAM_KINDS[t % TEAM_KINDS.length] as (typeof TEAM_KINDS)[number];
        teams.push(insertSynced(db, ctx, 'volunteer_teams', { name: `${DISTRICTS[t % 10] ?? ''}${TEAM_WORDS[kind]}${t >= 10 ? Math.floor(t / 10) + 1 : ''}`, kind, leader: '李建国', founded_on: '2020-05-01' }, 'volunteer_team'));
      }
      const fromRegistry = shuffled(rng, active).slice(0, SIZES.fromRegistry);
      const outsiders = shuffled(rng, persons).slice(0, SIZES.volunteers - SIZES.fromRegistry);
      const volunteers: { id: string; teams: string[] }[] = [];
      let memberships = 0;
      const add = (p: PersonRow, retiree: boolean) => {
        const id = insertSynced(
          db,
          retiree ? { ...ctx, subjectId: p.id } : ctx,
          'volunteers',
          { person_id: retiree ? p.id : null, name: p.name, kind: retiree ? 'retiree' : 'resident', phone: '1380354' + String(rng.int(1000, 9999)), name_pinyin: p.name_pinyin, name_initials: p.name_initials },
          'volunteer',
        );
        const mine = [pick(rng, teams)];
        if (rng.chance(0.3)) {
          const second = pick(rng, teams);
          if (second !== mine[0]) mine.push(second);
        }
        for (const teamId of mine) {
          insertSynced(db, ctx, 'volunteer_team_members', { team_id: teamId, volunteer_id: id, from_date: '2025-03-01' }, 'volunteer_team_member');
          memberships++;
        }
        volunteers.push({ id, teams: mine });
      };
      for (const p of fromRegistry) add(p, true);
      for (const p of outsiders) add(p, false);
      for (let s = 0; s < SIZES.services; s++) {
        const v = volunteers[Math.floor(volunteers.length * rng.next() * rng.next())] as { id: string; teams: string[] };
        const date = rng.chance(0.8) ? dayBetween(rng, '2026-01-01', '2026-11-26') : dayBetween(rng, '2025-03-01', '2025-12-31');
        insertSynced(db, ctx, 'volunteer_services', { volunteer_id: v.id, team_id: pick(rng, v.teams), date, minutes: rng.int(2, 16) * 15, description: pick(rng, ['小区夜间巡逻', '路口文明劝导', '政策宣讲进楼院', '调解邻里纠纷', '辅导学生作业']) }, 'volunteer_service');
      }
      Object.assign(counts, { teams: SIZES.teams, volunteers: volunteers.length, 'team memberships': memberships, services: SIZES.services });
    });

    // Assistance pairs: 1,500 helped persons, 10 contacts each; some current pairs fell behind.
    tx('pairs', () => {
      const helped = shuffled(rng, active).slice(0, SIZES.pairs + 300);
      const helpers = helped.slice(SIZES.pairs);
      let contacts = 0;
      for (let i = 0; i < SIZES.pairs; i++) {
        const p = helped[i] as PersonRow;
        const kind = pick(rng, ['staff', 'volunteer', 'unit', 'retiree'] as const);
        const helper = kind === 'retiree' ? (pick(rng, helpers) as PersonRow) : null;
        const from = dayBetween(rng, '2024-01-01', '2026-06-30');
        const ended = i < SIZES.endedPairs;
        const to = ended ? dayBetween(rng, addDays(from, 30), '2026-11-01') : null;
        const pairId = insertSynced(
          db,
          { ...ctx, subjectId: p.id },
          'assistance_pairs',
          {
            person_id: p.id,
            helper_kind: kind,
            helper_person_id: helper?.id ?? null,
            helper_name: helper?.name ?? pick(rng, ['社区工作人员张丽', '志愿者刘洋', '晋中市供电公司', '社工李红梅']),
            help_kinds: JSON.stringify([pick(rng, ['daily_care', 'emotional', 'medical_escort', 'errands'])]),
            frequency: pick(rng, ['weekly', 'biweekly', 'monthly', 'quarterly']),
            from_date: from,
            to_date: to,
            end_reason: ended ? '本人入住养老院' : '',
          },
          'assistance_pair',
        );
        // A fifth of the current pairs stopped being contacted two to five months ago (overdue).
        const last = to ?? (rng.chance(0.2) ? addDays(TODAY, -rng.int(60, 150)) : addDays(TODAY, -rng.int(0, 20)));
        for (let c = 0; c < SIZES.contactsPerPair; c++) {
          insertSynced(db, { ...ctx, subjectId: p.id }, 'assistance_contacts', { pair_id: pairId, date: c === 0 ? last : dayBetween(rng, from, last < from ? from : last), method: pick(rng, ['visit', 'phone', 'video']), content: '了解近况，帮助购买药品' }, 'assistance_contact');
          contacts++;
        }
      }
      Object.assign(counts, { pairs: SIZES.pairs, contacts });
    });

    const biggest = db.prepare('SELECT unit_id AS id, count(*) AS n FROM persons WHERE deleted_at IS NULL AND unit_id IS NOT NULL GROUP BY unit_id ORDER BY n DESC LIMIT 1').get() as { id: string; n: number };
    const busiest = [...perPerson.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    db.pragma('wal_checkpoint(TRUNCATE)');
    return {
      key,
      adminId,
      buildWallMs: Math.round(performance.now() - started),
      counts,
      biggestUnitId: biggest.id,
      biggestUnitPersons: biggest.n,
      biggestBranchId: branches[0] ?? '',
      busiestPersonId: busiest[0],
      busiestPersonActivities: busiest[1],
    };
  } finally {
    closeApp(app);
  }
}

function organisedFixture(base: CountyFixture, seed: number, log: (line: string) => void): { open(): OpenOrganised; meta: OrganisedMeta; builtNow: boolean } {
  const key = `organised-life-${base.meta.key}-${fileHash()}`;
  const dir = path.join(CACHE_ROOT, key);
  const metaFile = path.join(dir, 'meta.json');
  let builtNow = false;
  if (!fs.existsSync(metaFile)) {
    for (const entry of fs.readdirSync(CACHE_ROOT)) {
      if (entry.startsWith('organised-life-') && entry !== key) fs.rmSync(path.join(CACHE_ROOT, entry), { recursive: true, force: true });
    }
    const building = `${dir}.building-${process.pid}`;
    fs.rmSync(building, { recursive: true, force: true });
    log(`organised-life: filling a copy of ${base.dataDir} …`);
    fs.cpSync(base.dataDir, path.join(building, 'data'), { recursive: true });
    const meta = fill(path.join(building, 'data'), seed, key, base.meta.adminId, log);
    fs.writeFileSync(path.join(building, 'meta.json'), JSON.stringify(meta, null, 2));
    fs.renameSync(building, dir);
    builtNow = true;
  } else {
    log(`organised-life: reusing ${dir}`);
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as OrganisedMeta;
  return {
    meta,
    builtNow,
    open() {
      const app = openApp({ key: BENCH_DB_KEY, dataDir: path.join(dir, 'data'), transport: 'direct', clock });
      const session = app.sessions.create(clock().getTime());
      session.login(meta.adminId, 'admin', clock().getTime());
      return { app, session, meta, close: () => closeApp(app) };
    },
  };
}

interface Case {
  label: string;
  channel: string;
  input: Record<string, unknown>;
  /** The service call as its handler makes it. */
  service(db: Db): unknown;
  /** How many rows (or groups, or members) it returned, for the table. */
  size(value: unknown): number;
}

function casesOf(meta: OrganisedMeta): Case[] {
  const members = { branchId: meta.biggestBranchId, limit: PAGE };
  const feedback = { unitId: meta.biggestUnitId, from: '2026-07-01', to: '2026-09-30' };
  const match = { limit: PAGE };
  const volunteers = { limit: PAGE };
  const pairs = { status: 'current', limit: PAGE };
  const rowsOf = (v: unknown) => (v as { rows: unknown[] }).rows.length;
  return [
    { label: 'party.members.list (branch, page 1)', channel: 'party.members.list', input: members, service: (db) => listMembers(db, memberListQuerySchema.parse(members), TODAY), size: rowsOf },
    { label: 'party.dues.arrears (office, 2026-11)', channel: 'party.dues.arrears', input: { month: '2026-11' }, service: (db) => arrears(db, '2026-11', undefined), size: (v) => (v as unknown[]).length },
    { label: `units.feedback (biggest unit, Q3)`, channel: 'units.feedback', input: feedback, service: (db) => unitFeedback(db, feedbackQuerySchema.parse(feedback), TODAY), size: rowsOf },
    { label: 'units.matchSuggestions (page 1)', channel: 'units.matchSuggestions', input: match, service: (db) => matchSuggestions(db, matchQuerySchema.parse(match)), size: (v) => (v as { groups: unknown[] }).groups.length },
    { label: 'activities.calendar (2026-10)', channel: 'activities.calendar', input: { year: 2026, month: 10 }, service: (db) => monthCalendar(db, 2026, 10), size: rowsOf },
    { label: 'activities.forPerson (busiest)', channel: 'activities.forPerson', input: { personId: meta.busiestPersonId }, service: (db) => activitiesOfPerson(db, meta.busiestPersonId, TODAY), size: rowsOf },
    { label: 'volunteers.stats (2026)', channel: 'volunteers.stats', input: { year: 2026 }, service: (db) => volunteerStats(db, 2026, 2026), size: (v) => (v as { top: unknown[] }).top.length },
    { label: 'volunteers.list (page 1)', channel: 'volunteers.list', input: volunteers, service: (db) => listVolunteers(db, volunteerListQuerySchema.parse(volunteers), 2026), size: rowsOf },
    { label: 'pairs.list (current, overdue first)', channel: 'pairs.list', input: pairs, service: (db) => listPairs(db, pairListQuerySchema.parse(pairs), TODAY), size: rowsOf },
  ];
}

const dispatchLog = { error: (message: string, err: unknown) => console.error(message, err) };

/** Query plans of the distinct statements of one call, with how often each ran. */
function plansOf(db: Db, calls: readonly CapturedCall[]): string[] {
  const bySql = new Map<string, { call: CapturedCall; n: number }>();
  for (const call of calls) {
    const seen = bySql.get(call.sql);
    if (seen) seen.n++;
    else bySql.set(call.sql, { call, n: 1 });
  }
  return [...bySql.values()].map(({ call, n }) => {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${call.sql}`).all(...call.args) as { detail: string }[];
    return `×${n} ${call.sql.replace(/\s+/g, ' ').slice(0, 90)}… → ${rows.map((r) => r.detail).join(' | ')}`;
  });
}

async function measure(ctx: BenchContext, open: OpenOrganised): Promise<BenchTable> {
  const { app, session, meta } = open;
  const rounds = Math.max(10, Math.round(ctx.queries / 5));
  const runner = new RawRunner(app.db);
  const rows: Cell[][] = [];
  const notes: string[] = [];
  for (const c of casesOf(meta)) {
    ctx.log(`organised-life: ${c.label}`);
    const { calls, value } = captureStatements(app.db, (db) => c.service(db));
    const runRaw = runner.prepare(calls);
    const raw: number[] = [];
    const service: number[] = [];
    const viaDispatch: number[] = [];
    const paths: (() => Promise<void>)[] = [
      () => {
        const t = performance.now();
        runRaw();
        raw.push(performance.now() - t);
        return Promise.resolve();
      },
      () => {
        const t = performance.now();
        c.service(app.db);
        service.push(performance.now() - t);
        return Promise.resolve();
      },
      async () => {
        const t = performance.now();
        const result = await dispatch(app, session, c.channel, c.input, {}, dispatchLog);
        viaDispatch.push(performance.now() - t);
        if (!result.ok) throw new Error(`${c.channel} failed: ${result.error.code} ${result.error.message}`);
      },
    ];
    // One warm-up of each path, not counted; then the order rotates from round to round.
    for (const p of paths) await p();
    raw.length = service.length = viaDispatch.length = 0;
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < paths.length; k++) await (paths[(round + k) % paths.length] as () => Promise<void>)();
    }
    const s = { raw: summarise(raw), service: summarise(service), dispatch: summarise(viaDispatch) };
    rows.push([
      c.label,
      c.size(value),
      calls.length,
      ms(s.raw.p50),
      ms(s.raw.p95),
      ms(s.service.p50),
      ms(s.service.p95),
      ratio(s.service.p95, s.raw.p95),
      ms(s.dispatch.p50),
      ms(s.dispatch.p95),
      ratio(s.dispatch.p95, s.raw.p95),
      mark(s.dispatch.p95 <= P95_TARGET_MS),
    ]);
    if (s.dispatch.p95 > P95_TARGET_MS) notes.push(`${c.label} — query plans:`, ...plansOf(app.db, calls).map((p) => `    ${p}`));
  }
  return {
    title: `Organised-life read paths (units, party, activities, volunteers, pairs) on ${meta.counts['persons']?.toLocaleString('en') ?? '?'} persons (ms, ${rounds} runs each after one warm-up; today ${TODAY})`,
    columns: ['case', 'rows', 'stmts', 'raw p50', 'raw p95', 'svc p50', 'svc p95', 'svc/raw', 'disp p50', 'disp p95', 'disp/raw', `p95≤${P95_TARGET_MS}`],
    rows,
    notes: [
      `data: ${Object.entries(meta.counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}.`,
      `biggest unit ${meta.biggestUnitPersons} linked persons; busiest person in ${meta.busiestPersonActivities} activities; page size ${PAGE}; setup ${(meta.buildWallMs / 1000).toFixed(1)} s.`,
      'raw = the statements the service ran, captured and replayed; stmts = how many it ran per call. Target printed, never asserted.',
      ...notes,
    ],
  };
}

async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const base = await countyFixture({ seed: ctx.seed, persons: PERSONS, log: ctx.log });
  const fixture = organisedFixture(base, ctx.seed, ctx.log);
  const open = fixture.open();
  try {
    return [await measure(ctx, open)];
  } finally {
    open.close();
  }
}

export const organisedLifeBenchmark: Benchmark = {
  name: 'organised-life',
  description: 'units, party, activities, volunteers and pairs read paths on a 20,000-person office with raw-SQL baselines',
  run,
};
