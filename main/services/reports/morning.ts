/**
 * The office head's morning view (首页): what needs doing today, each a count with the list behind
 * it — overdue visits by worker, this season's campaigns against their goals, requests open past
 * due, pairs not contacted in time, persons without a responsible contact, persons in hospital,
 * recent deaths, the 整寿 birthdays of the next 30 days, and dues not paid. The figures are those of
 * the catalogue, so the home page and the 统计 section never disagree.
 */
import { cachedStatement } from '../../db/statements';
import { CAMPAIGNS, addDays, type Campaign } from '../../../shared/reports/period';
import { campaignKey, indicator, type IndicatorDef } from '../../../shared/reports/catalogue';
import { chongyang, partyDay, springFestival } from '../../../shared/schedule/holidays';
import type { Morning } from '../../../shared/schemas/reports';
import { birthdayOf, decodeLunarBirthday } from '../../../shared/lunarBirthday';
import { listPairs } from '../pairs/pairs';
import { computeFor, drill, periodOf } from './engine';
import { duesMonthOf } from './indicators';
import type { ReportContext } from './scope';
import { officeIs } from './sql';

/** The 整寿 birthdays shown are those of today and the next 30 days. */
const BIRTHDAY_DAYS = 30;
const birthdaysUntil = (today: string) => addDays(today, BIRTHDAY_DAYS);

/** A campaign is "this season" from 45 days before its day until 30 days after it; 整寿 birthdays all year. */
const SEASON_BEFORE = 45;
const SEASON_AFTER = 30;

function campaignDay(c: Campaign, year: number): string {
  if (c === 'spring_festival') return springFestival(year);
  if (c === 'chongyang') return chongyang(year);
  if (c === 'party_day') return partyDay(year);
  return `${year}-12-31`;
}

function def(key: string): IndicatorDef {
  return indicator(key) as IndicatorDef;
}

function seasonCampaigns(rc: ReportContext): Morning['campaigns'] {
  const year = Number(rc.today.slice(0, 4));
  const out: Morning['campaigns'] = [];
  for (const c of CAMPAIGNS) {
    for (const y of [year - 1, year, year + 1]) {
      const day = campaignDay(c, y);
      const inSeason = c === 'birthday' ? y === year : addDays(day, -SEASON_BEFORE) <= rc.today && rc.today <= addDays(day, SEASON_AFTER);
      if (!inSeason || `${y}-01-01` > rc.today || `${y}-12-31` < rc.recordsFrom) continue;
      const d = def(campaignKey(c));
      const r = computeFor(rc, d, periodOf(rc, d, `${c}:${y}`), undefined, ['due', 'visited', 'coverage']);
      if ((r.figures['due'] ?? 0) === 0) continue;
      out.push({
        campaign: c,
        year: y,
        dueDate: day,
        due: r.figures['due'] ?? 0,
        visited: r.figures['visited'] ?? 0,
        coverage: r.figures['coverage'] ?? null,
        goal: r.goal?.target ?? 100,
        status: r.goal?.status ?? null,
      });
    }
  }
  return out;
}

/**
 * Open visits past their due date, by the worker responsible now: overdue (still to be made) and
 * missed this past month. A visit's window opens by its due date (a CHECK of planned_visits), so
 * the open visits due before today are among those whose window opened before today: read from
 * planned_visits_window, which holds every column asked of a visit, instead of the index of due
 * dates and each visit's row (the + keeps SQLite off that one). In spring-festival season at a
 * county, with 49,000 such visits, that is about 180 ms rather than 500.
 */
function overdueByWorker(rc: ReportContext): Morning['overdueByWorker'] {
  const rows = cachedStatement(
    rc.db,
    `SELECT c.user_id, coalesce(u.display_name, c.user_name) AS name,
       sum(v.missed_after >= @today) AS overdue, sum(v.missed_after < @today) AS missed
     FROM planned_visits v JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL
       LEFT JOIN contact_assignments c ON c.person_id = v.person_id AND c.role = 'primary' AND c.to_date IS NULL AND c.deleted_at IS NULL
       LEFT JOIN users u ON u.id = c.user_id
     WHERE v.deleted_at IS NULL AND v.done_on IS NULL AND v.cancelled_on IS NULL AND v.window_start < @today AND +v.due_date < @today AND v.missed_after >= @missedSince
       AND ${officeIs(rc.office)}
     GROUP BY c.user_id ORDER BY overdue DESC, missed DESC, name`,
  ).all({ today: rc.today, missedSince: addDays(rc.today, -30), office: rc.office }) as { user_id: string | null; name: string | null; overdue: number; missed: number }[];
  return rows.map((r) => ({ userId: r.user_id, name: r.name, overdue: r.overdue, missed: r.missed }));
}

