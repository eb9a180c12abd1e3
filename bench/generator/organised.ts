/**
 * The organised life of a demo office: original units, party branches with members,
 * meetings and dues, activities, volunteer teams and assistance pairs, made for the persons already
 * on the register. Everything goes through the service functions, and every input is first parsed
 * with the channel's own schema, so each row is one the app could have made. Sign-ups for activities
 * that are over are made "as of" a few days before them (the service refuses sign-ups afterwards),
 * exactly as staff would have entered them then. Seeded: the same register and seed give the same data.
 */
import type { Db } from '../../main/db/connection';
import type { WriteContext } from '../../main/db/sync';
import { confirmMatches } from '../../main/services/units/match';
import { createUnit } from '../../main/services/units/units';
import { appoint, createBranch } from '../../main/services/party/branches';
import { addMember, eighteenthBirthday, membersOn } from '../../main/services/party/memberships';
import { createMeeting } from '../../main/services/party/meetings';
import { recordMonth } from '../../main/services/party/dues';
import { createActivity, recordAttendance, signUp } from '../../main/services/activities/activities';
import { createTeam } from '../../main/services/volunteers/teams';
import { createVolunteer } from '../../main/services/volunteers/people';
import { logBatch } from '../../main/services/volunteers/services';
import { addContact, createPair } from '../../main/services/pairs/pairs';
import { confirmMatchSchema, unitFieldsSchema } from '../../shared/schemas/units';
import { addMemberSchema, appointSchema, branchFieldsSchema, meetingFieldsSchema, recordMonthSchema, type ManagementMode, type RelationHeld } from '../../shared/schemas/party';
import { activityFieldsSchema, attendanceSchema, signUpSchema, type ActivityKind, type PlaceKind } from '../../shared/schemas/activities';
import { batchServiceSchema, newVolunteerSchema, teamFieldsSchema, type TeamKind } from '../../shared/schemas/volunteers';
import { newContactSchema, newPairSchema, type ContactMethod, type HelpKind, type HelperKind, type PairFrequency } from '../../shared/schemas/pairs';
import { Rng, Weighted } from './prng';
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from './vocabulary';
import { statementCache } from './insert';

export interface OrganisedCounts {
  units: number;
  linkedPersons: number;
  branches: number;
  members: number;
  meetings: number;
  dues: number;
  activities: number;
  participants: number;
  teams: number;
  volunteers: number;
  services: number;
  pairs: number;
  contacts: number;
}

interface PersonRow {
  id: string;
  name: string;
  birth_date: string;
  political_status: string;
  living_situation: string;
  original_unit: string;
  unit_level: string;
  grid: string;
}

// ---------- dates ----------

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
const pad = (n: number) => String(n).padStart(2, '0');
function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

// ---------- words ----------

const surnames = new Weighted(SURNAMES);
function personName(rng: Rng): string {
  return surnames.draw(rng) + (rng.chance(0.5) ? rng.pick(MALE_GIVEN) : rng.pick(FEMALE_GIVEN));
}
function mobile(rng: Rng): string {
  return `1${rng.pick(['35', '39', '52', '58', '83', '87', '37', '51'])}${rng.digits(8)}`;
}

const MEETING_TOPICS = [
  '学习党的二十届三中全会精神', '学习《中国共产党纪律处分条例》', '“学党史、悟思想”专题学习', '主题党日：重温入党誓词',
  '组织生活会暨民主评议党员', '学习习近平总书记关于老龄工作的重要论述', '观看红色教育影片《长津湖》', '社区发展“金点子”座谈',
  '学习全国两会精神', '纪念建党节主题党日', '学习《关于加强新时代离退休干部党的建设工作的意见》', '“银发生辉”志愿服务动员会',
];
const ABSENCE_REASONS = ['养病', '外出', '探亲'] as const;

