/**
 * Party members among the persons: one current membership per person, dated. Moving branch closes
 * the current row and opens a new one in the same transaction, so the history stays.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { likePrefix, selectPage, Where } from '../../db/paged';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { AppError, fieldError, assertNotInFuture } from '../../../shared/errors';
import { dateOfDay, daysFromCivil } from '../../../shared/calendar';
import type { AddMemberInput, EndReason, MemberListQuery, Membership, UpdateMemberInput } from '../../../shared/schemas/party';
import { requireBranch } from './branches';
import { partyStanding } from './months';

registerSyncedTable('party_memberships');

interface MembershipDbRow {
  id: string;
  origin_office: string;
  person_id: string;
  person_name: string;
  person_status: Membership['personStatus'];
  gender: Membership['gender'];
  birth_date: string;
  original_unit: string;
  branch_id: string;
  branch_name: string;
  party_joined_on: string | null;
  relation_held: Membership['relationHeld'];
  management_mode: Membership['managementMode'];
  unit_party_contact: string;
  unit_party_phone: string;
  from_date: string;
  to_date: string | null;
  end_reason: string;
  end_note: string;
  notes: string;
}

const FROM = `FROM party_memberships m
  JOIN persons p ON p.id = m.person_id AND p.deleted_at IS NULL
  JOIN party_branches b ON b.id = m.branch_id`;

const SELECT = `SELECT m.id, m.person_id, p.name AS person_name, p.status AS person_status, p.gender, p.birth_date, p.original_unit,
    m.branch_id, b.name AS branch_name, m.party_joined_on, m.relation_held, m.management_mode, m.unit_party_contact, m.unit_party_phone,
    m.from_date, m.to_date, m.end_reason, m.end_note, m.notes, m.origin_office ${FROM}`;

function toMembership(r: MembershipDbRow, today: string): Membership {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    personStatus: r.person_status,
    gender: r.gender,
    birthDate: r.birth_date,
    originalUnit: r.original_unit,
    branchId: r.branch_id,
    branchName: r.branch_name,
    partyJoinedOn: r.party_joined_on,
    partyStanding: partyStanding(r.party_joined_on, today),
    relationHeld: r.relation_held,
    managementMode: r.management_mode,
    unitPartyContact: r.unit_party_contact,
    unitPartyPhone: r.unit_party_phone,
    fromDate: r.from_date,
    toDate: r.to_date,
    endReason: r.end_reason,
    endNote: r.end_note,
    notes: r.notes,
    originOffice: r.origin_office,
  };
}

/** Sort columns by name: the SQL text comes only from this table, never from input. */
const SORTS: Record<MemberListQuery['sort'], string> = {
  name: 'p.name_pinyin',
  partyJoinedOn: 'm.party_joined_on',
  fromDate: 'm.from_date',
  branch: 'b.name',
};

export function listMembers(db: Db, query: MemberListQuery, today: string): { total: number; capped: boolean; rows: Membership[] } {
  const where = new Where('m.deleted_at IS NULL');
  if (!query.includeEnded) where.and('m.to_date IS NULL');
  where
    .andIf('m.branch_id = @branchId', { branchId: query.branchId })
    .andIf('m.management_mode = @mode', { mode: query.managementMode })
    .andIf('m.relation_held = @relation', { relation: query.relationHeld })
    .andIf('m.origin_office = @office', { office: query.office });
  if (query.search !== '') {
    // Name anywhere, pinyin and initials from the start ('zhang', 'zs'), as people type them.
    where.and("(instr(p.name, @q) > 0 OR p.name_pinyin LIKE @qPrefix ESCAPE '\\' OR p.name_initials LIKE @qPrefix ESCAPE '\\')", {
      q: query.search,
      qPrefix: likePrefix(query.search.toLowerCase()),
    });
  }
  const direction = query.desc ? 'DESC' : 'ASC';
  const { total, capped, rows } = selectPage<MembershipDbRow>(
    db,
    { select: SELECT, countFrom: FROM, orderBy: `${SORTS[query.sort]} ${direction} NULLS LAST, p.name_pinyin, m.from_date DESC, m.id` },
    where,
    query,
  );
  return { total, capped, rows: rows.map((r) => toMembership(r, today)) };
}

export function membershipsOfPerson(db: Db, personId: string, today: string): Membership[] {
  const rows = cachedStatement(db, `${SELECT} WHERE m.person_id = ? AND m.deleted_at IS NULL ORDER BY m.to_date IS NOT NULL, m.from_date DESC, m.id DESC`).all(
    personId,
  ) as MembershipDbRow[];
  return rows.map((r) => toMembership(r, today));
}

