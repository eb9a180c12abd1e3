/**
 * 结对帮扶: a helper paired with a person in need, as a dated record. Ending a pair keeps it (with
 * the end date and the reason); an ended pair is read-only, contacts included. Each contact is a note
 * of one visit or call; the list shows when the next one is due by the pair's frequency.
 */
import type { Db } from '../../db/connection';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { cachedStatement } from '../../db/statements';
import { Where } from '../../db/paged';
import { AppError, fieldError, assertNotInFuture } from '../../../shared/errors';
import {
  HELP_KINDS,
  type ContactFields,
  type ContactMethod,
  type DueStatus,
  type HelpKind,
  type HelperKind,
  type NewPair,
  type PairContact,
  type PairDetail,
  type PairFrequency,
  type PairListQuery,
  type PairSummary,
  type PairUpdate,
  type PersonPairs,
} from '../../../shared/schemas/pairs';
import { dueStatusOf, nextDueDate } from './due';

// A pair is an arrangement with helpers of this community: it does not follow a transferred person.
registerSyncedTable('assistance_pairs', { staysWithOffice: true });
registerSyncedTable('assistance_contacts');

interface PairRow {
  id: string;
  person_office: string;
  person_id: string;
  person_name: string;
  helper_kind: HelperKind;
  helper_person_id: string | null;
  helper_name: string;
  helper_phone: string;
  help_kinds: string;
  frequency: PairFrequency;
  from_date: string;
  to_date: string | null;
  end_reason: string;
  notes: string;
  contact_count: number | null;
  last_contact: string | null;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT ap.id, ap.person_id, p.name AS person_name, ap.helper_kind, ap.helper_person_id, ap.helper_name, ap.helper_phone,
    ap.help_kinds, ap.frequency, ap.from_date, ap.to_date, ap.end_reason, ap.notes, c.contact_count, c.last_contact, ap.created_at, ap.updated_at,
    p.origin_office AS person_office
  FROM assistance_pairs ap JOIN persons p ON p.id = ap.person_id AND p.deleted_at IS NULL
  LEFT JOIN (SELECT pair_id, count(*) AS contact_count, max(date) AS last_contact FROM assistance_contacts WHERE deleted_at IS NULL GROUP BY pair_id) c
    ON c.pair_id = ap.id`;

const HELP_KIND_SET: ReadonlySet<string> = new Set(HELP_KINDS);

/** Codes from the JSON column; anything unknown (a newer version's code in a packet) is left out. */
function helpKindsOf(json: string): HelpKind[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is HelpKind => typeof x === 'string' && HELP_KIND_SET.has(x)) : [];
  } catch {
    return [];
  }
}

function toSummary(r: PairRow, today: string): PairSummary {
  const ended = r.to_date !== null;
  const due = ended ? null : nextDueDate(r.frequency, r.from_date, r.last_contact);
  return {
    id: r.id,
    originOffice: r.person_office,
    personId: r.person_id,
    personName: r.person_name,
    helperKind: r.helper_kind,
    helperPersonId: r.helper_person_id,
    helperName: r.helper_name,
    helperPhone: r.helper_phone,
    helpKinds: helpKindsOf(r.help_kinds),
    frequency: r.frequency,
    fromDate: r.from_date,
    toDate: r.to_date,
    endReason: r.end_reason,
    notes: r.notes,
    contactCount: r.contact_count ?? 0,
    lastContactDate: r.last_contact,
    nextDueDate: due,
    dueStatus: due === null ? null : dueStatusOf(r.frequency, due, today),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const DUE_RANK: Record<DueStatus, number> = { overdue: 0, due: 1, ok: 2 };

/** Current pairs first, the most pressing contact first; then ended pairs, the latest ending first. */
function comparePairs(a: PairSummary, b: PairSummary): number {
  if ((a.toDate === null) !== (b.toDate === null)) return a.toDate === null ? -1 : 1;
  if (a.toDate !== null && b.toDate !== null) return b.toDate.localeCompare(a.toDate) || b.fromDate.localeCompare(a.fromDate) || a.id.localeCompare(b.id);
  const rank = DUE_RANK[a.dueStatus ?? 'ok'] - DUE_RANK[b.dueStatus ?? 'ok'];
  if (rank !== 0) return rank;
  return (a.nextDueDate ?? '').localeCompare(b.nextDueDate ?? '') || a.personName.localeCompare(b.personName, 'zh-CN') || a.id.localeCompare(b.id);
}

function requirePerson(db: Db, id: string): { name: string; phones: string } {
  const row = cachedStatement(db, 'SELECT name, phones FROM persons WHERE id = ? AND deleted_at IS NULL').get(id) as { name: string; phones: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Person ${id} not found.`, { entity: 'person', id });
  return row;
}

