/**
 * 来电来访登记 over the database. A call is logged with who took it; 报告住院 and 报告去世 record the
 * hospital stay or the death on the person through the persons services (which replan the visits),
 * in the same transaction as the call; a call becomes a service request in one step.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { likeContains, selectPage, Where } from '../../db/paged';
import { AppError, assertNotInFuture, fieldError } from '../../../shared/errors';
import { REQUEST_CATEGORIES, type RequestCategory } from '../../../shared/schemas/requests';
import type { Call, CallListQuery, NewCall } from '../../../shared/schemas/calls';
import type { z } from 'zod';
import type { callToRequestSchema, callUpdateSchema } from '../../../shared/schemas/calls';
import { addHealthEvent } from '../persons/health';
import { changeStatus } from '../persons/persons';
import { createRequest } from '../requests/requests';

registerSyncedTable('hotline_calls');

interface CallRow {
  id: string;
  origin_office: string;
  call_date: string;
  call_time: string;
  channel: Call['channel'];
  caller_kind: Call['callerKind'];
  person_id: string | null;
  person_name: string | null;
  person_status: Call['personStatus'];
  person_status_date: string | null;
  family_contact_id: string | null;
  caller_name: string;
  caller_phone: string;
  category: Call['category'];
  urgency: Call['urgency'];
  content: string;
  outcome: string;
  taken_by: string;
  taken_by_name: string | null;
  request_id: string | null;
  health_event_id: string | null;
  status_event_id: string | null;
  created_at: string;
}

const SELECT = `SELECT c.id, c.call_date, c.call_time, c.channel, c.caller_kind, c.person_id, p.name AS person_name, p.status AS person_status,
    p.status_date AS person_status_date, c.family_contact_id, c.caller_name, c.caller_phone, c.category, c.urgency, c.content, c.outcome,
    c.taken_by, u.display_name AS taken_by_name, c.request_id, c.health_event_id, c.status_event_id, c.origin_office, c.created_at
  FROM hotline_calls c LEFT JOIN persons p ON p.id = c.person_id AND p.deleted_at IS NULL LEFT JOIN users u ON u.id = c.taken_by`;

function toCall(r: CallRow): Call {
  return {
    id: r.id,
    date: r.call_date,
    time: r.call_time,
    channel: r.channel,
    callerKind: r.caller_kind,
    personId: r.person_id,
    personName: r.person_name,
    personStatus: r.person_status,
    personStatusDate: r.person_status_date,
    familyContactId: r.family_contact_id,
    callerName: r.caller_name,
    callerPhone: r.caller_phone,
    category: r.category,
    urgency: r.urgency,
    content: r.content,
    outcome: r.outcome,
    takenBy: r.taken_by,
    takenByName: r.taken_by_name,
    requestId: r.request_id,
    healthEventId: r.health_event_id,
    statusEventId: r.status_event_id,
    originOffice: r.origin_office,
    createdAt: r.created_at,
  };
}

interface PersonFacts {
  name: string;
  status: 'active' | 'moved_out' | 'deceased';
  status_date: string | null;
  phones: string;
}

function personOf(db: Db, id: string): PersonFacts {
  const row = cachedStatement(db, 'SELECT name, status, status_date, phones FROM persons WHERE id = ? AND deleted_at IS NULL').get(id) as PersonFacts | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Person ${id} not found.`, { entity: 'person', id });
  return row;
}

function firstPhone(json: string): string {
  const phones = JSON.parse(json) as unknown;
  return Array.isArray(phones) && typeof phones[0] === 'string' ? phones[0] : '';
}

/**
 * Logs a call. The caller's name and phone are copied from the registry when left empty. 报告住院
 * adds a hospital stay on the day given (else the call's day); 报告去世 records the death, unless the
 * person is recorded deceased already (the call is kept, and says so).
 */
export function createCall(db: Db, ctx: WriteContext, input: NewCall, today: string): { id: string; healthEventId: string | null; statusEventId: string | null; personStatus: Call['personStatus'] } {
  assertNotInFuture('date', input.date, today);
  const person = input.personId ? personOf(db, input.personId) : null;
  let callerName = input.callerName;
  let callerPhone = input.callerPhone;
  if (input.callerKind === 'family') {
    const family = cachedStatement(db, 'SELECT name, phones FROM family_contacts WHERE id = ? AND person_id = ? AND deleted_at IS NULL').get(input.familyContactId, input.personId) as
      | { name: string; phones: string }
      | undefined;
    if (!family) throw fieldError('familyContactId', 'calls.familyNotOfPerson', 'The family contact is not one of this person.');
    callerName ||= family.name;
    callerPhone ||= firstPhone(family.phones);
  } else if (input.callerKind === 'person' && person) {
    callerName ||= person.name;
    callerPhone ||= firstPhone(person.phones);
  }

  const subject = input.personId ? { ...ctx, subjectId: input.personId } : ctx;
  let healthEventId: string | null = null;
  let statusEventId: string | null = null;
  const eventDate = input.eventDate ?? input.date;
  if (input.personId && person && input.category === 'hospitalised') {
    healthEventId = addHealthEvent(db, ctx, input.personId, { kind: 'hospitalisation', date: eventDate, endDate: null, institution: input.institution, summary: `来电登记：${input.content}`.slice(0, 2000) });
  } else if (input.personId && person && input.category === 'deceased' && person.status !== 'deceased') {
    statusEventId = changeStatus(db, ctx, { id: input.personId, status: 'deceased', date: eventDate, destination: '', note: `来电登记：${input.content}`.slice(0, 500) });
  }
  const id = insertSynced(
    db,
    subject,
    'hotline_calls',
    {
      call_date: input.date,
      call_time: input.time,
      channel: input.channel,
      caller_kind: input.callerKind,
      person_id: input.personId,
      family_contact_id: input.callerKind === 'family' ? input.familyContactId : null,
      caller_name: callerName,
      caller_phone: callerPhone,
      category: input.category,
      urgency: input.urgency,
      content: input.content,
      outcome: input.outcome,
      taken_by: ctx.actor.userId ?? ctx.actor.username,
      health_event_id: healthEventId,
      status_event_id: statusEventId,
    },
    'hotline_call',
  );
  return { id, healthEventId, statusEventId, personStatus: person?.status ?? null };
}

