/**
 * The trust list: offices whose packets this office accepts and to which it may send. An office is
 * added from its key card once a person has compared the card's fingerprint (read out on the
 * phone, or from the printed card); a new card for a known office replaces its keys and keeps the
 * old ones, which still verify packets made before the replacement.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { writeAudit, type Actor } from '../../db/audit';
import { AppError } from '../../../shared/errors';
import { keyCardSchema, type KeyCard, type KeyInfo, type TrustedOffice } from '../../../shared/schemas/packets';
import type { OfficeMode } from '../../../shared/schemas/office';
import { cardFingerprint, fingerprintGroups, fingerprintMatches } from './keys';

interface OfficeRow {
  office_id: string;
  name: string;
  area_code: string;
  mode: OfficeMode;
  card_json: string;
  fingerprint: string;
  trusted_by: string;
  trusted_at: string;
  updated_at: string;
}

interface KeyRow {
  office_id: string;
  signing_key: string;
  age_recipient: string;
  fingerprint: string;
  card_created: string;
  added_at: string;
  replaced_at: string | null;
}

export interface TrustedPeer {
  officeId: string;
  name: string;
  areaCode: string;
  mode: OfficeMode;
  card: KeyCard;
}

function keyInfo(k: KeyRow): KeyInfo {
  return {
    signingKey: k.signing_key,
    ageRecipient: k.age_recipient,
    fingerprint: k.fingerprint,
    fingerprintGroups: fingerprintGroups(k.fingerprint),
    created: k.card_created,
    replacedAt: k.replaced_at,
  };
}

function toTrusted(db: Db, row: OfficeRow): TrustedOffice {
  const keys = cachedStatement(db, 'SELECT * FROM trusted_keys WHERE office_id = ? ORDER BY replaced_at IS NOT NULL, card_created DESC').all(row.office_id) as KeyRow[];
  return {
    officeId: row.office_id,
    name: row.name,
    areaCode: row.area_code,
    mode: row.mode,
    fingerprint: row.fingerprint,
    fingerprintGroups: fingerprintGroups(row.fingerprint),
    trustedBy: row.trusted_by,
    trustedAt: row.trusted_at,
    updatedAt: row.updated_at,
    keys: keys.map(keyInfo),
  };
}

export function listTrusted(db: Db): TrustedOffice[] {
  const rows = cachedStatement(db, 'SELECT * FROM trusted_offices ORDER BY area_code, name').all() as OfficeRow[];
  return rows.map((r) => toTrusted(db, r));
}

export function getTrustedPeer(db: Db, officeId: string): TrustedPeer | null {
  const row = cachedStatement(db, 'SELECT * FROM trusted_offices WHERE office_id = ?').get(officeId) as OfficeRow | undefined;
  if (!row) return null;
  return { officeId: row.office_id, name: row.name, areaCode: row.area_code, mode: row.mode, card: keyCardSchema.parse(JSON.parse(row.card_json)) };
}

/** A trusted office's key, if `signingKey` is one of its keys (current or replaced). */
export function trustedKey(db: Db, officeId: string, signingKey: string): { replacedAt: string | null } | null {
  const row = cachedStatement(db, 'SELECT replaced_at FROM trusted_keys WHERE office_id = ? AND signing_key = ?').get(officeId, signingKey) as
    | { replaced_at: string | null }
    | undefined;
  return row ? { replacedAt: row.replaced_at } : null;
}

/** Finds a trusted office by id, 12-digit area code or exact name. */
export function findTrustedPeer(db: Db, ref: string): TrustedPeer | null {
  const text = ref.trim();
  const row = cachedStatement(db, 'SELECT office_id FROM trusted_offices WHERE office_id = ? OR area_code = ? OR name = ? ORDER BY office_id = ? DESC LIMIT 2')
    .all(text, text, text, text) as { office_id: string }[];
  if (row.length !== 1 && !(row.length > 1 && row[0]?.office_id === text)) return null;
  return getTrustedPeer(db, (row[0] as { office_id: string }).office_id);
}

export interface TrustCheck {
  card: KeyCard;
  fingerprint: string;
  alreadyTrusted: boolean;
  /** The office is trusted with other keys: trusting this card replaces them. */
  replacesKeys: boolean;
}

export function checkCard(db: Db, card: KeyCard): TrustCheck {
  const existing = getTrustedPeer(db, card.officeId);
  const current = existing ? (cachedStatement(db, 'SELECT signing_key FROM trusted_keys WHERE office_id = ? AND replaced_at IS NULL').get(card.officeId) as { signing_key: string } | undefined) : undefined;
  return {
    card,
    fingerprint: cardFingerprint(card),
    alreadyTrusted: existing !== null,
    replacesKeys: existing !== null && current?.signing_key !== card.signingKey,
  };
}

/**
 * Adds (or updates) an office from its card, once the person has confirmed the fingerprint they
 * compared. The app's own card is refused: this office trusts its own keys already.
 */
export function trustCard(db: Db, card: KeyCard, confirmed: string, ownOfficeId: string, actor: Actor, at: string): TrustedOffice {
  if (card.officeId === ownOfficeId) throw new AppError('KEY_CARD_INVALID', 'This is the key card of this office itself.', { reason: 'own' });
  const fingerprint = cardFingerprint(card);
  if (!fingerprintMatches(card, confirmed)) {
    throw new AppError('KEY_FINGERPRINT_MISMATCH', 'The fingerprint entered does not match the key card. Do not trust this card until the difference is explained.', {
      computed: fingerprintGroups(fingerprint),
    });
  }
  const cardJson = JSON.stringify(card);
  const existing = cachedStatement(db, 'SELECT * FROM trusted_offices WHERE office_id = ?').get(card.officeId) as OfficeRow | undefined;
  if (existing) {
    cachedStatement(
      db,
      'UPDATE trusted_offices SET name = ?, area_code = ?, mode = ?, card_json = ?, fingerprint = ?, trusted_by = ?, trusted_by_id = ?, trusted_at = ?, updated_at = ? WHERE office_id = ?',
    ).run(card.name, card.areaCode, card.mode, cardJson, fingerprint, actor.username, actor.userId, at, at, card.officeId);
    cachedStatement(db, 'UPDATE trusted_keys SET replaced_at = ? WHERE office_id = ? AND replaced_at IS NULL AND signing_key <> ?').run(at, card.officeId, card.signingKey);
  } else {
    cachedStatement(
      db,
      'INSERT INTO trusted_offices (office_id, name, area_code, mode, card_json, fingerprint, trusted_by, trusted_by_id, trusted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(card.officeId, card.name, card.areaCode, card.mode, cardJson, fingerprint, actor.username, actor.userId, at, at);
  }
  cachedStatement(
    db,
    `INSERT INTO trusted_keys (office_id, signing_key, age_recipient, fingerprint, card_created, added_at, added_by, replaced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (office_id, signing_key) DO UPDATE SET age_recipient = excluded.age_recipient, fingerprint = excluded.fingerprint,
       card_created = excluded.card_created, replaced_at = NULL`,
  ).run(card.officeId, card.signingKey, card.ageRecipient, fingerprint, card.created, at, actor.username);
  writeAudit(db, actor, at, {
    entity: 'trusted_office',
    entityId: card.officeId,
    action: existing ? 'update' : 'create',
    changes: { name: card.name, areaCode: card.areaCode, mode: card.mode, fingerprint: fingerprintGroups(fingerprint) },
  });
  return toTrusted(db, cachedStatement(db, 'SELECT * FROM trusted_offices WHERE office_id = ?').get(card.officeId) as OfficeRow);
}