interface ActivityTemplate {
  kind: ActivityKind;
  titles: readonly string[];
  placeKind: PlaceKind;
  places: readonly string[];
  organiser: string;
}
const ACTIVITY_TEMPLATES: readonly ActivityTemplate[] = [
  { kind: 'political_study', titles: ['时事政策报告会', '读书分享会：《习近平谈治国理政》', '形势政策宣讲', '老干部学习讲座'], placeKind: 'community_centre', places: ['社区党群服务中心二楼会议室', '社区多功能厅'], organiser: '社区党委' },
  { kind: 'culture_sports', titles: ['太极拳晨练', '门球友谊赛', '书画笔会', '合唱团排练', '象棋比赛', '重阳节文艺汇演'], placeKind: 'community_centre', places: ['社区文体活动室', '社区广场', '门球场'], organiser: '社区老年协会' },
  { kind: 'health_talk', titles: ['高血压防治讲座', '冬季防跌倒健康讲座', '免费测血压血糖', '糖尿病饮食指导', '中医养生讲座'], placeKind: 'day_care', places: ['日间照料中心', '社区卫生服务站'], organiser: '社区卫生服务站' },
  { kind: 'interest_group', titles: ['摄影兴趣小组', '智能手机使用课', '剪纸兴趣班', '园艺小组活动'], placeKind: 'senior_university', places: ['老年大学教室', '老年大学活动室'], organiser: '老年大学' },
  { kind: 'visit', titles: ['参观廉政教育基地', '参观八路军太行纪念馆', '参观城市规划馆'], placeKind: 'other', places: ['市廉政教育基地', '八路军太行纪念馆', '城市规划展览馆'], organiser: '社区党委' },
];

interface TeamTemplate {
  name: string;
  kind: TeamKind;
  services: readonly string[];
}
const TEAM_TEMPLATES: readonly TeamTemplate[] = [
  { name: '银发巡逻队', kind: 'patrol', services: ['小区夜间治安巡逻', '节日期间安全巡查', '楼道消防通道检查'] },
  { name: '文明交通劝导队', kind: 'traffic', services: ['学校门口交通劝导', '路口文明出行劝导'] },
  { name: '环境卫生监督队', kind: 'sanitation', services: ['小区环境卫生清理', '垃圾分类宣传指导', '清理小广告'] },
  { name: '邻里调解小组', kind: 'mediation', services: ['邻里纠纷调解', '楼道漏水纠纷调解'] },
  { name: '政策宣讲团', kind: 'policy', services: ['医保政策宣讲', '防范养老诈骗宣传', '理论宣讲进楼院'] },
  { name: '关心下一代工作组', kind: 'next_generation', services: ['青少年红色故事会', '假期学生作业辅导'] },
];
const OUTSIDE_ORGANISATIONS = ['市第三中学', '区税务局', '国网供电公司', '市人民医院', '社区物业公司', ''] as const;

const HELPER_KINDS: readonly HelperKind[] = ['staff', 'volunteer', 'unit', 'retiree'];
const CONTACT_TEXTS: Record<ContactMethod, readonly string[]> = {
  visit: ['上门看望，帮助打扫卫生，老人精神状态良好', '上门陪老人聊天，检查家中燃气和电器安全', '陪同老人到社区卫生服务站量血压', '帮助代购米面油等生活用品'],
  phone: ['电话问候，老人身体平稳，嘱咐按时服药', '电话了解近况，老人提出想参加社区活动', '电话提醒天气变化注意保暖'],
  video: ['视频通话，帮助老人与外地子女连线'],
  other: ['在社区活动中见面交流'],
};

// ---------- the fill ----------

export interface OrganisedOptions {
  seed: number;
  /** 'YYYY-MM-DD': the day the demo is made. */
  today: string;
}

/** Tables of the organised life; an office that has rows in any of them is left as it is. */
const ORGANISED_TABLES = ['units', 'party_branches', 'activities', 'volunteer_teams', 'volunteers', 'assistance_pairs'] as const;

/**
 * Fills the organised life for the active persons of the register. Call it inside a transaction.
 * Returns null, writing nothing, when the office already has some (a second demo run only adds
 * persons: a second set of branches and teams would clash with the first by name and membership).
 */
