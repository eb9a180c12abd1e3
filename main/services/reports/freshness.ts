/**
 * How current a community's data is at the county bureau: the packets received from it, the day
 * its data is as of (the newest packet's own time), and whether that data can answer for a period.
 * The reporting board colours the offices by it; the roll-up and an office's dashboard say, for the
 * period asked, whether the figures are whole, incomplete, or not there at all, so data an office
 * sent long ago never passes for this period's.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { Staleness } from '../../../shared/schemas/reports';
import { toDateString } from '../../../shared/dates';

/** Days since an office's newest data before its colour turns amber, then red. */
export const STALE_GREEN_DAYS = 35;
export const STALE_AMBER_DAYS = 65;

export interface ReceivedPackets {
  /** The day the newest packet was imported here. */
  lastReceived: string | null;
  /** The day its data is as of: the newest packet's own time. */
  dataAsOf: string | null;
  /** Packets imported in the month asked for (YYYY-MM). */
  inMonth: number;
  total: number;
}

interface PacketStats {
  office: string;
  last_logged: string | null;
  last_created: string | null;
  in_month: number | null;
  total: number;
}

// The packets that bring an office's records: full and incremental ones, and transfers.
const PACKETS = `SELECT peer_office_id AS office, max(logged_at) AS last_logged, max(created_at) AS last_created,
    sum(substr(logged_at, 1, 7) = @month) AS in_month, count(*) AS total
  FROM packet_log
  WHERE direction = 'in' AND kind IN ('full', 'incremental', 'transfer') AND peer_office_id IS NOT NULL`;

function received(s: PacketStats): ReceivedPackets {
  return {
    lastReceived: s.last_logged ? toDateString(s.last_logged) : null,
    dataAsOf: s.last_created ? toDateString(s.last_created) : null,
    inMonth: s.in_month ?? 0,
    total: s.total,
  };
}

export const NOTHING_RECEIVED: ReceivedPackets = { lastReceived: null, dataAsOf: null, inMonth: 0, total: 0 };

/** The packets received from every office that sent any, in one grouped read (an office absent sent none). */
export function receivedPackets(db: Db, month: string): Map<string, ReceivedPackets> {
  const rows = cachedStatement(db, `${PACKETS} GROUP BY peer_office_id`).all({ month }) as PacketStats[];
  return new Map(rows.map((r) => [r.office, received(r)]));
}

/** The packets received from one office. */
export function receivedFrom(db: Db, office: string, month = ''): ReceivedPackets {
  const row = cachedStatement(db, `${PACKETS} AND peer_office_id = @office GROUP BY peer_office_id`).get({ month, office }) as PacketStats | undefined;
  return row ? received(row) : NOTHING_RECEIVED;
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function staleness(daysSince: number | null): Staleness {
  if (daysSince === null) return 'never';
  if (daysSince <= STALE_GREEN_DAYS) return 'green';
  if (daysSince <= STALE_AMBER_DAYS) return 'amber';
  return 'red';
}

/**
 * How an office's data, as of `dataAsOf`, covers the days `from`–`to` asked for on `today`:
 *
 *  - `none`: the period begins after the data (and, while it runs, the office is not sending as
 *    usual): nothing of the period is here, so its figures would be zeros that are not real;
 *  - `incomplete`: the period goes on past the data — a period over whose last days came after the
 *    newest packet, or one still running from an office silent longer than the usual interval
 *    between packets (the board's green): what happened since is missing;
 *  - `whole`: the data reaches the period's end, or the period runs and the office sends as usual
 *    (a running period is counted to today; every office's data trails today by a few days).
 *
 * Without a packet on record the day is unknown (records that came another way): `whole`, since
 * nothing says otherwise.
 */
export type DataCover = 'whole' | 'incomplete' | 'none';

export function dataCover(dataAsOf: string | null, from: string, to: string, today: string): DataCover {
  if (dataAsOf === null) return 'whole';
  const running = to >= today;
  if (running && staleness(daysBetween(dataAsOf, today)) === 'green') return 'whole';
  if (dataAsOf < from) return 'none';
  return dataAsOf < (running ? today : to) ? 'incomplete' : 'whole';
}
