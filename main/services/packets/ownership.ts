/**
 * Who may change what through a packet (ARCHITECTURE.md "Packets: who may change what").
 *
 * Every synchronised row belongs to the office in its origin_office. A record of a packet is let in
 * only when the office that signed the packet may write that row here:
 *
 *   the sender's own rows                           always (a transfer: only its persons' rows)
 *   rows of another office, from the bureau         when that office is of the bureau's county
 *                                                   (the first 6 digits of the area code, as this
 *                                                   office knows both from their key cards)
 *   rows of another office, in a transfer           when they belong to a person the transfer names
 *                                                   (every row of a transfer must: else the whole
 *                                                   packet is refused, PACKET_TRANSFER_UNLISTED)
 *   this office's own rows, in a receipt            when it acknowledges a transfer this office made
 *                                                   and the row belongs to a person of it
 *   anything, in this office's own packet           (its passphrase backup, restored): its own data
 *
 * An office this office does not know (not on its trust list) cannot be placed in a county, so the
 * bureau's rows of it are refused; a transfer is the exception, since the rows are vouched for as
 * part of a named person's record and, once here, no one else's packet may change them.
 *
 * origin_office itself never changes through a packet, with two exceptions that move a row to
 * the office that now looks after the person: a transfer handing the sender's row to this office,
 * and the receipt of a transfer this office made handing its row to the office that took the
 * person in. Anything else refuses the whole packet (PACKET_FOREIGN_ROWS), before anything is
 * written, naming the table, the row and the office it belongs to.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { AppError } from '../../../shared/errors';
import type { Manifest } from '../../../shared/schemas/packets';
import type { Office, OfficeMode } from '../../../shared/schemas/office';
import type { Row } from './format';
import { getLogRow } from './log';
import { PERSON_TABLE, type TableMeta } from './tables';

interface KnownOffice {
  officeId: string;
  name: string;
  areaCode: string;
  mode: OfficeMode;
}

/** The county of a 12-digit 统计用区划代码: its first 6 digits. */
export function countyOf(areaCode: string): string {
  return areaCode.slice(0, 6);
}

/** The person a row belongs to: a person row itself, or the person_id of a row that has one. */
export function personOfRow(meta: TableMeta | undefined, table: string, row: Row): string | null {
  if (table === PERSON_TABLE) return typeof row['id'] === 'string' ? row['id'] : null;
  if (!meta?.columnSet.has('person_id')) return null;
  const value = row['person_id'];
  return typeof value === 'string' ? value : null;
}