export function fillOrganisedLife(db: Db, ctx: WriteContext, options: OrganisedOptions): OrganisedCounts | null {
  const target = statementCache(db);
  for (const table of ORGANISED_TABLES) {
    if (target.prepare(`SELECT 1 FROM ${table} WHERE deleted_at IS NULL LIMIT 1`).get() !== undefined) return null;
  }
  const rng = new Rng(options.seed ^ 0x6a09e667);
  const counts: OrganisedCounts = {
    units: 0, linkedPersons: 0, branches: 0, members: 0, meetings: 0, dues: 0, activities: 0, participants: 0, teams: 0, volunteers: 0, services: 0, pairs: 0, contacts: 0,
  };
  // The register in a seeded order: ID numbers come from the generator's seed, ids are random.
  const persons = target
    .prepare(
      `SELECT id, name, birth_date, political_status, living_situation, original_unit, unit_level, grid FROM persons
       WHERE deleted_at IS NULL AND status = 'active' ORDER BY id_number`,
    )
    .all() as PersonRow[];
  if (persons.length === 0) return counts;
  const staff = Array.from({ length: 6 }, () => personName(rng));
  fillUnits(target, ctx, rng.fork(1), persons, counts);
  fillParty(target, ctx, rng.fork(2), persons, staff, options.today, counts);
  fillActivities(target, ctx, rng.fork(3), persons, options.today, counts);
  const outsideVolunteers = fillVolunteers(target, ctx, rng.fork(4), persons, options.today, counts);
  fillPairs(target, ctx, rng.fork(5), persons, staff, outsideVolunteers, options.today, counts);
  return counts;
}

/** ~1 unit per 40 persons from the commonest typed texts; half of them confirmed (persons linked), half left to 匹配原单位. */
function fillUnits(db: Db, ctx: WriteContext, rng: Rng, persons: readonly PersonRow[], counts: OrganisedCounts): void {
  const byText = new Map<string, { n: number; level: string }>();
  for (const p of persons) {
    if (p.original_unit.trim().length < 2) continue;
    const e = byText.get(p.original_unit) ?? { n: 0, level: p.unit_level };
    e.n++;
    byText.set(p.original_unit, e);
  }
  const top = [...byText.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).slice(0, Math.max(1, Math.round(persons.length / 40)));
  top.forEach(([text, { level }], i) => {
    const fields = unitFieldsSchema.parse({
      name: text,
      level,
      retireeDepartment: rng.pick(['老干部处', '离退休干部处', '老干部科', '人事科']),
      contactPerson: personName(rng),
      contactPhone: `0351-${rng.int(2, 8)}${rng.digits(6)}`,
      partyContact: personName(rng),
      partyPhone: mobile(rng),
    });
    if (i % 2 === 0) {
      const input = confirmMatchSchema.parse({ texts: [text], newUnit: fields });
      counts.linkedPersons += confirmMatches(db, ctx, input).linked;
    } else {
      createUnit(db, ctx, fields);
    }
    counts.units++;
  });
}