function firstPhone(json: string): string {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  } catch {
    return '';
  }
}

interface HelperInput {
  helperKind: HelperKind;
  helperPersonId: string | null;
  helperName: string;
  helperPhone: string;
}

/** The helper columns: a retired official's name (and phone, when none is typed) come from the registry. */
function helperColumns(db: Db, personId: string, h: HelperInput) {
  if (h.helperKind !== 'retiree') {
    return { helper_kind: h.helperKind, helper_person_id: null, helper_name: h.helperName, helper_phone: h.helperPhone };
  }
  const helperId = h.helperPersonId ?? '';
  if (helperId === personId) throw fieldError('helperPersonId', 'pairs.helperIsSelf', 'A person cannot be their own helper.');
  const helper = requirePerson(db, helperId);
  return { helper_kind: 'retiree', helper_person_id: helperId, helper_name: helper.name, helper_phone: h.helperPhone || firstPhone(helper.phones) };
}

export function createPair(db: Db, ctx: WriteContext, input: NewPair): string {
  requirePerson(db, input.personId);
  return insertSynced(
    db,
    { ...ctx, subjectId: input.personId },
    'assistance_pairs',
    {
      person_id: input.personId,
      ...helperColumns(db, input.personId, input),
      help_kinds: JSON.stringify(input.helpKinds),
      frequency: input.frequency,
      from_date: input.fromDate,
      to_date: null,
      end_reason: '',
      notes: input.notes,
    },
    'assistance_pair',
  );
}

function requirePairRow(db: Db, id: string): PairRow {
  const row = cachedStatement(db, `${SELECT} WHERE ap.id = ? AND ap.deleted_at IS NULL`).get(id) as PairRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Pair ${id} not found.`, { entity: 'assistance_pair', id });
  return row;
}

/** An ended pair is a closed record: no changes, no new or changed contacts. */
function requireOpenPair(db: Db, id: string): PairRow {
  const row = requirePairRow(db, id);
  if (row.to_date !== null) throw new AppError('PAIR_ALREADY_ENDED', `The pair ended on ${row.to_date}.`, { date: row.to_date });
  return row;
}

function firstContactDate(db: Db, pairId: string): string | null {
  return (cachedStatement(db, 'SELECT min(date) AS d FROM assistance_contacts WHERE pair_id = ? AND deleted_at IS NULL').get(pairId) as { d: string | null }).d;
}

export function updatePair(db: Db, ctx: WriteContext, input: PairUpdate): { changed: boolean } {
  const row = requireOpenPair(db, input.id);
  const first = firstContactDate(db, input.id);
  if (first !== null && input.fromDate > first) throw fieldError('fromDate', 'pairs.startAfterContacts', 'The pair would start after its first contact.');
  return updateSynced(
    db,
    { ...ctx, subjectId: row.person_id },
    'assistance_pairs',
    input.id,
    {
      ...helperColumns(db, row.person_id, input),
      help_kinds: JSON.stringify(input.helpKinds),
      frequency: input.frequency,
      from_date: input.fromDate,
      notes: input.notes,
    },
    'assistance_pair',
  );
}

export function endPair(db: Db, ctx: WriteContext, input: { id: string; toDate: string; reason: string }, today: string): { changed: boolean } {
  const row = requireOpenPair(db, input.id);
  if (input.toDate < row.from_date) throw fieldError('toDate', 'pairs.endBeforeStart', 'The end is before the start.');
  assertNotInFuture('toDate', input.toDate, today);
  if (row.last_contact !== null && input.toDate < row.last_contact) throw fieldError('toDate', 'pairs.endBeforeLastContact', 'A contact was recorded after this date.');
  return updateSynced(db, { ...ctx, subjectId: row.person_id }, 'assistance_pairs', input.id, { to_date: input.toDate, end_reason: input.reason }, 'assistance_pair');
}

export function deletePair(db: Db, ctx: WriteContext, id: string): void {
  const row = requirePairRow(db, id);
  tombstoneSynced(db, { ...ctx, subjectId: row.person_id }, 'assistance_pairs', id, 'assistance_pair');
}

function checkContactDate(pair: PairRow, date: string, today: string): void {
  if (date < pair.from_date) throw fieldError('date', 'pairs.contactBeforeStart', 'The contact is before the pair started.');
  assertNotInFuture('date', date, today);
}

function contactColumns(f: ContactFields) {
  return { date: f.date, method: f.method, content: f.content, follow_up: f.followUp };
}

export function addContact(db: Db, ctx: WriteContext, input: ContactFields & { pairId: string }, today: string): string {
  const pair = requireOpenPair(db, input.pairId);
  checkContactDate(pair, input.date, today);
  return insertSynced(db, { ...ctx, subjectId: pair.person_id }, 'assistance_contacts', { pair_id: input.pairId, ...contactColumns(input) }, 'assistance_contact');
}

function requireContactPair(db: Db, id: string): PairRow {
  const row = cachedStatement(db, 'SELECT pair_id FROM assistance_contacts WHERE id = ? AND deleted_at IS NULL').get(id) as { pair_id: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Contact ${id} not found.`, { entity: 'assistance_contact', id });
  return requireOpenPair(db, row.pair_id);
}

