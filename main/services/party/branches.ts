/**
 * 党组织 (branches, temporary branches, activity stations and groups) and their committees. A post is
 * dated: appointing a new secretary closes the old one, so who held it when stays visible.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { AppError, fieldError } from '../../../shared/errors';
import type { AppointInput, BranchDetail, BranchFields, BranchListQuery, BranchRow, CommitteePostRow } from '../../../shared/schemas/party';

registerSyncedTable('party_branches');
registerSyncedTable('party_committee');

interface BranchDbRow {
  id: string;
  name: string;
  kind: BranchRow['kind'];
  origin_office: string;
  founded_on: string | null;
  meeting_place: string;
  notes: string;
  member_count: number;
  secretary_name: string | null;
  last_meeting_on: string | null;
  created_at: string;
  updated_at: string;
}

const SELECT_BRANCH = `SELECT b.id, b.name, b.kind, b.origin_office, b.founded_on, b.meeting_place, b.notes, b.created_at, b.updated_at,
    (SELECT count(*) FROM party_memberships m JOIN persons p ON p.id = m.person_id AND p.deleted_at IS NULL
      WHERE m.branch_id = b.id AND m.to_date IS NULL AND m.deleted_at IS NULL) AS member_count,
    (SELECT coalesce(p.name, c.staff_name) FROM party_committee c LEFT JOIN persons p ON p.id = c.person_id AND p.deleted_at IS NULL
      WHERE c.branch_id = b.id AND c.post = 'secretary' AND c.to_date IS NULL AND c.deleted_at IS NULL
        AND (c.person_id IS NULL OR p.id IS NOT NULL)
      ORDER BY c.from_date DESC LIMIT 1) AS secretary_name,
    (SELECT max(g.date) FROM party_meetings g WHERE g.branch_id = b.id AND g.deleted_at IS NULL) AS last_meeting_on
  FROM party_branches b`;

function toBranchRow(r: BranchDbRow): BranchRow {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    originOffice: r.origin_office,
    foundedOn: r.founded_on,
    meetingPlace: r.meeting_place,
    notes: r.notes,
    memberCount: r.member_count,
    secretaryName: r.secretary_name ?? '',
    lastMeetingOn: r.last_meeting_on,
  };
}

/** Branches by name; `office` (the county bureau's filter) keeps the branches that office made. */
export function listBranches(db: Db, query: BranchListQuery): BranchRow[] {
  const rows = cachedStatement(
    db,
    `${SELECT_BRANCH} WHERE b.deleted_at IS NULL AND (@q = '' OR instr(b.name, @q) > 0) AND (@office IS NULL OR b.origin_office = @office) ORDER BY b.name`,
  ).all({ q: query.search, office: query.office ?? null }) as BranchDbRow[];
  return rows.map(toBranchRow);
}

