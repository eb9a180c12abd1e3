/**
 * This office's keys as the keys.* channels see them: its identity (files in the data folder, see
 * keys.ts) joined with the office row into key cards, the trust list beside them, and the audit of
 * what changes the keys or lets a secret out.
 */
import type { Db } from '../../db/connection';
import { writeAudit, type Actor } from '../../db/audit';
import { getOffice } from '../app/office';
import { AppError } from '../../../shared/errors';
import type { KeyCard, KeyCardView, KeyInfo, TrustedOffice } from '../../../shared/schemas/packets';
import type { Office } from '../../../shared/schemas/office';
import {
  ageIdentityFileText,
  cardFileName,
  cardFileText,
  cardFingerprint,
  fingerprintGroups,
  keyCardOf,
  parseCardText,
  retiredIdentities,
  type OwnIdentity,
} from './keys';
import { officeIdentity, rotateOwnIdentity } from './ownIdentity';
import { checkCard, listTrusted, trustCard } from './trust';

function officeOf(db: Db): Office {
  const o = getOffice(db);
  if (!o) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  return o;
}

export function cardView(o: Office, identity: OwnIdentity): KeyCardView {
  const card = keyCardOf(o, identity);
  const fingerprint = cardFingerprint(card);
  return { card, fingerprint, fingerprintGroups: fingerprintGroups(fingerprint), fileName: cardFileName(card), json: cardFileText(card) };
}

function ownKeyInfo(o: Office, identity: OwnIdentity): KeyInfo {
  const fp = cardFingerprint(keyCardOf(o, identity));
  return {
    signingKey: identity.signingKey,
    ageRecipient: identity.ageRecipient,
    fingerprint: fp,
    fingerprintGroups: fingerprintGroups(fp),
    created: identity.created,
    replacedAt: identity.retiredAt,
  };
}

/** This office's current key card, its identity made first if it never had one. */
export function ownKeyCard(db: Db, dataDir: string, now: Date): KeyCardView {
  return cardView(officeOf(db), officeIdentity(db, dataDir, now));
}

export interface KeyList {
  own: KeyCardView & { retired: KeyInfo[] };
  trusted: TrustedOffice[];
}

/** The current card, the keys a rotation replaced (still read packets sent to them), and the trust list. */
export function listKeys(db: Db, dataDir: string, now: Date): KeyList {
  const o = officeOf(db);
  const current = officeIdentity(db, dataDir, now);
  return {
    own: { ...cardView(o, current), retired: retiredIdentities(dataDir).map((i) => ownKeyInfo(o, i)) },
    trusted: listTrusted(db),
  };
}

export interface CardInspection {
  card: KeyCard;
  fingerprint: string;
  fingerprintGroups: string;
  isOwn: boolean;
  alreadyTrusted: boolean;
  replacesKeys: boolean;
}

/** What a key card file says and its fingerprint, for the person to compare before trusting it. */
export function inspectCard(db: Db, cardText: string): CardInspection {
  const card = parseCardText(cardText);
  const check = checkCard(db, card);
  return {
    card,
    fingerprint: check.fingerprint,
    fingerprintGroups: fingerprintGroups(check.fingerprint),
    isOwn: card.officeId === officeOf(db).id,
    alreadyTrusted: check.alreadyTrusted,
    replacesKeys: check.replacesKeys,
  };
}

/** Trusts the card of a key card file once the person confirmed its fingerprint. */
export function trustCardText(db: Db, cardText: string, confirmed: string, actor: Actor, at: string): TrustedOffice {
  const card = parseCardText(cardText);
  return trustCard(db, card, confirmed, officeOf(db).id, actor, at);
}

/**
 * New keys for the office; the old ones are kept to read packets sent to them. Audited with both
 * fingerprints (none for the old when its files were missing). Also the way out when the key
 * files went missing or are not this office's.
 */
export function rotateOfficeKeys(db: Db, dataDir: string, actor: Actor, now: Date): KeyCardView {
  const o = officeOf(db);
  const { current, retired } = rotateOwnIdentity(db, dataDir, now);
  writeAudit(db, actor, now.toISOString(), {
    entity: 'office_keys',
    entityId: o.id,
    action: 'update',
    changes: { fingerprint: [retired ? ownKeyInfo(o, retired).fingerprintGroups : null, cardView(o, current).fingerprintGroups] },
  });
  return cardView(o, current);
}

export interface IdentityFile {
  fileName: string;
  text: string;
  recipient: string;
}

/** The secret age identity as a standard identity file (age -d -i FILE reads packets with it); audited. */
export function exportOfficeIdentity(db: Db, dataDir: string, actor: Actor, now: Date): IdentityFile {
  const o = officeOf(db);
  const identity = officeIdentity(db, dataDir, now);
  writeAudit(db, actor, now.toISOString(), {
    entity: 'office_identity',
    entityId: o.id,
    action: 'backup',
    changes: { recipient: identity.ageRecipient },
  });
  return { fileName: `cadrecare-identity-${o.areaCode}.txt`, text: ageIdentityFileText(identity, o), recipient: identity.ageRecipient };
}