export function getCall(db: Db, id: string): Call {
  const row = cachedStatement(db, `${SELECT} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as CallRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Call ${id} not found.`, { entity: 'hotline_call', id });
  return toCall(row);
}

/** Newest first; one day (from = to) in the order the calls came, as the duty handover reads it. */
export function listCalls(db: Db, query: CallListQuery): { total: number; rows: Call[] } {
  const where = new Where('c.deleted_at IS NULL')
    .andIf('c.call_date >= @from', { from: query.from })
    .andIf('c.call_date <= @to', { to: query.to })
    .andIf('c.person_id = @personId', { personId: query.personId })
    .andIf('c.category = @category', { category: query.category })
    .andIf('c.origin_office = @office', { office: query.office });
  if (query.q) {
    where.and(
      "(c.caller_name LIKE @q ESCAPE '\\' OR c.caller_phone LIKE @q ESCAPE '\\' OR p.name LIKE @q ESCAPE '\\' OR c.content LIKE @q ESCAPE '\\' OR c.outcome LIKE @q ESCAPE '\\')",
      { q: likeContains(query.q) },
    );
  }
  const oneDay = query.from !== undefined && query.from === query.to;
  const { total, rows } = selectPage<CallRow>(
    db,
    {
      select: SELECT,
      countFrom: 'FROM hotline_calls c LEFT JOIN persons p ON p.id = c.person_id AND p.deleted_at IS NULL',
      orderBy: oneDay ? 'c.call_date, c.call_time, c.created_at' : 'c.call_date DESC, c.call_time DESC, c.created_at DESC',
    },
    where,
    query,
  );
  return { total, rows: rows.map(toCall) };
}

function requireCall(db: Db, id: string): Call {
  return getCall(db, id);
}

export function updateCall(db: Db, ctx: WriteContext, input: z.output<typeof callUpdateSchema>): { changed: boolean } {
  const call = requireCall(db, input.id);
  const subject = call.personId ? { ...ctx, subjectId: call.personId } : ctx;
  return updateSynced(db, subject, 'hotline_calls', input.id, { urgency: input.urgency, content: input.content, outcome: input.outcome }, 'hotline_call');
}

/**
 * A call becomes a service request of the person it is about, raised on the call's day. The category
 * is the call's when it is a request category (else it must be given); the description, what was said.
 */
export function callToRequest(db: Db, ctx: WriteContext, input: z.output<typeof callToRequestSchema>, today: string): { requestId: string } {
  const call = requireCall(db, input.id);
  if (call.requestId) throw new AppError('CALL_HAS_REQUEST', 'This call already became a service request.', { requestId: call.requestId });
  if (!call.personId) throw new AppError('CALL_NO_PERSON', 'A call about no one in the registry cannot become a service request.');
  const own = (REQUEST_CATEGORIES as readonly string[]).includes(call.category) ? (call.category as RequestCategory) : undefined;
  const category = input.category ?? own;
  if (!category) throw fieldError('category', 'calls.requestCategoryRequired', 'Choose the kind of service request.');
  const description = input.description ?? call.content.slice(0, 1000);
  const requestId = createRequest(db, ctx, { personId: call.personId, category, description, assignedTo: input.assignedTo, raisedOn: call.date }, today);
  updateSynced(db, { ...ctx, subjectId: call.personId }, 'hotline_calls', call.id, { request_id: requestId, outcome: call.outcome || '已转为服务需求' }, 'hotline_call');
  return { requestId };
}

/** A call logged by mistake: a tombstone. What it recorded on the person stays (it is corrected there). */
export function deleteCall(db: Db, ctx: WriteContext, id: string): void {
  const call = requireCall(db, id);
  tombstoneSynced(db, call.personId ? { ...ctx, subjectId: call.personId } : ctx, 'hotline_calls', id, 'hotline_call');
}
