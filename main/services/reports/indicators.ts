/**
 * One implementation per indicator of the catalogue: the facts it counts, as SQL (or, where a rule
 * already lives in another service, as rows that service computes). Every fact is one row with
 *
 *   id          the person, visit, record, branch … the fact is about
 *   person_id   the person, when the fact concerns one (the drill-down shows their columns)
 *   d_<dim>     its value for each breakdown the catalogue lists
 *   m_<measure> its contribution to each measure (0/1 for counts)
 *   x_<column>  what the drill-down list shows of it besides the person
 *   o           its place in the drill-down list
 *
 * engine.ts adds facts up (by a breakdown or not) and lists them; nothing here adds up. The office
 * is the context's (an origin_office as @office, or null for every record this database holds;
 * officeIs writes the filter), so the county bureau counts each office with this same code.
 */
import { cachedStatement } from '../../db/statements';
import type { Db } from '../../db/connection';
import type { OfficeSettings } from '../../../shared/schemas/settings';
import type { ResolvedPeriod } from '../../../shared/reports/period';
import { addDays, dayBefore } from '../../../shared/reports/period';
import { INDICATORS, type Dim } from '../../../shared/reports/catalogue';
import { arrears } from '../party/dues';
import { LIVING_VOLUNTEER } from '../volunteers/common';
import { PERSON_DIMS, REGISTERED_ON, STILL_DUE, contactOn, hasContactOn, localDayStartUtc, officeIs, onRegister, personDimsOf, registerOnAsOf, statusOn } from './sql';

export interface FactContext {
  db: Db;
  office: string | null;
  period: ResolvedPeriod;
  today: string;
  settings: OfficeSettings;
  /**
   * The measures the caller reads, each summed or listed where above 0 (undefined: every measure,
   * however added up). Facts may then leave out rows where each of these is 0 or NULL, when an
   * index finds the others faster than every person is looked at.
   */
  counted?: readonly string[] | undefined;
}

export type FactValue = string | number | null;
export interface FactRow {
  id: string;
  person_id: string | null;
  o: string;
  [column: string]: FactValue;
}

export type FactSource = { sql: string; params: Record<string, FactValue> } | { rows: FactRow[] };

type Facts = (ctx: FactContext) => FactSource;

/** The parameters every fact query may use. */
function baseParams(ctx: FactContext): Record<string, FactValue> {
  return {
    office: ctx.office,
    from: ctx.period.from,
    to: ctx.period.to,
    asOf: ctx.period.asOf,
    today: ctx.today,
    start: dayBefore(ctx.period.from),
    // Registered by a day = created before the next local day begins (see sql.ts).
    fromStart: localDayStartUtc(ctx.period.from),
    asOfEnd: localDayStartUtc(addDays(ctx.period.asOf, 1)),
  };
}