export function requireBranch(db: Db, id: string): { id: string; name: string; origin_office: string } {
  const row = cachedStatement(db, 'SELECT id, name, origin_office FROM party_branches WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { id: string; name: string; origin_office: string }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Party branch ${id} not found.`, { entity: 'party_branch', id });
  return row;
}

interface PostDbRow {
  id: string;
  branch_id: string;
  post: CommitteePostRow['post'];
  person_id: string | null;
  person_name: string | null;
  staff_name: string;
  from_date: string;
  to_date: string | null;
}

function committeeOf(db: Db, branchId: string): CommitteePostRow[] {
  const rows = cachedStatement(
    db,
    `SELECT c.id, c.branch_id, c.post, c.person_id, p.name AS person_name, c.staff_name, c.from_date, c.to_date
     FROM party_committee c LEFT JOIN persons p ON p.id = c.person_id AND p.deleted_at IS NULL
     WHERE c.branch_id = ? AND c.deleted_at IS NULL AND (c.person_id IS NULL OR p.id IS NOT NULL)
     ORDER BY c.to_date IS NOT NULL, CASE c.post WHEN 'secretary' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, c.from_date DESC, c.id`,
  ).all(branchId) as PostDbRow[];
  return rows.map((r) => ({
    id: r.id,
    branchId: r.branch_id,
    post: r.post,
    personId: r.person_id,
    name: r.person_name ?? r.staff_name,
    isStaff: r.person_id === null,
    fromDate: r.from_date,
    toDate: r.to_date,
  }));
}

export function getBranch(db: Db, id: string): BranchDetail {
  const row = cachedStatement(db, `${SELECT_BRANCH} WHERE b.id = ? AND b.deleted_at IS NULL`).get(id) as BranchDbRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Party branch ${id} not found.`, { entity: 'party_branch', id });
  return { ...toBranchRow(row), committee: committeeOf(db, id), createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Names are unique per office that owns the branch (the bureau also holds branches received from other offices). */
function assertNameFree(db: Db, office: string, name: string, exceptId: string | null): void {
  const clash = cachedStatement(db, 'SELECT id FROM party_branches WHERE origin_office = ? AND name = ? AND deleted_at IS NULL').get(office, name) as
    | { id: string }
    | undefined;
  if (clash && clash.id !== exceptId) throw new AppError('BRANCH_NAME_TAKEN', `A branch named ${name} exists.`, { name });
}

const branchColumns = (f: BranchFields) => ({ name: f.name, kind: f.kind, founded_on: f.foundedOn, meeting_place: f.meetingPlace, notes: f.notes });

export function createBranch(db: Db, ctx: WriteContext, fields: BranchFields): string {
  assertNameFree(db, ctx.officeId, fields.name, null);
  return insertSynced(db, ctx, 'party_branches', branchColumns(fields), 'party_branch');
}

export function updateBranch(db: Db, ctx: WriteContext, id: string, fields: BranchFields): { changed: boolean } {
  const branch = requireBranch(db, id);
  assertNameFree(db, branch.origin_office, fields.name, id);
  return updateSynced(db, ctx, 'party_branches', id, branchColumns(fields), 'party_branch');
}

/** Refused while the branch has current members; its posts, meetings and past memberships stay as history. */
export function deleteBranch(db: Db, ctx: WriteContext, id: string): void {
  const branch = requireBranch(db, id);
  const { n } = cachedStatement(db, 'SELECT count(*) AS n FROM party_memberships WHERE branch_id = ? AND to_date IS NULL AND deleted_at IS NULL').get(id) as { n: number };
  if (n > 0) throw new AppError('BRANCH_HAS_MEMBERS', `Branch ${branch.name} still has ${n} members.`, { name: branch.name, count: n });
  tombstoneSynced(db, ctx, 'party_branches', id, 'party_branch');
}

/** A committee post is held by a party member: the registry must say so. */
function requirePartyPerson(db: Db, personId: string): void {
  const row = cachedStatement(db, 'SELECT name, political_status FROM persons WHERE id = ? AND deleted_at IS NULL').get(personId) as
    | { name: string; political_status: string }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
  if (row.political_status !== 'cpc') throw new AppError('NOT_A_PARTY_MEMBER', `${row.name} is not a party member.`, { name: row.name });
}

/** A retired holder must belong to the branch on the day the post begins (half-open membership periods). */
function requireBranchMember(db: Db, branch: { id: string; name: string }, personId: string, day: string): void {
  const member = cachedStatement(
    db,
    `SELECT 1 FROM party_memberships WHERE person_id = ? AND branch_id = ? AND deleted_at IS NULL
       AND from_date <= ? AND (to_date IS NULL OR to_date > ?)`,
  ).get(personId, branch.id, day, day);
  if (member) return;
  const { name } = cachedStatement(db, 'SELECT name FROM persons WHERE id = ?').get(personId) as { name: string };
  throw new AppError('NOT_A_BRANCH_MEMBER', `${name} is not a member of ${branch.name} on ${day}.`, { name, branch: branch.name, date: day });
}

/**
 * Appoints a retired member or a community staff member (一肩挑) to a post. A new secretary closes
 * the current secretary's post on the same day; deputies and members simply join the committee.
 */
export function appoint(db: Db, ctx: WriteContext, input: AppointInput): string {
  const branch = requireBranch(db, input.branchId);
  if (input.personId !== null) {
    requirePartyPerson(db, input.personId);
    requireBranchMember(db, branch, input.personId, input.fromDate);
  }
  if (input.post === 'secretary') {
    const current = cachedStatement(
      db,
      "SELECT id, person_id, from_date FROM party_committee WHERE branch_id = ? AND post = 'secretary' AND to_date IS NULL AND deleted_at IS NULL",
    ).all(input.branchId) as { id: string; person_id: string | null; from_date: string }[];
    for (const old of current) {
      if (old.from_date > input.fromDate) {
        throw fieldError('fromDate', 'party.beforeCurrentSecretary', 'The new secretary starts before the current one.');
      }
      // The outgoing secretary's own change history shows the post ending.
      updateSynced(db, { ...ctx, subjectId: old.person_id ?? undefined }, 'party_committee', old.id, { to_date: input.fromDate }, 'party_committee');
    }
  }
  return insertSynced(
    db,
    { ...ctx, subjectId: input.personId ?? undefined },
    'party_committee',
    {
      branch_id: input.branchId,
      post: input.post,
      person_id: input.personId,
      staff_name: input.personId === null ? input.staffName : '',
      from_date: input.fromDate,
    },
    'party_committee',
  );
}

function requirePost(db: Db, id: string): { person_id: string | null; from_date: string; to_date: string | null } {
  const row = cachedStatement(db, 'SELECT person_id, from_date, to_date FROM party_committee WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { person_id: string | null; from_date: string; to_date: string | null }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Committee post ${id} not found.`, { entity: 'party_committee', id });
  return row;
}

/** Closes a post (the holder stepped down); it stays in the committee's history. */
export function endPost(db: Db, ctx: WriteContext, id: string, toDate: string): { changed: boolean } {
  const post = requirePost(db, id);
  // Ending it again would overwrite the real end date and lose that history.
  if (post.to_date !== null) {
    throw fieldError('toDate', 'party.postAlreadyEnded', 'The post has already ended.');
  }
  if (toDate < post.from_date) {
    throw fieldError('toDate', 'party.endBeforeStart', 'The end date is before the start.');
  }
  return updateSynced(db, { ...ctx, subjectId: post.person_id ?? undefined }, 'party_committee', id, { to_date: toDate }, 'party_committee');
}

/** Removes a post entered by mistake (a tombstone: history of real changes is kept by endPost). */
export function deletePost(db: Db, ctx: WriteContext, id: string): void {
  const post = requirePost(db, id);
  tombstoneSynced(db, { ...ctx, subjectId: post.person_id ?? undefined }, 'party_committee', id, 'party_committee');
}