function fillParty(db: Db, ctx: WriteContext, rng: Rng, persons: readonly PersonRow[], staff: readonly string[], today: string, counts: OrganisedCounts): void {
  const year = today.slice(0, 4);
  const cpc = persons.filter((p) => p.political_status === 'cpc' && p.birth_date !== '');
  if (cpc.length === 0) return;
  // The oldest tenth (born earliest) meets at the 老党员活动站; the rest in branches of ~150.
  const byAge = [...cpc].sort((a, b) => (a.birth_date < b.birth_date ? -1 : a.birth_date > b.birth_date ? 1 : 0));
  const stationCount = Math.min(byAge.length, Math.max(1, Math.round(cpc.length / 10)));
  const stationMembers = byAge.slice(0, stationCount);
  const inStation = new Set(stationMembers);
  const rest = cpc.filter((p) => !inStation.has(p));
  const branchCount = Math.max(1, Math.round(rest.length / 150));
  const groups: { name: string; kind: 'branch' | 'station'; members: PersonRow[] }[] = [];
  for (let b = 0; b < branchCount; b++) {
    groups.push({ name: `离退休干部第${'一二三四五六七八九十'[b % 10]}${b >= 10 ? b + 1 : ''}党支部`, kind: 'branch', members: rest.filter((_, i) => i % branchCount === b) });
  }
  groups.push({ name: '老党员活动站', kind: 'station', members: stationMembers });
  const modes = new Weighted<[RelationHeld, ManagementMode]>([
    [['community', 'single'], 5],
    [['original_unit', 'multi'], 3],
    [['original_unit', 'combined'], 2],
  ]);
  groups.forEach((g, gi) => {
    const branchId = createBranch(
      db,
      ctx,
      branchFieldsSchema.parse({ name: g.name, kind: g.kind, foundedOn: `${2008 + gi}-07-01`, meetingPlace: g.kind === 'station' ? '老年活动中心一楼' : '社区党群服务中心会议室' }),
    );
    counts.branches++;
    const memberSince = `${Number(year) - 1}-0${rng.int(1, 9)}-01`;
    // Those in the branch since it was set up; the committee is chosen among them.
    const founding: PersonRow[] = [];
    for (const p of g.members) {
      const earliest = eighteenthBirthday(p.birth_date);
      // Joined the party at 18–35, in a plausible month; never before 18 nor after the branch date.
      const joinYear = Number(earliest.slice(0, 4)) + rng.int(0, 17);
      let joined = `${joinYear}-${pad(rng.int(1, 12))}-01`;
      if (joined < earliest) joined = earliest;
      const [relationHeld, managementMode] = modes.draw(rng);
      const fromDate = rng.chance(0.9) ? memberSince : `${year}-0${rng.int(1, 6)}-15`;
      if (fromDate === memberSince) founding.push(p);
      addMember(
        db,
        ctx,
        addMemberSchema.parse({ personId: p.id, branchId, fromDate: fromDate > today ? today : fromDate, partyJoinedOn: joined > today ? null : joined, relationHeld, managementMode }),
        today,
      );
      counts.members++;
    }
    // The first branch's secretary is a community staff member (一肩挑); others are elected members.
    const secretary = gi === 0 || founding.length === 0 ? null : (founding[rng.int(0, founding.length - 1)] as PersonRow);
    appoint(db, ctx, appointSchema.parse({ branchId, post: 'secretary', personId: secretary?.id ?? null, staffName: secretary ? '' : (staff[0] as string), fromDate: memberSince }));
    const others = founding.filter((m) => m !== secretary);
    if (others.length > 1) {
      appoint(db, ctx, appointSchema.parse({ branchId, post: 'deputy', personId: (others[0] as PersonRow).id, fromDate: memberSince }));
      appoint(db, ctx, appointSchema.parse({ branchId, post: 'member', personId: (others[1] as PersonRow).id, fromDate: memberSince }));
    }
    fillMeetingsAndDues(db, ctx, rng, branchId, g.kind, today, counts);
  });
}

function fillMeetingsAndDues(db: Db, ctx: WriteContext, rng: Rng, branchId: string, kind: 'branch' | 'station', today: string, counts: OrganisedCounts): void {
  const year = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  for (let m = 1; m <= thisMonth; m++) {
    const month = `${year}-${pad(m)}`;
    const date = `${month}-${pad(rng.int(5, 25))}`;
    if (date > today) break;
    const members = membersOn(db, branchId, date);
    const attendance = members.map((mb) =>
      rng.chance(0.85) ? { personId: mb.personId, present: true } : { personId: mb.personId, present: false, absenceReason: rng.pick(ABSENCE_REASONS) },
    );
    const meetingKind = m === 7 ? 'theme_day' : kind === 'station' || m % 3 === 2 ? 'study' : 'organisational';
    createMeeting(
      db,
      ctx,
      meetingFieldsSchema.parse({ branchId, kind: meetingKind, date, topic: m === 7 ? '纪念建党节主题党日' : rng.pick(MEETING_TOPICS), place: kind === 'station' ? '老年活动中心一楼' : '社区党群服务中心会议室', attendance }),
      today,
    );
    counts.meetings++;
  }
  // Dues for the months of this year that are over; about one member in ten is a month or three behind.
  const amounts = new Map<string, number>();
  const behind = new Map<string, number>();
  for (let m = 1; m < thisMonth; m++) {
    const month = `${year}-${pad(m)}`;
    const entries = membersOn(db, branchId, lastDayOfMonth(month))
      .filter((mb) => {
        if (!behind.has(mb.personId)) behind.set(mb.personId, rng.chance(0.1) ? rng.int(1, 3) : 0);
        return m < thisMonth - (behind.get(mb.personId) ?? 0);
      })
      .map((mb) => {
        if (!amounts.has(mb.personId)) amounts.set(mb.personId, rng.pick([200, 500, 1000, 1500, 2000, 3000, 5000]));
        return { personId: mb.personId, amountFen: amounts.get(mb.personId) as number };
      });
    if (entries.length === 0) continue;
    const paidOn = `${month}-${pad(rng.int(5, 28))}`;
    counts.dues += recordMonth(db, ctx, recordMonthSchema.parse({ branchId, month, paidOn: paidOn > today ? today : paidOn, entries }), today).count;
  }
}