/**
 * The 整寿 birthdays of the next 30 days whose visit is still to be made: what the card's link opens,
 * the worklist of birthday visits due in those days (a visit made early needs no reminder).
 */
function birthdays(rc: ReportContext): Morning['birthdays'] {
  const rows = cachedStatement(
    rc.db,
    `SELECT p.id, p.name, p.birth_date, p.lunar_birthday, v.key, v.due_date FROM planned_visits v JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL
     WHERE v.deleted_at IS NULL AND v.reason = 'birthday' AND v.cancelled_on IS NULL AND v.done_on IS NULL AND v.due_date BETWEEN @today AND @until AND p.status = 'active' AND ${officeIs(rc.office)}
     ORDER BY v.due_date, p.name_pinyin`,
  ).all({ today: rc.today, until: birthdaysUntil(rc.today), office: rc.office }) as { id: string; name: string; birth_date: string; lunar_birthday: string | null; key: string; due_date: string }[];
  const rules = rc.settings.scheduleRules;
  return rows.map((r) => {
    // The age the visit was planned for: the planner's rule (周岁 or 虚岁, solar or lunar) for the key's year.
    const year = Number(r.key.slice('birthday:'.length)) || Number(r.due_date.slice(0, 4));
    const age = birthdayOf(r.birth_date, decodeLunarBirthday(r.lunar_birthday), rules, year).age;
    return { personId: r.id, name: r.name, date: r.due_date, detail: `${age}岁`, age };
  });
}

export function morning(rc: ReportContext): Morning {
  const today = rc.today;
  const asOfToday = `${today}..${today}`;
  const requests = computeFor(rc, def('requests.summary'), periodOf(rc, def('requests.summary'), asOfToday), undefined, ['openPastDue']);
  const contacts = computeFor(rc, def('persons.contacts'), periodOf(rc, def('persons.contacts'), today), undefined, ['noResponsible']);
  const hospital = drill(rc, { key: 'persons.hospital', measure: 'inHospital', period: today, limit: 20, offset: 0 });
  const since = addDays(today, -30) < rc.recordsFrom ? rc.recordsFrom : addDays(today, -30);
  const deaths = drill(rc, { key: 'persons.changes', measure: 'died', period: `${since}..${today}`, limit: 20, offset: 0 });
  const dues = computeFor(rc, def('party.dues'), periodOf(rc, def('party.dues'), today), undefined, ['persons', 'months']);
  const byWorker = overdueByWorker(rc);
  return {
    today,
    office: { id: rc.office, name: rc.officeName, bureauOwn: rc.bureauOwn },
    overdueByWorker: byWorker,
    overdueTotal: byWorker.reduce((n, w) => n + w.overdue, 0),
    campaigns: seasonCampaigns(rc),
    requestsPastDue: requests.figures['openPastDue'] ?? 0,
    requestDueDays: rc.settings.reports.requestDueDays,
    // The scope's pairs, as every other card counts the scope's persons (at a bureau its own).
    pairsOverdue: listPairs(rc.db, { status: 'current', limit: 1, offset: 0, ...(rc.office !== null ? { office: rc.office } : {}) }, today).overdueCount,
    noContact: contacts.figures['noResponsible'] ?? 0,
    inHospitalCount: hospital.total,
    recentDeathsCount: deaths.total,
    deathsSince: since,
    inHospital: hospital.rows.map((r) => ({ personId: r.personId ?? r.id, name: String(r.cells['name'] ?? ''), date: String(r.cells['since'] ?? ''), detail: String(r.cells['institution'] ?? '') })),
    recentDeaths: deaths.rows
      .map((r) => ({ personId: r.personId ?? r.id, name: String(r.cells['name'] ?? ''), date: String(r.cells['statusDate'] ?? ''), detail: r.cells['age'] === null ? '' : `${String(r.cells['age'])}岁` }))
      .sort((a, b) => b.date.localeCompare(a.date)),
    birthdays: birthdays(rc),
    birthdaysUntil: birthdaysUntil(today),
    dues: { month: duesMonthOf(today), persons: dues.figures['persons'] ?? 0, months: dues.figures['months'] ?? 0 },
  };
}