export function updateContact(db: Db, ctx: WriteContext, input: ContactFields & { id: string }, today: string): { changed: boolean } {
  const pair = requireContactPair(db, input.id);
  checkContactDate(pair, input.date, today);
  return updateSynced(db, { ...ctx, subjectId: pair.person_id }, 'assistance_contacts', input.id, contactColumns(input), 'assistance_contact');
}

export function deleteContact(db: Db, ctx: WriteContext, id: string): void {
  const pair = requireContactPair(db, id);
  tombstoneSynced(db, { ...ctx, subjectId: pair.person_id }, 'assistance_contacts', id, 'assistance_contact');
}

interface ContactRow {
  id: string;
  pair_id: string;
  date: string;
  method: ContactMethod;
  content: string;
  follow_up: string;
  created_at: string;
}

export function getPair(db: Db, id: string, today: string): PairDetail {
  const pair = toSummary(requirePairRow(db, id), today);
  const rows = cachedStatement(
    db,
    'SELECT id, pair_id, date, method, content, follow_up, created_at FROM assistance_contacts WHERE pair_id = ? AND deleted_at IS NULL ORDER BY date DESC, created_at DESC, id DESC',
  ).all(id) as ContactRow[];
  const contacts: PairContact[] = rows.map((r) => ({
    id: r.id,
    pairId: r.pair_id,
    date: r.date,
    method: r.method,
    content: r.content,
    followUp: r.follow_up,
    createdAt: r.created_at,
  }));
  return { pair, contacts };
}

/**
 * The due order depends on today and on each pair's frequency, so it is computed here rather than
 * in SQL; an office has hundreds of pairs at most, and the page is cut after sorting.
 */
export function listPairs(db: Db, query: PairListQuery, today: string): { total: number; overdueCount: number; rows: PairSummary[] } {
  const where = new Where('ap.deleted_at IS NULL');
  if (query.status === 'current') where.and('ap.to_date IS NULL');
  if (query.status === 'ended') where.and('ap.to_date IS NOT NULL');
  where.andIf('ap.helper_kind = @helperKind', { helperKind: query.helperKind });
  where.andIf('p.origin_office = @office', { office: query.office });
  if (query.search !== undefined && query.search !== '') {
    // The helped person by name or pinyin (full or initials), the helper by name; typed text is matched literally.
    where.and(
      '(instr(p.name, @search) > 0 OR instr(p.name_pinyin, lower(@search)) > 0 OR instr(p.name_initials, lower(@search)) > 0 OR instr(ap.helper_name, @search) > 0)',
      { search: query.search },
    );
  }
  // The contact state depends on today and the frequency, so it is filtered once the rows are summarised.
  const all = (cachedStatement(db, `${SELECT} ${where.clause}`).all(where.params) as PairRow[])
    .map((r) => toSummary(r, today))
    .filter((r) => query.due === undefined || r.dueStatus === query.due)
    .sort(comparePairs);
  return {
    total: all.length,
    overdueCount: all.filter((r) => r.dueStatus === 'overdue').length,
    rows: all.slice(query.offset, query.offset + query.limit),
  };
}

export function pairsOfPerson(db: Db, personId: string, today: string): PersonPairs {
  requirePerson(db, personId);
  const of = (column: 'person_id' | 'helper_person_id') =>
    (cachedStatement(db, `${SELECT} WHERE ap.${column} = ? AND ap.deleted_at IS NULL`).all(personId) as PairRow[])
      .map((r) => toSummary(r, today))
      .sort(comparePairs);
  return { asHelped: of('person_id'), asHelper: of('helper_person_id') };
}