/** About two activities a week, from three months back to two weeks ahead. */
function fillActivities(db: Db, ctx: WriteContext, rng: Rng, persons: readonly PersonRow[], today: string, counts: OrganisedCounts): void {
  const start = addDays(today, -91);
  for (let day = start; day <= addDays(today, 14); day = addDays(day, 1)) {
    const wd = weekday(day);
    if (wd === 0 || wd === 6 || !rng.chance(0.4)) continue;
    const t = rng.pick(ACTIVITY_TEMPLATES);
    const startHour = rng.pick([8, 9, 9, 14, 15]);
    const capacity = rng.chance(0.25) ? null : rng.pick([20, 30, 40, 50, 60]);
    const id = createActivity(
      db,
      ctx,
      activityFieldsSchema.parse({
        kind: t.kind,
        title: rng.pick(t.titles),
        date: day,
        startTime: `${pad(startHour)}:${rng.pick(['00', '30'])}`,
        endTime: `${pad(startHour + rng.int(1, 2))}:00`,
        placeKind: t.placeKind,
        place: rng.pick(t.places),
        organiser: t.organiser,
        capacity,
      }),
    );
    counts.activities++;
    const wanted = Math.min(capacity ?? 45, rng.int(8, 40), persons.length);
    const chosen = rng.sample(persons, wanted).map((p) => p.id);
    if (chosen.length === 0) continue;
    // Sign-ups come in the days before: for an activity that is over, as of then.
    const signedOn = day < today ? addDays(day, -rng.int(1, 7)) : today;
    const ids = signUp(db, ctx, id, signUpSchema.parse({ activityId: id, personIds: chosen }).personIds, signedOn);
    counts.participants += ids.length;
    if (day < today) {
      const attendance = ids.map((participantId) => ({ participantId, attended: rng.chance(0.85) }));
      const signed = new Set(chosen);
      const walkIns = rng.sample(persons, rng.int(0, 3)).map((p) => p.id).filter((pid) => !signed.has(pid));
      const input = attendanceSchema.parse({ activityId: id, attendance, walkIns });
      counts.participants += recordAttendance(db, ctx, input, today).walkInIds.length;
    }
  }
}