/** The same day a year earlier (29 February → 28 February). */
function yearBefore(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${y}-${md}`;
}

const headcount: Facts = (ctx) => ({
  sql: `SELECT b.id, b.id AS person_id, ${PERSON_DIMS}, 1 AS m_total, (b.retirement_type = 'lixiu') AS m_lixiu, (b.retirement_type = 'tuixiu') AS m_tuixiu,
      (b.unit_kind IS NULL) AS m_kindUnrecorded, b.name_pinyin AS o
    FROM (${registerOnAsOf(ctx.office)}) b`,
  params: baseParams(ctx),
});

/** The measures of persons.changes counted only for a person with a status event of theirs in the period. */
const LEFT_MEASURES = [
  { measure: 'movedOut', status: 'moved_out' },
  { measure: 'died', status: 'deceased' },
] as const;

/**
 * 新增 counts a person registered in the period who was on the register that day (a record of
 * someone who had died or left before it was typed in is history, not an arrival); 迁出 and 去世
 * count who was on the register in the period and has that status at its end, by an event in it.
 */
const changes: Facts = (ctx) => {
  const start = `(p.created_at < @fromStart AND ${statusOn('@start')} = 'active')`;
  const arrived = `(p.created_at >= @fromStart AND p.created_at < @asOfEnd AND ${statusOn(REGISTERED_ON)} = 'active')`;
  const endStatus = statusOn('@asOf');
  const left = (status: string) =>
    `(${endStatus} = '${status}' AND EXISTS (SELECT 1 FROM person_status_events e WHERE e.person_id = p.id AND e.deleted_at IS NULL AND e.status = '${status}' AND e.date BETWEEN @from AND @asOf))`;
  // Asked only who moved out or died, the persons with such an event in the period are the few to
  // look at (m_movedOut and m_died need one); else every person registered by the end.
  const events = LEFT_MEASURES.filter((m) => ctx.counted?.includes(m.measure)).map((m) => `'${m.status}'`);
  const only =
    ctx.counted !== undefined && ctx.counted.length === events.length
      ? ` AND p.id IN (SELECT e.person_id FROM person_status_events e WHERE e.deleted_at IS NULL AND e.status IN (${events.join(', ')}) AND e.date BETWEEN @from AND @asOf)`
      : '';
  return {
    sql: `SELECT f.*, (f.m_start OR f.m_new) AS m_exposed,
        (f.m_movedOut_raw AND (f.m_start OR f.m_new)) AS m_movedOut, (f.m_died_raw AND (f.m_start OR f.m_new)) AS m_died
      FROM (SELECT p.id, p.id AS person_id, ${personDimsOf('@asOf', '@asOf')},
          ${start} AS m_start, ${arrived} AS m_new, ${left('moved_out')} AS m_movedOut_raw, ${left('deceased')} AS m_died_raw,
          (${endStatus} = 'active') AS m_end,
          p.created_at AS x_registered, CASE WHEN p.status <> 'active' THEN p.status_date END AS x_statusDate,
          (SELECT e.destination FROM person_status_events e WHERE e.person_id = p.id AND e.deleted_at IS NULL ORDER BY e.date DESC, e.created_at DESC LIMIT 1) AS x_destination,
          p.name_pinyin AS o
        FROM persons p WHERE p.deleted_at IS NULL AND ${officeIs(ctx.office)} AND p.created_at < @asOfEnd${only}) f
      WHERE f.m_start OR f.m_new OR f.m_end OR f.m_movedOut_raw OR f.m_died_raw`,
    params: baseParams(ctx),
  };
};

const age: Facts = (ctx) => ({
  sql: `SELECT b.id, b.id AS person_id, ${PERSON_DIMS}, 1 AS m_total, (b.age IS NOT NULL) AS m_withAge, coalesce(b.age, 0) AS m_sumAge,
      b.age AS m_minAge, b.age AS m_maxAge, (b.age IS NULL) AS m_noBirthDate,
      (b.age < 60) AS m_under60, (b.age BETWEEN 60 AND 69) AS m_a60to69, (b.age BETWEEN 70 AND 79) AS m_a70to79, (b.age BETWEEN 80 AND 89) AS m_a80to89,
      (b.age BETWEEN 90 AND 99) AS m_a90to99, (b.age >= 100) AS m_a100plus,
      (b.age >= 80) AS m_over80, (b.age >= 90) AS m_over90, (b.age >= 100) AS m_over100,
      b.birth_date AS x_birthDate, b.name_pinyin AS o
    FROM (${registerOnAsOf(ctx.office)}) b`,
  params: baseParams(ctx),
});

const living: Facts = (ctx) => ({
  sql: `SELECT b.id, b.id AS person_id, ${PERSON_DIMS}, 1 AS m_total, (b.living_situation = 'alone') AS m_alone, (b.living_situation = 'empty_nest') AS m_emptyNest,
      (b.living_situation = 'with_children') AS m_withChildren, (b.living_situation = 'institution') AS m_institution,
      (b.living_situation NOT IN ('alone', 'empty_nest', 'with_children', 'institution')) AS m_other, b.name_pinyin AS o
    FROM (${registerOnAsOf(ctx.office)}) b`,
  params: baseParams(ctx),
});

const adl: Facts = (ctx) => ({
  sql: `SELECT f.*, 1 AS m_total, (f.x_adlTotal IS NULL) AS m_unassessed, (f.x_adlTotal >= 100) AS m_intact, (f.x_adlTotal BETWEEN 65 AND 99) AS m_mild,
      (f.x_adlTotal BETWEEN 45 AND 64) AS m_moderate, (f.x_adlTotal < 45) AS m_severe, (f.x_adlDate < @staleBefore) AS m_stale
    FROM (SELECT b.id, b.id AS person_id, ${PERSON_DIMS},
        (SELECT a.total FROM adl_assessments a WHERE a.person_id = b.id AND a.deleted_at IS NULL AND a.assessed_on <= @asOf ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS x_adlTotal,
        (SELECT a.assessed_on FROM adl_assessments a WHERE a.person_id = b.id AND a.deleted_at IS NULL AND a.assessed_on <= @asOf ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) AS x_adlDate,
        b.name_pinyin AS o
      FROM (${registerOnAsOf(ctx.office)}) b) f`,
  params: { ...baseParams(ctx), staleBefore: yearBefore(ctx.period.asOf) },
});

/** The latest final GB/T 42195 assessment by the day; its grade is shown in Chinese in the list of persons. */
const capability: Facts = (ctx) => ({
  sql: `SELECT f.*, 1 AS m_total, (f.x_grade IS NULL) AS m_unassessed, (f.x_grade = 'intact') AS m_intact, (f.x_grade = 'mild') AS m_mild,
      (f.x_grade = 'moderate') AS m_moderate, (f.x_grade = 'severe') AS m_severe, (f.x_grade = 'complete') AS m_complete,
      (f.x_capabilityDate < @staleBefore) AS m_stale,
      CASE f.x_grade WHEN 'intact' THEN '能力完好' WHEN 'mild' THEN '轻度失能' WHEN 'moderate' THEN '中度失能' WHEN 'severe' THEN '重度失能' WHEN 'complete' THEN '完全失能' END AS x_capabilityGrade
    FROM (SELECT b.id, b.id AS person_id, ${PERSON_DIMS}, c.grade AS x_grade, c.total AS x_capabilityTotal, c.assessed_on AS x_capabilityDate, b.name_pinyin AS o
      FROM (${registerOnAsOf(ctx.office)}) b
      LEFT JOIN capability_assessments c ON c.id = (SELECT c2.id FROM capability_assessments c2 WHERE c2.person_id = b.id AND c2.deleted_at IS NULL AND c2.status = 'final'
          AND c2.assessed_on <= @asOf ORDER BY c2.assessed_on DESC, c2.id DESC LIMIT 1)) f`,
  params: { ...baseParams(ctx), staleBefore: yearBefore(ctx.period.asOf) },
});

const contacts: Facts = (ctx) => ({
  sql: `SELECT b.id, b.id AS person_id, ${PERSON_DIMS}, 1 AS m_total, NOT ${hasContactOn('@asOf', 'b.id')} AS m_noResponsible, ${hasContactOn('@asOf', 'b.id')} AS m_withResponsible,
      NOT EXISTS (SELECT 1 FROM family_contacts fc WHERE fc.person_id = b.id AND fc.deleted_at IS NULL AND fc.is_emergency = 1) AS m_noEmergency,
      (b.grid_id IS NULL) AS m_noGrid, b.name_pinyin AS o
    FROM (${registerOnAsOf(ctx.office)}) b`,
  params: baseParams(ctx),
});

/**
 * The latest stay begun by the day and not ended before it: one per person. The stays are found
 * first (a few among all, from their index) and then their persons, rather than a stay looked for
 * under every person on the register.
 */
const hospital: Facts = (ctx) => {
  const stayOn = (h: string) => `${h}.deleted_at IS NULL AND ${h}.kind = 'hospitalisation' AND ${h}.date <= @asOf AND (${h}.end_date IS NULL OR ${h}.end_date >= @asOf)`;
  return {
    sql: `SELECT f.*, 1 AS m_inHospital, (f.x_endDate IS NULL AND f.x_since < @longBefore) AS m_noDischarge90
      FROM (SELECT b.id, b.id AS person_id, ${PERSON_DIMS}, h.date AS x_since, h.end_date AS x_endDate, h.institution AS x_institution, b.name_pinyin AS o
        FROM health_events h JOIN (${registerOnAsOf(ctx.office)}) b ON b.id = h.person_id
        WHERE ${stayOn('h')}
          AND h.id = (SELECT h2.id FROM health_events h2 WHERE h2.person_id = h.person_id AND ${stayOn('h2')} ORDER BY h2.date DESC, h2.id DESC LIMIT 1)) f`,
    params: { ...baseParams(ctx), longBefore: addDays(ctx.period.asOf, -90) },
  };
};

/** Planned visits due in the period; where each stands is read on today (a visit of March still open now is missed). */
const visitPlan: Facts = (ctx) => ({
  sql: `SELECT v.id, v.person_id, ${personDimsOf('@asOf', 'v.due_date')}, substr(v.due_date, 1, 7) AS d_month, v.reason AS d_reason,
      ${STILL_DUE} AS m_planned,
      (v.done_on IS NOT NULL) AS m_done,
      (v.done_on > v.due_date) AS m_doneLate,
      (${STILL_DUE} AND v.done_on IS NULL AND @today > v.due_date AND @today <= v.missed_after) AS m_overdue,
      (${STILL_DUE} AND v.done_on IS NULL AND @today > v.missed_after) AS m_missed,
      (${STILL_DUE} AND v.done_on IS NULL AND @today <= v.due_date) AS m_pending,
      (NOT ${STILL_DUE}) AS m_cancelled,
      v.reason AS x_reason, v.due_date AS x_due, v.done_on AS x_done, v.due_date || p.name_pinyin AS o
    FROM planned_visits v JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL
    WHERE v.deleted_at IS NULL AND ${officeIs(ctx.office)} AND v.due_date BETWEEN @from AND @to`,
  params: baseParams(ctx),
});

const visitRecords: Facts = (ctx) => ({
  sql: `SELECT r.id, r.person_id, p.origin_office AS d_office, p.grid_id AS d_grid, r.recorded_by AS d_recorder, r.reason AS d_reason, substr(r.visit_date, 1, 7) AS d_month,
      1 AS m_records, (r.method = 'home') AS m_home, (r.method = 'phone') AS m_phone, (r.method = 'hospital') AS m_hospital, (r.method = 'video') AS m_video,
      r.gift_fen AS m_giftFen, (r.gift_fen > 0 OR r.gift_items <> '') AS m_gifts,
      r.visit_date AS x_date, r.method AS x_method, r.reason AS x_reason, r.visitors AS x_visitors, r.gift_fen AS x_gift, r.gift_items AS x_giftItems,
      r.visit_date || p.name_pinyin AS o
    FROM visit_records r JOIN persons p ON p.id = r.person_id AND p.deleted_at IS NULL
    WHERE r.deleted_at IS NULL AND ${officeIs(ctx.office)} AND r.visit_date BETWEEN @from AND @asOf`,
  params: baseParams(ctx),
});

/**
 * A campaign of a year is its planned visits (key spring_festival:2026 …; planning gives such a key
 * to visits of that reason only, and the reason written into the text lets SQLite read the small
 * index of campaign visits, 0025). A visit's record is the person's own: it is looked up among the
 * person's records (the unary + keeps SQLite from seeking the record's id across all of them). Visits cancelled by
 * planning before they were missed (the person died, moved or no longer qualifies) were never due; a
 * visit cancelled by hand is counted apart. The contact is the one responsible on the due date (today, while it is ahead).
 */
/** The key of a campaign's visits of the period's year (spring_festival:2026). */
function campaignKeyOf(reason: string, ctx: FactContext): string {
  return `${reason}:${ctx.period.campaign?.year ?? Number(ctx.period.from.slice(0, 4))}`;
}

function campaign(reason: string, dims = personDimsOf('@asOf', 'min(v.due_date, @today)')): Facts {
  return (ctx) => {
    const due = STILL_DUE;
    const visited = `(${due} AND v.done_on IS NOT NULL)`;
    return {
      sql: `SELECT v.id, v.person_id, ${dims},
          ${due} AS m_due, ${visited} AS m_visited, (${due} AND v.done_on IS NULL) AS m_notVisited,
          (${due} AND v.done_on IS NULL AND @today > v.missed_after) AS m_missed, (${due} AND v.done_on IS NULL AND @today <= v.missed_after) AS m_open,
          (${visited} AND r.method = 'home') AS m_home, (${visited} AND r.method = 'phone') AS m_phone,
          (${visited} AND r.method = 'hospital') AS m_hospital, (${visited} AND r.method = 'video') AS m_video,
          CASE WHEN ${visited} THEN coalesce(r.gift_fen, 0) ELSE 0 END AS m_giftFen, (${visited} AND (r.gift_fen > 0 OR r.gift_items <> '')) AS m_giftPersons,
          (v.cancel_reason = 'manual') AS m_cancelled,
          v.due_date AS x_due, v.done_on AS x_done, r.method AS x_method, r.gift_fen AS x_gift, r.gift_items AS x_giftItems, p.name_pinyin AS o
        FROM planned_visits v JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL
          LEFT JOIN visit_records r ON r.person_id = v.person_id AND +r.id = v.visit_record_id AND r.deleted_at IS NULL
        WHERE v.deleted_at IS NULL AND v.key = @key AND v.reason = '${reason}' AND ${officeIs(ctx.office)} AND (${STILL_DUE} OR v.cancel_reason = 'manual')`,
      params: { ...baseParams(ctx), key: campaignKeyOf(reason, ctx) },
    };
  };
}

/** Hospital and condolence visits of events in the period: in time is done by the due date the rules set. */
function eventVisits(reason: 'hospitalisation' | 'condolence'): Facts {
  return (ctx) => ({
    sql: `SELECT f.*, (f.m_due AND NOT f.m_notYetDue) AS m_counted
      FROM (SELECT v.id, v.person_id, p.origin_office AS d_office, p.grid_id AS d_grid, ${contactOn('v.window_start')} AS d_contact,
          1 AS m_due, (v.done_on IS NOT NULL AND v.done_on <= v.due_date) AS m_onTime, (v.done_on > v.due_date) AS m_late,
          (v.done_on IS NULL AND @today > v.due_date) AS m_notDone, (v.done_on IS NULL AND @today <= v.due_date) AS m_notYetDue,
          v.window_start AS x_event, v.due_date AS x_due, v.done_on AS x_done, v.window_start || p.name_pinyin AS o
        FROM planned_visits v JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL
        WHERE v.deleted_at IS NULL AND v.reason = '${reason}' AND ${STILL_DUE} AND ${officeIs(ctx.office)} AND v.window_start BETWEEN @from AND @asOf) f`,
    // The reason written into the text, not a parameter: so SQLite sees the small index of these visits (0025) applies.
    params: baseParams(ctx),
  });
}

/** Open at the period's end: raised by then and not closed by then. Past due: open longer than the days set. */
const requests: Facts = (ctx) => {
  const open = `(r.raised_on <= @asOf AND (r.resolved_on IS NULL OR r.resolved_on > @asOf) AND NOT (r.status IN ('resolved', 'declined') AND r.resolved_on IS NULL))`;
  const resolved = `(r.status = 'resolved' AND r.resolved_on BETWEEN @from AND @asOf)`;
  return {
    sql: `SELECT r.id, r.person_id, p.origin_office AS d_office, p.grid_id AS d_grid, r.category AS d_category,
        (r.raised_on BETWEEN @from AND @asOf) AS m_opened, ${resolved} AS m_resolved,
        (r.status = 'declined' AND r.resolved_on BETWEEN @from AND @asOf) AS m_declined,
        ${open} AS m_openAtEnd, (${open} AND r.raised_on < @dueCutoff) AS m_openPastDue,
        CASE WHEN ${resolved} THEN CAST(julianday(r.resolved_on) - julianday(r.raised_on) AS INTEGER) END AS m_daysToResolve,
        r.category AS x_category, r.description AS x_description, r.raised_on AS x_raised, r.resolved_on AS x_closed, r.status AS x_status,
        r.raised_on || p.name_pinyin AS o
      FROM service_requests r JOIN persons p ON p.id = r.person_id AND p.deleted_at IS NULL
      WHERE r.deleted_at IS NULL AND ${officeIs(ctx.office)} AND r.raised_on <= @asOf AND (r.raised_on >= @from OR r.resolved_on IS NULL OR r.resolved_on >= @from)`,
    params: { ...baseParams(ctx), dueCutoff: addDays(ctx.period.asOf, -ctx.settings.reports.requestDueDays) },
  };
};

const partyMembers: Facts = (ctx) => ({
  sql: `SELECT m.id, m.person_id, ${personDimsOf('@asOf', '@asOf')}, m.branch_id AS d_branch,
      1 AS m_members, (m.relation_held = 'community') AS m_atCommunity, (m.relation_held = 'original_unit') AS m_atUnit,
      b.name AS x_branch, m.party_joined_on AS x_joined, p.name_pinyin AS o
    FROM party_memberships m JOIN persons p ON p.id = m.person_id AND p.deleted_at IS NULL JOIN party_branches b ON b.id = m.branch_id
    WHERE m.deleted_at IS NULL AND m.from_date <= @asOf AND (m.to_date IS NULL OR m.to_date > @asOf) AND ${officeIs(ctx.office)} AND ${onRegister('@asOf', '@asOfEnd')}`,
  params: baseParams(ctx),
});

const partyBranches: Facts = (ctx) => ({
  sql: `SELECT b.id, NULL AS person_id, b.origin_office AS d_office, 1 AS m_total, (b.kind = 'branch') AS m_branch, (b.kind = 'temporary') AS m_temporary,
      (b.kind = 'station') AS m_station, (b.kind = 'group') AS m_group,
      b.name AS x_name, b.kind AS x_kind, b.founded_on AS x_founded,
      (SELECT count(*) FROM party_memberships m WHERE m.branch_id = b.id AND m.deleted_at IS NULL AND m.from_date <= @asOf AND (m.to_date IS NULL OR m.to_date > @asOf)) AS x_members,
      b.name AS o
    FROM party_branches b
    WHERE b.deleted_at IS NULL AND ${officeIs(ctx.office, 'b.origin_office')} AND coalesce(b.founded_on, date(b.created_at, 'localtime')) <= @asOf`,
  params: baseParams(ctx),
});

const partyMeetings: Facts = (ctx) => ({
  sql: `SELECT f.*, f.m_present || '/' || f.m_expected AS x_attendance
    FROM (SELECT mt.id, NULL AS person_id, mt.origin_office AS d_office, mt.branch_id AS d_branch, mt.kind AS d_meetingKind, 1 AS m_meetings,
        (SELECT count(*) FROM party_meeting_attendance a WHERE a.meeting_id = mt.id AND a.deleted_at IS NULL) AS m_expected,
        (SELECT count(*) FROM party_meeting_attendance a WHERE a.meeting_id = mt.id AND a.deleted_at IS NULL AND a.present = 1) AS m_present,
        mt.date AS x_date, b.name AS x_branch, mt.kind AS x_kind, mt.topic AS x_topic, mt.date AS o
      FROM party_meetings mt JOIN party_branches b ON b.id = mt.branch_id
      WHERE mt.deleted_at IS NULL AND mt.date BETWEEN @from AND @asOf AND ${officeIs(ctx.office, 'mt.origin_office')}) f`,
  params: baseParams(ctx),
});

/** The last month whose dues are owed by a day: its own month on its last day, else the month before (dues of a running month are not late). */
export function duesMonthOf(day: string): string {
  const last = addDays(day, 1).slice(8) === '01';
  if (last) return day.slice(0, 7);
  const y = Number(day.slice(0, 4));
  const mo = Number(day.slice(5, 7));
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/**
 * 党费欠缴 reuses the arrears list of the party area (this year's months up to the month counted,
 * across branch moves, members on the register). The amount owed is each member's last payment per
 * month; a member who never paid has no amount to go by and is counted as such.
 */
const partyDues: Facts = (ctx) => {
  const month = duesMonthOf(ctx.period.asOf);
  const behind = arrears(ctx.db, month, undefined);
  if (behind.length === 0) return { rows: [] };
  const info = cachedStatement(
    ctx.db,
      `SELECT p.id, p.origin_office, p.grid_id, p.name_pinyin,
         (SELECT d.amount_fen FROM party_dues d WHERE d.person_id = p.id AND d.deleted_at IS NULL ORDER BY d.month DESC LIMIT 1) AS last_fen
       FROM json_each(@ids) j JOIN persons p ON p.id = j.value`,
    )
    .all({ ids: JSON.stringify(behind.map((b) => b.personId)) }) as { id: string; origin_office: string; grid_id: string | null; name_pinyin: string; last_fen: number | null }[];
  const byId = new Map(info.map((i) => [i.id, i]));
  const rows: FactRow[] = [];
  for (const b of behind) {
    const p = byId.get(b.personId);
    if (!p || (ctx.office !== null && p.origin_office !== ctx.office)) continue;
    rows.push({
      id: b.personId,
      person_id: b.personId,
      o: p.name_pinyin,
      d_office: p.origin_office,
      d_branch: b.branchId,
      d_grid: p.grid_id,
      m_persons: 1,
      m_months: b.months.length,
      m_amountFen: p.last_fen === null ? 0 : p.last_fen * b.months.length,
      m_unknownAmount: p.last_fen === null ? 1 : 0,
      x_branch: b.branchName,
      x_months: b.months.map((mo) => `${Number(mo.slice(5))}月`).join('、'),
      x_lastPaid: b.lastPaidMonth,
    });
  }
  return { rows };
};

const activities: Facts = (ctx) => ({
  sql: `SELECT a.id, NULL AS person_id, a.origin_office AS d_office, a.kind AS d_activityKind, 1 AS m_sessions,
      (SELECT count(*) FROM activity_participants ap WHERE ap.activity_id = a.id AND ap.deleted_at IS NULL AND ap.attended = 1) AS m_attended,
      EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.activity_id = a.id AND ap.deleted_at IS NULL AND ap.attended IS NULL) AS m_unrecorded,
      a.date AS x_date, a.title AS x_title, a.kind AS x_kind, a.place AS x_place,
      (SELECT count(*) FROM activity_participants ap WHERE ap.activity_id = a.id AND ap.deleted_at IS NULL AND ap.attended = 1) AS x_attended,
      a.date AS o
    FROM activities a WHERE a.deleted_at IS NULL AND a.date BETWEEN @from AND @asOf AND ${officeIs(ctx.office, 'a.origin_office')}`,
  params: baseParams(ctx),
});

const volunteers: Facts = (ctx) => ({
  sql: `SELECT v.id, v.person_id, v.origin_office AS d_office, v.kind AS d_volunteerKind, 1 AS m_volunteers, (v.kind = 'retiree') AS m_retirees,
      count(*) AS m_services, sum(s.minutes) AS m_minutes,
      v.name AS x_name, v.kind AS x_kind, count(*) AS x_services, sum(s.minutes) AS x_minutes, v.name_pinyin AS o
    FROM volunteer_services s JOIN volunteers v ON v.id = s.volunteer_id AND ${LIVING_VOLUNTEER}
    WHERE s.deleted_at IS NULL AND s.date BETWEEN @from AND @asOf AND ${officeIs(ctx.office, 'v.origin_office')}
    GROUP BY v.id`,
  params: baseParams(ctx),
});

const pairs: Facts = (ctx) => ({
  sql: `SELECT ap.id, ap.person_id, p.origin_office AS d_office, p.grid_id AS d_grid, ap.helper_kind AS d_helperKind,
      1 AS m_active, (c.n IS NOT NULL) AS m_contacted, (c.n IS NULL) AS m_notContacted,
      ap.helper_name AS x_helper, ap.from_date AS x_from,
      (SELECT max(ac.date) FROM assistance_contacts ac WHERE ac.pair_id = ap.id AND ac.deleted_at IS NULL AND ac.date <= @asOf) AS x_lastContact,
      p.name_pinyin AS o
    FROM assistance_pairs ap JOIN persons p ON p.id = ap.person_id AND p.deleted_at IS NULL
      LEFT JOIN (SELECT pair_id, count(*) AS n FROM assistance_contacts WHERE deleted_at IS NULL AND date BETWEEN @from AND @asOf GROUP BY pair_id) c ON c.pair_id = ap.id
    WHERE ap.deleted_at IS NULL AND ${officeIs(ctx.office)} AND ap.from_date <= @asOf AND (ap.to_date IS NULL OR ap.to_date >= @from)`,
  params: baseParams(ctx),
});

/**
 * Figures read from a table kept counted ahead (or a narrower read of the facts' own rows) instead
 * of the facts one by one, for the breakdowns it holds: the same sums as the facts give (the tests
 * compare the two on every office; reports-bureau the campaigns' by office with an office's own).
 * Lists (drill-downs) and forms always read the facts.
 */
type Tally = (ctx: FactContext, by: Dim | undefined) => FactSource | null;

/**
 * visits.plan from visit_plan_tally (migration 0022): each row stands for its `n` planned visits,
 * so each measure is n times the same test visitPlan makes of one visit. A county's roll-up adds
 * up a few thousand rows rather than reading every visit of the year with its person.
 */
const visitPlanTally: Tally = (ctx, by) =>
  by === undefined || by === 'office' || by === 'month'
    ? {
        sql: `SELECT t.office AS d_office, substr(t.due_date, 1, 7) AS d_month,
            t.n * t.still_due AS m_planned, t.n * t.done AS m_done, t.n * t.done_late AS m_doneLate,
            t.n * (t.still_due AND NOT t.done AND @today > t.due_date AND @today <= t.missed_after) AS m_overdue,
            t.n * (t.still_due AND NOT t.done AND @today > t.missed_after) AS m_missed,
            t.n * (t.still_due AND NOT t.done AND @today <= t.due_date) AS m_pending,
            t.n * (NOT t.still_due) AS m_cancelled
          FROM visit_plan_tally t
          WHERE ${officeIs(ctx.office, 't.office')} AND t.due_date BETWEEN @from AND @to AND t.n > 0`,
        params: baseParams(ctx),
      }
    : null;

/**
 * persons.headcount from person_register_tally (migration 0025), for the breakdowns it holds. A
 * person whose status never changed is on the register from the moment of registration on, so
 * "created before @asOfEnd" splits exactly by the first seven characters of created_at: the
 * tally's months before the month of @asOfEnd, then that month's persons one by one (a prefix
 * sorts before every text it begins). The persons whose status ever changed are counted one by
 * one with statusOn, as the facts count them.
 */
const headcountTally: Tally = (ctx, by) => {
  if (by !== undefined && by !== 'office' && by !== 'rtype') return null;
  const params = baseParams(ctx);
  const counts = (rtype: string) => `1 AS m_total, (${rtype} = 'lixiu') AS m_lixiu, (${rtype} = 'tuixiu') AS m_tuixiu, (p.unit_kind IS NULL) AS m_kindUnrecorded`;
  return {
    sql: `SELECT t.office AS d_office, t.retirement_type AS d_rtype, t.n AS m_total, t.n * (t.retirement_type = 'lixiu') AS m_lixiu, t.n * (t.retirement_type = 'tuixiu') AS m_tuixiu,
          t.n_kind_unrecorded AS m_kindUnrecorded
        FROM person_register_tally t WHERE ${officeIs(ctx.office, 't.office')} AND t.month < @asOfMonth
      UNION ALL
      SELECT p.origin_office, p.retirement_type, ${counts('p.retirement_type')}
        FROM persons p WHERE p.deleted_at IS NULL AND ${officeIs(ctx.office)} AND p.created_at >= @asOfMonth AND p.created_at < @asOfEnd
          AND p.status = 'active' AND p.status_date IS NULL
      UNION ALL
      SELECT p.origin_office, p.retirement_type, ${counts('p.retirement_type')}
        FROM persons p WHERE p.deleted_at IS NULL AND (p.status <> 'active' OR p.status_date IS NOT NULL) AND ${officeIs(ctx.office)} AND ${onRegister('@asOf', '@asOfEnd')}`,
    params: { ...params, asOfMonth: String(params['asOfEnd']).slice(0, 7) },
  };
};

/**
 * A campaign's figures overall or by office: its visits with the office alone of the person's
 * breakdowns. The person's other columns (contact, age, ADL band …) are not read, even unused, so
 * SQLite finds a visit's person in a covering index instead of reading each person's row: the
 * county's roll-up counts every visit of a campaign in a fraction of the time.
 */
const campaignByOffice = (reason: string): Tally => {
  const facts = campaign(reason, 'p.origin_office AS d_office');
  return (ctx, by) => (by === undefined || by === 'office' ? facts(ctx) : null);
};

/** The campaign measures visit_campaign_tally holds; the ways of visiting and the gifts in kind need each visit's record. */
const CAMPAIGN_TALLY_MEASURES: ReadonlySet<string> = new Set(['due', 'visited', 'notVisited', 'missed', 'open', 'cancelled', 'giftFen']);

/**
 * A campaign's figures overall or by office from visit_campaign_tally (migration 0028), when every
 * measure read is one it holds: each row stands for its `n` visits, so each measure is n times the
 * test campaign() makes of one visit, and gift_fen is already the sum of the visited ones' 慰问金.
 * Missed and open are told on today, as the facts tell them. A row neither still due nor cancelled
 * by hand is one the facts leave out, so it is left out here too (an office with only such visits
 * has no figures). Every measure, or the ways of visiting, come from the visits one by one.
 */
const campaignTally = (reason: string): Tally => {
  const byOffice = campaignByOffice(reason);
  return (ctx, by) => {
    if (by !== undefined && by !== 'office') return null;
    if (ctx.counted === undefined || !ctx.counted.every((m) => CAMPAIGN_TALLY_MEASURES.has(m))) return byOffice(ctx, by);
    return {
      sql: `SELECT t.office AS d_office, t.n * t.still_due AS m_due, t.n * (t.still_due AND t.done) AS m_visited, t.n * (t.still_due AND NOT t.done) AS m_notVisited,
          t.n * (t.still_due AND NOT t.done AND @today > t.missed_after) AS m_missed, t.n * (t.still_due AND NOT t.done AND @today <= t.missed_after) AS m_open,
          t.gift_fen AS m_giftFen, t.n * t.manual AS m_cancelled
        FROM visit_campaign_tally t
        WHERE t.key = @key AND t.reason = '${reason}' AND ${officeIs(ctx.office, 't.office')} AND t.n > 0 AND (t.still_due OR t.manual)`,
      params: { ...baseParams(ctx), key: campaignKeyOf(reason, ctx) },
    };
  };
};

export const TALLIES: Record<string, Tally> = {
  'persons.headcount': headcountTally,
  'visits.plan': visitPlanTally,
  'visits.campaign.spring_festival': campaignTally('spring_festival'),
  'visits.campaign.chongyang': campaignTally('chongyang'),
  'visits.campaign.party_day': campaignTally('party_day'),
  'visits.campaign.birthday': campaignTally('birthday'),
};

export const FACTS: Record<string, Facts> = {
  'persons.headcount': headcount,
  'persons.changes': changes,
  'persons.age': age,
  'persons.living': living,
  'persons.adl': adl,
  'persons.capability': capability,
  'persons.contacts': contacts,
  'persons.hospital': hospital,
  'visits.plan': visitPlan,
  'visits.records': visitRecords,
  'visits.campaign.spring_festival': campaign('spring_festival'),
  'visits.campaign.chongyang': campaign('chongyang'),
  'visits.campaign.party_day': campaign('party_day'),
  'visits.campaign.birthday': campaign('birthday'),
  'visits.hospital': eventVisits('hospitalisation'),
  'visits.condolence': eventVisits('condolence'),
  'requests.summary': requests,
  'party.members': partyMembers,
  'party.branches': partyBranches,
  'party.meetings': partyMeetings,
  'party.dues': partyDues,
  'activities.sessions': activities,
  'volunteers.hours': volunteers,
  'pairs.contact': pairs,
};

// Every indicator of the catalogue has its implementation (and nothing else has one).
for (const def of INDICATORS) if (!FACTS[def.key]) throw new Error(`indicator ${def.key} has no implementation`);
for (const key of Object.keys(FACTS)) if (!INDICATORS.some((d) => d.key === key)) throw new Error(`implementation of unknown indicator ${key}`);

