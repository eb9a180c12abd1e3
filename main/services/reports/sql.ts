/**
 * SQL pieces the indicators share, so that "on the register", "age on a day" and "the responsible
 * contact on a day" mean one thing in every figure. Each takes the SQL of a day (a parameter such
 * as @asOf, or a column) and reads persons as `p`.
 */

/**
 * The day a person came on the register here: the local date of their record's creation (what visit
 * planning uses too). Comparing it with a day is done on the stored UTC timestamp against the UTC
 * instant the local day begins (localDayStartUtc), which needs no time-zone conversion per row;
 * REGISTERED_ON itself is for the few rows that need the date.
 */
export const REGISTERED_ON = "date(p.created_at, 'localtime')";

/** The UTC timestamp (as stored) of the moment a local calendar day begins. */
export function localDayStartUtc(day: string): string {
  return new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))).toISOString();
}

/**
 * The office filter on a row's origin_office (the person's, `p`, unless another column is named):
 * every row this database holds without an office, else `= @office`. Two texts rather than one
 * `(@office IS NULL OR … = @office)`, because SQLite cannot seek an index with that OR: one office's
 * figures at the bureau read that office's persons through persons_office instead of all of them.
 */
export function officeIs(office: string | null, column = 'p.origin_office'): string {
  return office === null ? '1' : `${column} = @office`;
}

/**
 * The person's status (active / moved_out / deceased) on a day, from the dated status events. A
 * person whose status never changed (status_date NULL) is active without a look at the events; a
 * record with a status but no events (rows from an older packet) goes by its status date.
 */
export function statusOn(day: string): string {
  return `(CASE WHEN p.status_date IS NULL AND p.status = 'active' THEN 'active' ELSE coalesce(
    (SELECT e.status FROM person_status_events e WHERE e.person_id = p.id AND e.deleted_at IS NULL AND e.date <= ${day} ORDER BY e.date DESC, e.created_at DESC, e.id DESC LIMIT 1),
    CASE WHEN p.status = 'active' OR EXISTS (SELECT 1 FROM person_status_events e WHERE e.person_id = p.id AND e.deleted_at IS NULL) THEN 'active'
         WHEN coalesce(p.status_date, '') <= ${day} THEN p.status ELSE 'active' END) END)`;
}

/** On the register on a day: registered by then (created before `endUtc`, the start of the next day), neither moved out nor died by then. */
export function onRegister(day: string, endUtc: string): string {
  return `p.created_at < ${endUtc} AND ${statusOn(day)} = 'active'`;
}

/**
 * Whole years on a day (周岁), NULL without a usable birth date. The birthday of someone born on
 * 29 February comes on 1 March in a common year ('02-28' sorts before '02-29'), as ageOn does.
 */
export function ageOn(day: string): string {
  return `(CASE WHEN p.birth_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND p.birth_date <= ${day}
    THEN CAST(substr(${day}, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER) - (substr(${day}, 6, 5) < substr(p.birth_date, 6, 5)) END)`;
}

/** The age band (DIM_VALUES.ageBand) of an age column. */
export function ageBand(age: string): string {
  return `(CASE WHEN ${age} IS NULL THEN NULL WHEN ${age} < 60 THEN 'under60' WHEN ${age} < 70 THEN '60to69' WHEN ${age} < 80 THEN '70to79'
    WHEN ${age} < 90 THEN '80to89' WHEN ${age} < 100 THEN '90to99' ELSE '100plus' END)`;
}

/** The user id of the person's primary contact (分片包干) on a day; an assignment ends the day its successor begins. */
export function contactOn(day: string, person = 'p.id'): string {
  return `(SELECT ca.user_id FROM contact_assignments ca WHERE ca.person_id = ${person} AND ca.role = 'primary' AND ca.deleted_at IS NULL
    AND ca.from_date <= ${day} AND (ca.to_date IS NULL OR ca.to_date > ${day}) ORDER BY ca.from_date DESC, ca.id DESC LIMIT 1)`;
}

/**
 * Whether the person has a primary contact on a day: contactOn is not NULL (user_id never is), found
 * by the first assignment that fits instead of sorting them all.
 */
export function hasContactOn(day: string, person = 'p.id'): string {
  return `EXISTS (SELECT 1 FROM contact_assignments ca WHERE ca.person_id = ${person} AND ca.role = 'primary' AND ca.deleted_at IS NULL
    AND ca.from_date <= ${day} AND (ca.to_date IS NULL OR ca.to_date > ${day}))`;
}

/** The ADL band (DIM_VALUES.adl) of a Barthel total column. */
export function adlBandOf(total: string): string {
  return `(CASE WHEN ${total} IS NULL THEN NULL WHEN ${total} >= 100 THEN 'intact' WHEN ${total} >= 65 THEN 'mild' WHEN ${total} >= 45 THEN 'moderate' ELSE 'severe' END)`;
}

/** The ADL band of the latest assessment by a day: the kept latest one when it is not after the day, else looked up. */
export function adlBandOn(day: string): string {
  return adlBandOf(`(CASE WHEN p.latest_adl_date IS NULL THEN NULL WHEN p.latest_adl_date <= ${day} THEN p.latest_adl_total
    ELSE (SELECT a.total FROM adl_assessments a WHERE a.person_id = p.id AND a.deleted_at IS NULL AND a.assessed_on <= ${day} ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) END)`);
}

/** The persons (of an office, or all) on the register on @asOf, with the columns the person indicators read. */
export const registerOnAsOf = (office: string | null): string => `SELECT p.id, p.origin_office, p.grid_id, p.gender, p.retirement_type, p.unit_level, p.unit_kind, p.living_situation, p.birth_date,
    p.name_pinyin, ${ageOn('@asOf')} AS age, ${contactOn('@asOf')} AS contact, ${adlBandOn('@asOf')} AS adl_band
  FROM persons p
  WHERE p.deleted_at IS NULL AND ${officeIs(office)} AND ${onRegister('@asOf', '@asOfEnd')}`;

/**
 * 单位性质 as recorded; where it is not, an enterprise-level unit (原单位级别 企业) is an enterprise,
 * and the rest stay NULL (未登记).
 */
const unitKindOf = (t: string): string => `COALESCE(${t}.unit_kind, CASE WHEN ${t}.unit_level = 'enterprise' THEN 'enterprise' END)`;

/** The breakdown columns of a person fact, from a row `b` of registerOnAsOf. */
export const PERSON_DIMS = `b.origin_office AS d_office, b.grid_id AS d_grid, b.contact AS d_contact, b.retirement_type AS d_rtype, b.gender AS d_sex,
  ${ageBand('b.age')} AS d_ageBand, b.unit_level AS d_unitLevel, ${unitKindOf('b')} AS d_unitKind,
  b.living_situation AS d_living, b.adl_band AS d_adl`;

/** The same breakdowns read straight from `p` (facts that are records of a person), age and contact on the days given. */
export function personDimsOf(ageDay: string, contactDay: string): string {
  return `p.origin_office AS d_office, p.grid_id AS d_grid, ${contactOn(contactDay)} AS d_contact, p.retirement_type AS d_rtype, p.gender AS d_sex,
  ${ageBand(ageOn(ageDay))} AS d_ageBand, p.unit_level AS d_unitLevel, ${unitKindOf('p')} AS d_unitKind,
  p.living_situation AS d_living, ${adlBandOn(ageDay)} AS d_adl`;
}

/**
 * A planned visit that was due: not cancelled, or cancelled because the person moved away or died
 * after it had already been missed (planning cancels every open visit then; the miss happened before).
 */
export const STILL_DUE = `(v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after))`;