/** 4–6 teams of registry and outside volunteers, with service records over the year. Returns outside volunteers' names. */
function fillVolunteers(db: Db, ctx: WriteContext, rng: Rng, persons: readonly PersonRow[], today: string, counts: OrganisedCounts): string[] {
  const year = Number(today.slice(0, 4));
  const teams = rng.sample(TEAM_TEMPLATES, rng.int(4, 6));
  const candidates = persons.filter((p) => p.birth_date >= `${year - 78}`);
  const used = new Set<string>();
  const outside: string[] = [];
  const joinedOn = `${year}-01-01` > today ? today : `${year}-01-01`;
  for (const t of teams) {
    const leader = personName(rng);
    const teamId = createTeam(db, ctx, teamFieldsSchema.parse({ name: t.name, kind: t.kind, leader, foundedOn: `${year - rng.int(2, 8)}-03-01` }), today);
    counts.teams++;
    const members: string[] = [];
    const size = Math.min(rng.int(8, 16), candidates.length + 4);
    for (let i = 0; i < size; i++) {
      const fromRegistry = rng.chance(0.7) ? candidates[rng.int(0, candidates.length - 1)] : undefined;
      if (fromRegistry && !used.has(fromRegistry.id)) {
        used.add(fromRegistry.id);
        members.push(createVolunteer(db, ctx, newVolunteerSchema.parse({ kind: 'retiree', personId: fromRegistry.id, teamId, joinedOn }), today));
      } else {
        const organisation = rng.pick(OUTSIDE_ORGANISATIONS);
        const name = personName(rng);
        outside.push(name);
        const input = newVolunteerSchema.parse({ kind: organisation === '' ? 'resident' : 'unit', name, phone: mobile(rng), organisation, teamId, joinedOn });
        members.push(createVolunteer(db, ctx, input, today));
      }
      counts.volunteers++;
    }
    // Every one or two weeks a turn of duty for part of the team.
    for (let day = addDays(joinedOn, rng.int(3, 10)); day <= today; day = addDays(day, rng.int(7, 14))) {
      const entries = rng.sample(members, rng.int(2, Math.max(2, Math.ceil(members.length / 2)))).map((volunteerId) => ({ volunteerId, hours: rng.pick([1, 1.5, 2, 2, 3, 4]) }));
      const input = batchServiceSchema.parse({ teamId, date: day, description: rng.pick(t.services), entries });
      counts.services += logBatch(db, ctx, { teamId, date: input.date, description: input.description, entries: input.entries.map((e) => ({ volunteerId: e.volunteerId, minutes: e.hours })) }, today).length;
    }
  }
  return outside;
}

const FREQUENCY_DAYS: Record<PairFrequency, number> = { weekly: 7, biweekly: 14, monthly: 30, quarterly: 91 };

/** A pair for each person living alone, with contacts at about the agreed rhythm. */
function fillPairs(
  db: Db,
  ctx: WriteContext,
  rng: Rng,
  persons: readonly PersonRow[],
  staff: readonly string[],
  outsideVolunteers: readonly string[],
  today: string,
  counts: OrganisedCounts,
): void {
  const alone = persons.filter((p) => p.living_situation === 'alone');
  const younger = persons.filter((p) => p.living_situation !== 'alone');
  const frequencies = new Weighted<PairFrequency>([['weekly', 2], ['biweekly', 3], ['monthly', 4], ['quarterly', 1]]);
  const helps: readonly HelpKind[] = ['daily_care', 'emotional', 'medical_escort', 'errands', 'legal'];
  for (const p of alone) {
    const helperKind = rng.pick(HELPER_KINDS);
    const helper = helperKind === 'retiree' && younger.length > 0 ? younger[rng.int(0, younger.length - 1)] : undefined;
    const kind: HelperKind = helperKind === 'retiree' && !helper ? 'staff' : helperKind;
    const helperName =
      kind === 'staff' ? rng.pick(staff) : kind === 'volunteer' ? (outsideVolunteers.length > 0 ? rng.pick(outsideVolunteers) : personName(rng)) : kind === 'unit' ? (p.original_unit.length >= 2 ? p.original_unit : '社区卫生服务站') : '';
    const frequency = frequencies.draw(rng);
    const fromDate = addDays(today, -rng.int(60, 540));
    const input = newPairSchema.parse({
      personId: p.id,
      helperKind: kind,
      helperPersonId: helper?.id ?? null,
      helperName,
      helperPhone: kind === 'unit' ? '' : mobile(rng),
      helpKinds: rng.sample(helps, rng.int(1, 2)),
      frequency,
      fromDate,
    });
    const pairId = createPair(db, ctx, input);
    counts.pairs++;
    // The last few contacts, the most recent ones sometimes late (so the 逾期 list is not empty).
    const step = FREQUENCY_DAYS[frequency];
    let day = addDays(today, -rng.int(0, Math.round(step * 1.5)));
    for (let k = 0; k < rng.int(2, 6) && day >= fromDate; k++) {
      const method: ContactMethod = rng.chance(0.6) ? 'visit' : rng.chance(0.85) ? 'phone' : rng.chance(0.5) ? 'video' : 'other';
      addContact(db, ctx, newContactSchema.parse({ pairId, date: day, method, content: rng.pick(CONTACT_TEXTS[method]) }), today);
      counts.contacts++;
      day = addDays(day, -(step + rng.int(-2, 3)));
    }
  }
}