function personsOfReport(reportJson: string): string[] {
  try {
    const persons = (JSON.parse(reportJson) as { persons?: unknown }).persons;
    return Array.isArray(persons) ? persons.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

export type ForeignReason = 'not-sender' | 'unknown-office' | 'outside-county' | 'origin-change';

export class OwnershipRules {
  private readonly known = new Map<string, KnownOffice>();
  private readonly self: KnownOffice;
  private readonly sender: KnownOffice;
  /** This office's own packet (a backup restored). */
  private readonly ownPacket: boolean;
  /** Transfers: the persons it names. */
  private readonly transferPersons: Set<string> | null;
  /** Receipts of a transfer this office made to the sender: that transfer's persons. */
  private readonly receiptPersons: Set<string> | null;
  private readonly localOrigin = new Map<string, Statement>();

  constructor(
    private readonly db: Db,
    office: Office,
    private readonly manifest: Manifest,
    private readonly metas: Map<string, TableMeta>,
  ) {
    this.self = { officeId: office.id, name: office.name, areaCode: office.areaCode, mode: office.mode };
    const rows = cachedStatement(db, 'SELECT office_id, name, area_code, mode FROM trusted_offices').all() as { office_id: string; name: string; area_code: string; mode: OfficeMode }[];
    for (const r of rows) this.known.set(r.office_id, { officeId: r.office_id, name: r.name, areaCode: r.area_code, mode: r.mode });
    this.known.set(office.id, this.self);
    const s = manifest.sender;
    // What this office knows of the sender (its key card), not what the packet says of itself; an
    // unknown sender is refused before any record problem is reported.
    this.sender = this.known.get(s.officeId) ?? { officeId: s.officeId, name: s.name, areaCode: s.areaCode, mode: s.mode };
    this.ownPacket = s.officeId === office.id;
    this.transferPersons = manifest.kind === 'transfer' ? new Set(manifest.persons ?? []) : null;
    let receipt: Set<string> | null = null;
    if (manifest.kind === 'receipt' && manifest.receipt) {
      const out = getLogRow(db, manifest.receipt.packetId, 'out');
      if (out && out.kind === 'transfer' && out.peer_office_id === s.officeId && out.sha256 === manifest.receipt.sha256) receipt = new Set(personsOfReport(out.report));
    }
    this.receiptPersons = receipt;
  }

  /**
   * Everything the rules read from this database, as text: two rule sets with the same fingerprint
   * give the same answer for every row that is not here (the import checks rows while the packet is
   * read and again in its transaction; rows not here are checked again only if this changed).
   */
  fingerprint(): string {
    const known = [...this.known.values()].map((k) => [k.officeId, k.areaCode, k.mode]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    return JSON.stringify([known, this.sender.officeId, this.receiptPersons ? [...this.receiptPersons].sort() : null]);
  }

  /** The office a row of this database belongs to, or null when the row is not here. */
  ownerHere(table: string, id: string): string | null {
    let stmt = this.localOrigin.get(table);
    if (!stmt) {
      if (!this.metas.has(table)) return null;
      // eslint-disable-next-line no-restricted-syntax -- one statement a table for this import's checks
      stmt = this.db.prepare(`SELECT origin_office FROM "${table}" WHERE id = ?`);
      this.localOrigin.set(table, stmt);
    }
    const row = stmt.get(id) as { origin_office: string } | undefined;
    return row ? row.origin_office : null;
  }

  /**
   * The problem with letting one record of the packet in, or null. `localOwner` is the origin_office
   * of the row with that id here (null when there is none).
   */
  check(table: string, row: Row, localOwner: string | null): AppError | null {
    const id = String(row['id']);
    const origin = String(row['origin_office']);
    const sender = this.sender.officeId;
    const person = personOfRow(this.metas.get(table), table, row);
    const named = person !== null && this.transferPersons !== null && this.transferPersons.has(person);
    const returned = person !== null && this.receiptPersons !== null && this.receiptPersons.has(person);
    if (this.transferPersons !== null && !named) return this.unlisted(table, id, person);

    if (localOwner !== null && localOwner !== origin) {
      const handedHere = named && localOwner === sender && origin === this.self.officeId;
      const takenIn = returned && localOwner === this.self.officeId && origin === sender;
      if (!handedHere && !takenIn) return this.refuse('origin-change', table, id, localOwner, origin);
    }
    if (origin === sender || this.ownPacket) return null;
    if (this.transferPersons !== null) return null;
    if (returned && origin === this.self.officeId) return null;
    const owner = this.known.get(origin);
    if (this.sender.mode === 'bureau') {
      if (!owner) return this.refuse('unknown-office', table, id, origin, origin);
      if (countyOf(owner.areaCode) !== countyOf(this.sender.areaCode)) return this.refuse('outside-county', table, id, origin, origin);
      return null;
    }
    return this.refuse(owner ? 'not-sender' : 'unknown-office', table, id, origin, origin);
  }

  /** A record of a transfer that is not a row of a person the transfer names. */
  private unlisted(table: string, id: string, person: string | null): AppError {
    return new AppError(
      'PACKET_TRANSFER_UNLISTED',
      `The transfer from ${this.sender.name} holds a record that belongs to none of the persons it names (${table} ${id}). Nothing was imported.`,
      { table, id, personId: person, sender: this.sender.name, senderOfficeId: this.sender.officeId, persons: this.transferPersons?.size ?? 0 },
    );
  }

  private nameOf(officeId: string): string {
    return this.known.get(officeId)?.name ?? officeId;
  }

  private refuse(reason: ForeignReason, table: string, id: string, owner: string, claimed: string): AppError {
    const ownerName = this.nameOf(owner);
    const what =
      reason === 'origin-change'
        ? `it would move ${table} ${id} of ${ownerName} to ${this.nameOf(claimed)}`
        : `${table} ${id} belongs to ${ownerName}${reason === 'unknown-office' ? ', an office not on the trust list' : reason === 'outside-county' ? ', an office outside its county' : ''}`;
    return new AppError('PACKET_FOREIGN_ROWS', `The packet from ${this.sender.name} changes records it may not change: ${what}. Nothing was imported.`, {
      reason,
      table,
      id,
      ownerOfficeId: owner,
      owner: ownerName,
      ownerKnown: this.known.has(owner),
      ...(reason === 'origin-change' ? { claimedBy: this.nameOf(claimed), claimedOfficeId: claimed } : {}),
      sender: this.sender.name,
      senderOfficeId: this.sender.officeId,
    });
  }
}