interface PersonFacts {
  name: string;
  birth_date: string;
  political_status: string;
  unit_party_contact: string | null;
  unit_party_phone: string | null;
}

function personFacts(db: Db, personId: string): PersonFacts {
  const row = cachedStatement(
    db,
    `SELECT p.name, p.birth_date, p.political_status, u.party_contact AS unit_party_contact, u.party_phone AS unit_party_phone
     FROM persons p LEFT JOIN units u ON u.id = p.unit_id AND u.deleted_at IS NULL
     WHERE p.id = ? AND p.deleted_at IS NULL`,
  ).get(personId) as PersonFacts | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
  return row;
}

interface CurrentRow {
  id: string;
  person_id: string;
  branch_id: string;
  branch_name: string;
  from_date: string;
  to_date: string | null;
}

function currentOf(db: Db, personId: string): CurrentRow | undefined {
  return cachedStatement(
    db,
    `SELECT m.id, m.person_id, m.branch_id, b.name AS branch_name, m.from_date, m.to_date FROM party_memberships m JOIN party_branches b ON b.id = m.branch_id
     WHERE m.person_id = ? AND m.to_date IS NULL AND m.deleted_at IS NULL`,
  ).get(personId) as CurrentRow | undefined;
}

function requireMembership(db: Db, id: string): CurrentRow {
  const row = cachedStatement(
    db,
    `SELECT m.id, m.person_id, m.branch_id, b.name AS branch_name, m.from_date, m.to_date FROM party_memberships m JOIN party_branches b ON b.id = m.branch_id
     WHERE m.id = ? AND m.deleted_at IS NULL`,
  ).get(id) as CurrentRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Membership ${id} not found.`, { entity: 'party_membership', id });
  return row;
}

function requireCurrent(db: Db, id: string): CurrentRow {
  const row = requireMembership(db, id);
  if (row.to_date !== null) throw new AppError('NOT_FOUND', `Membership ${id} has ended.`, { entity: 'party_membership', id });
  return row;
}

/** The day someone born on `birthDate` turns 18 (a 29 February birthday counts from 1 March). */
export function eighteenthBirthday(birthDate: string): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return dateOfDay(daysFromCivil(y + 18, m, d));
}

/** The CPC admits members from 18: an earlier 入党日期 is a typo (党龄 would come out too long). */
function assertOldEnough(facts: PersonFacts, partyJoinedOn: string | null): void {
  if (partyJoinedOn === null || facts.birth_date === '') return;
  const earliest = eighteenthBirthday(facts.birth_date);
  // A month alone is too early only when the whole month is before the eighteenth birthday's month.
  if (partyJoinedOn.length === 7 ? partyJoinedOn < earliest.slice(0, 7) : partyJoinedOn < earliest) {
    throw new AppError('PARTY_JOINED_TOO_YOUNG', `${facts.name} was not yet 18 on ${partyJoinedOn}.`, { name: facts.name, date: partyJoinedOn, birthDate: facts.birth_date, earliest });
  }
}

/*
 * Periods are half-open: a membership covers from_date up to the day before to_date. A move closes
 * the old row and opens the new one on the same date, so on the move day the member belongs to the
 * new branch only; an ended membership no longer counts on its end date.
 */

/**
 * Refuses a period [fromDate, toDate) that overlaps another membership of the person (otherwise a
 * meeting or a month of dues would count twice). `ignoreId` is a row being adjusted along with it.
 */
function assertNoOverlap(db: Db, personId: string, selfId: string | null, fromDate: string, toDate: string | null, ignoreId: string | null): void {
  const others = cachedStatement(
    db,
    'SELECT id, from_date, to_date FROM party_memberships WHERE person_id = ? AND deleted_at IS NULL AND (to_date IS NULL OR to_date > from_date)',
  ).all(personId) as { id: string; from_date: string; to_date: string | null }[];
  const clash = others.find((o) => o.id !== selfId && o.id !== ignoreId && fromDate < (o.to_date ?? '9999-12-31') && o.from_date < (toDate ?? '9999-12-31'));
  if (clash) throw fieldError('fromDate', 'party.periodOverlaps');
}

/** The membership a move closed to open `row`: it ended, by a move, on the day `row` began. */
function movedFrom(db: Db, row: { id: string; person_id: string; from_date: string }): { id: string; from_date: string } | undefined {
  return cachedStatement(
    db,
    `SELECT id, from_date FROM party_memberships
     WHERE person_id = ? AND id <> ? AND to_date = ? AND end_reason = 'moved_branch' AND deleted_at IS NULL
     ORDER BY from_date DESC, rowid DESC LIMIT 1`,
  ).get(row.person_id, row.id, row.from_date) as { id: string; from_date: string } | undefined;
}

/**
 * When the person's unbroken party life here began: walks back from a membership through the moves
 * that led to it. Dues owed before a move stay owed after it (the arrears follow the member).
 */
export function continuousSince(db: Db, membership: { id: string; personId: string; fromDate: string }): string {
  const seen = new Set<string>([membership.id]);
  let current = { id: membership.id, person_id: membership.personId, from_date: membership.fromDate };
  for (;;) {
    const previous = movedFrom(db, current);
    if (!previous || seen.has(previous.id)) return current.from_date;
    seen.add(previous.id);
    current = { id: previous.id, person_id: membership.personId, from_date: previous.from_date };
  }
}

/**
 * continuousSince for many memberships at once (the arrears list): one read of every membership a
 * move closed, then the same walk back in memory. Candidates keep movedFrom's order (latest start
 * first, then the later row), so both give the same day even for same-day moves.
 */
export function continuousSinceOfAll(db: Db): (membership: { id: string; personId: string; fromDate: string }) => string {
  const moves = cachedStatement(
    db,
    `SELECT id, person_id, from_date, to_date FROM party_memberships
     WHERE end_reason = 'moved_branch' AND to_date IS NOT NULL AND deleted_at IS NULL
     ORDER BY from_date DESC, rowid DESC`,
  ).all() as { id: string; person_id: string; from_date: string; to_date: string }[];
  const endedOn = new Map<string, { id: string; from_date: string }[]>();
  const key = (personId: string, day: string): string => `${personId}\u0000${day}`;
  for (const m of moves) {
    const list = endedOn.get(key(m.person_id, m.to_date));
    if (list) list.push(m);
    else endedOn.set(key(m.person_id, m.to_date), [m]);
  }
  return (membership) => {
    const seen = new Set<string>([membership.id]);
    let current = { id: membership.id, from_date: membership.fromDate };
    for (;;) {
      const previous = endedOn.get(key(membership.personId, current.from_date))?.find((m) => m.id !== current.id);
      if (!previous || seen.has(previous.id)) return current.from_date;
      seen.add(previous.id);
      current = previous;
    }
  };
}

/**
 * The unit's party contact is remembered only while the relation stays with the original unit; left
 * empty there, it comes from the person's linked unit (units registry).
 */
function unitContact(fields: { relationHeld: string; unitPartyContact: string; unitPartyPhone: string }, facts: PersonFacts): { contact: string; phone: string } {
  if (fields.relationHeld !== 'original_unit') return { contact: '', phone: '' };
  return {
    contact: fields.unitPartyContact || (facts.unit_party_contact ?? ''),
    phone: fields.unitPartyPhone || (facts.unit_party_phone ?? ''),
  };
}

export function addMember(db: Db, ctx: WriteContext, input: AddMemberInput, today: string): string {
  requireBranch(db, input.branchId);
  const facts = personFacts(db, input.personId);
  if (facts.political_status !== 'cpc') throw new AppError('NOT_A_PARTY_MEMBER', `${facts.name} is not a party member.`, { name: facts.name });
  const current = currentOf(db, input.personId);
  if (current) throw new AppError('ALREADY_A_MEMBER', `${facts.name} is already a member.`, { name: facts.name, branch: current.branch_name });
  assertNotInFuture('fromDate', input.fromDate, today);
  if (input.partyJoinedOn !== null) assertNotInFuture('partyJoinedOn', input.partyJoinedOn, today);
  assertOldEnough(facts, input.partyJoinedOn);
  assertNoOverlap(db, input.personId, null, input.fromDate, null, null);
  const { contact, phone } = unitContact(input, facts);
  return insertSynced(
    db,
    { ...ctx, subjectId: input.personId },
    'party_memberships',
    {
      person_id: input.personId,
      branch_id: input.branchId,
      party_joined_on: input.partyJoinedOn,
      relation_held: input.relationHeld,
      management_mode: input.managementMode,
      unit_party_contact: contact,
      unit_party_phone: phone,
      from_date: input.fromDate,
      notes: input.notes,
    },
    'party_membership',
  );
}

export function updateMember(db: Db, ctx: WriteContext, input: UpdateMemberInput, today: string): { changed: boolean } {
  const row = requireMembership(db, input.id);
  const facts = personFacts(db, row.person_id);
  assertNotInFuture('fromDate', input.fromDate, today);
  if (row.to_date !== null && input.fromDate > row.to_date) throw fieldError('fromDate', 'party.endBeforeStart');
  if (input.partyJoinedOn !== null) assertNotInFuture('partyJoinedOn', input.partyJoinedOn, today);
  assertOldEnough(facts, input.partyJoinedOn);
  // A membership opened by a move starts the day the previous one ended: correcting the move date
  // corrects both, so the chain (and the dues owed across it) stays unbroken.
  const previous = input.fromDate === row.from_date ? undefined : movedFrom(db, row);
  if (previous && input.fromDate < previous.from_date) throw fieldError('fromDate', 'party.beforePreviousBranch');
  assertNoOverlap(db, row.person_id, row.id, input.fromDate, row.to_date, previous?.id ?? null);
  if (previous) updateSynced(db, { ...ctx, subjectId: row.person_id }, 'party_memberships', previous.id, { to_date: input.fromDate }, 'party_membership');
  const { contact, phone } = unitContact(input, facts);
  return updateSynced(
    db,
    { ...ctx, subjectId: row.person_id },
    'party_memberships',
    input.id,
    {
      party_joined_on: input.partyJoinedOn,
      relation_held: input.relationHeld,
      management_mode: input.managementMode,
      unit_party_contact: contact,
      unit_party_phone: phone,
      from_date: input.fromDate,
      notes: input.notes,
    },
    'party_membership',
  );
}

/**
 * Closes the current membership on `date` and opens one in the other branch from that day, keeping the
 * other fields. Periods are half-open, so on `date` the member belongs to the new branch only.
 */
export function moveMember(db: Db, ctx: WriteContext, input: { id: string; toBranchId: string; date: string }, today: string): string {
  const row = requireCurrent(db, input.id);
  requireBranch(db, input.toBranchId);
  if (input.toBranchId === row.branch_id) throw fieldError('toBranchId', 'party.sameBranch');
  assertNotInFuture('date', input.date, today);
  if (input.date < row.from_date) throw fieldError('date', 'party.moveBeforeJoined');
  const old = cachedStatement(
    db,
    'SELECT party_joined_on, relation_held, management_mode, unit_party_contact, unit_party_phone, notes FROM party_memberships WHERE id = ?',
  ).get(input.id) as { party_joined_on: string | null; relation_held: string; management_mode: string; unit_party_contact: string; unit_party_phone: string; notes: string };
  const subject = { ...ctx, subjectId: row.person_id };
  updateSynced(db, subject, 'party_memberships', input.id, { to_date: input.date, end_reason: 'moved_branch' }, 'party_membership');
  return insertSynced(db, subject, 'party_memberships', { person_id: row.person_id, branch_id: input.toBranchId, ...old, from_date: input.date }, 'party_membership');
}

export function endMember(db: Db, ctx: WriteContext, input: { id: string; toDate: string; reason: EndReason; note: string }, today: string): void {
  const row = requireCurrent(db, input.id);
  assertNotInFuture('toDate', input.toDate, today);
  if (input.toDate < row.from_date) throw fieldError('toDate', 'party.endBeforeStart');
  updateSynced(
    db,
    { ...ctx, subjectId: row.person_id },
    'party_memberships',
    input.id,
    { to_date: input.toDate, end_reason: input.reason, end_note: input.note },
    'party_membership',
  );
}

/** Removes a membership entered by mistake. Ending or moving is how real changes are kept. */
export function deleteMember(db: Db, ctx: WriteContext, id: string): void {
  const row = requireMembership(db, id);
  tombstoneSynced(db, { ...ctx, subjectId: row.person_id }, 'party_memberships', id, 'party_membership');
}

/** Members of a branch on a day (their half-open period covers it), for attendance and dues. */
export function membersOn(db: Db, branchId: string, day: string): { personId: string; personName: string; fromDate: string }[] {
  return cachedStatement(
    db,
    `SELECT m.person_id AS personId, p.name AS personName, m.from_date AS fromDate ${FROM}
     WHERE m.branch_id = ? AND m.deleted_at IS NULL AND m.from_date <= ? AND (m.to_date IS NULL OR m.to_date > ?)
     GROUP BY m.person_id ORDER BY p.name_pinyin, p.id`,
  ).all(branchId, day, day) as { personId: string; personName: string; fromDate: string }[];
}
