/**
 * The first login after the upgrade to an encrypting version: the office's plaintext database is
 * encrypted there and then (main/db/upgrade.ts does it crash-safely), under a new random key.
 *
 * Only the password of the person logging in is known, so the key slots are:
 *  - theirs, an ordinary slot (scrypt of the password they just typed, checked against the
 *    plaintext database first);
 *  - for every other enabled user, a pending slot wrapped under their stored password hash, so
 *    they log in next time with the password they already have and get an ordinary slot then. Its
 *    guessing cost is that of an ordinary slot. What it gives up: someone holding a copy of the
 *    plaintext database from before the upgrade (it has the password hashes) can open such a slot
 *    until its user logs in, or an administrator resets that password. Such a copy already holds all
 *    the data up to the upgrade; the plaintext database and backups in the data folder are removed
 *    as soon as the encrypted copy is verified. Disabled users get no slot.
 *
 * The recovery key of the new database must reach paper: the slot file says so (`recoveryKeyDue`)
 * until the recovery sheet has been printed (`recoveryKeyDue` / `recoveryKeyPrinted` below); the
 * sheet itself reads the key of the open database.
 */
import fs from 'node:fs';
import type { AppContext } from '../../context';
import { closeAppDatabase, openAppDatabase } from '../../context';
import { dropKey, newDatabaseKey } from '../../db/cipher';
import { newSlotFile, readSlotFile, slotsPath, wrapKey, wrapKeyPending, writeSlotFile, type KeySlot } from '../../db/keySlots';
import { assertRoomForCopy, encryptDatabase, isPlaintextFolder, removePlaintextLeftovers, type UpgradeProgress } from '../../db/upgrade';
import { createBackup } from '../../db/backup';
import { writeAudit } from '../../db/audit';
import { cachedStatement } from '../../db/statements';
import { isSealed } from '../../db/sealedFiles';
import { identityFile, loadIdentity, retiredIdentities } from '../packets/keys';
import { getOffice } from '../app/office';

/** The i18n keys of the steps the login screen shows (renderer/i18n, `progress`). */
export const UPGRADE_STAGES = {
  copy: 'progress.encryptDatabase',
  index: 'progress.encryptDatabase',
  verify: 'progress.encryptVerify',
  finish: 'progress.encryptFinish',
} as const;

export type UpgradeStageKey = (typeof UPGRADE_STAGES)[keyof typeof UPGRADE_STAGES];

/** Progress of the upgrade as the 'progress' event carries it: done of total, and what is being done. */
export type UpgradeListener = (done: number, total: number, stage: UpgradeStageKey) => void;

/** Whether this app holds a database from before encryption, opened at start, that a login should encrypt. */
export function needsUpgrade(app: AppContext): boolean {
  // Benches and tests that open a plaintext database on purpose keep it open (`keepOpen`): never upgraded.
  return app.isOpen && app.key === null && !app.keepOpen && isPlaintextFolder(app.dataDir, app.dbPath);
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  password_salt: string;
  disabled: 0 | 1;
}

/**
 * Encrypts the office's database at the login of `userId`, whose `password` was just checked
 * against it. Nothing happens when the folder is encrypted already. On failure the plaintext
 * database stays the office's, open as before, and the error says why (DB_UPGRADE_NO_SPACE,
 * DB_UPGRADE_FAILED, a storage error).
 */
export async function upgradeAtLogin(app: AppContext, userId: string, password: string, listener?: UpgradeListener): Promise<boolean> {
  if (!needsUpgrade(app)) {
    if (app.key !== null) sealPlainKeyFiles(app);
    return false;
  }
  // Before anything is made or written: a disk too full for the copy leaves the folder exactly as it was.
  assertRoomForCopy(app.dataDir, app.dbPath);
  const key = newDatabaseKey();
  const progress: UpgradeProgress = (p) => listener?.(p.done, p.total, UPGRADE_STAGES[p.stage]);
  try {
    await app.writeGate.exclusive(async () => {
      const slots = newSlotFile(key);
      const users = cachedStatement(app.db, 'SELECT id, username, password_hash, password_salt, disabled FROM users ORDER BY created_at').all() as UserRow[];
      for (const u of users) {
        if (u.disabled) continue;
        const user = { id: u.id, username: u.username, passwordHash: u.password_hash, passwordSalt: u.password_salt };
        const slot: KeySlot | null = u.id === userId ? wrapKey(slots, key, user, password, app.passwordCost) : wrapKeyPending(slots, key, user);
        if (slot) slots.slots.push(slot);
      }
      const office = getOffice(app.db);
      if (office) slots.office = { id: office.id, name: office.name, areaCode: office.areaCode, mode: office.mode, createdAt: office.createdAt };
      slots.recoveryKeyDue = true;
      const me = users.find((u) => u.id === userId);
      try {
        await encryptDatabase(app.dataDir, app.dbPath, key, {
          nativeBinding: app.nativeBinding,
          progress,
          slots,
          closeSource: () => closeAppDatabase(app),
        });
      } finally {
        // Committed: the encrypted database; refused before the commit: the plaintext one, as it was.
        // A swap that failed half-way (no database in place) is finished by the next start instead.
        if (!app.isOpen && fs.existsSync(app.dbPath)) openAppDatabase(app, isPlaintextFolder(app.dataDir, app.dbPath) ? null : Buffer.from(key));
      }
      // Recorded once it is so, in the encrypted database: an upgrade that failed leaves the
      // plaintext one without a word of it (a power cut right after the commit loses only this line).
      app.db.transaction(() =>
        writeAudit(app.db, { userId, username: me?.username ?? 'system' }, app.clock().toISOString(), {
          entity: 'database',
          entityId: null,
          action: 'update',
          changes: { encrypted: [false, true] },
        }),
      )();
    });
    listener?.(0, 1, UPGRADE_STAGES.finish);
    sealPlainKeyFiles(app);
    try {
      // The plaintext backups go next: the office keeps one backup, now encrypted.
      await createBackup(app, 'daily');
    } catch (err) {
      app.log.error('The first encrypted backup after the upgrade failed', err);
    }
    removePlaintextLeftovers(app.dataDir, app.dbPath);
    listener?.(1, 1, UPGRADE_STAGES.finish);
    return true;
  } finally {
    dropKey(key);
  }
}

/** Key files from before encryption (the age identity, the signing key, retired ones) sealed under the key now known. */
export function sealPlainKeyFiles(app: AppContext): void {
  const file = identityFile(app.dataDir);
  if (fs.existsSync(file) && !isSealed(fs.readFileSync(file, 'utf8'))) loadIdentity(app.dataDir);
  retiredIdentities(app.dataDir);
}

/**
 * Whether the office has a database key no recovery sheet was printed for yet (an upgrade made it).
 * The settings' recovery sheet reads the key of the open database and calls `recoveryKeyPrinted`.
 */
export function recoveryKeyDue(app: AppContext): boolean {
  try {
    return readSlotFile(slotsPath(app.dataDir)).recoveryKeyDue === true;
  } catch {
    return false;
  }
}

export function recoveryKeyPrinted(app: AppContext): void {
  const file = slotsPath(app.dataDir);
  const slots = readSlotFile(file);
  if (slots.recoveryKeyDue === undefined) return;
  delete slots.recoveryKeyDue;
  writeSlotFile(file, slots);
}
