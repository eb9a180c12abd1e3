/**
 * This office's identity as its database knows it. The secrets are files (keys.ts); the database
 * records which identity is this office's (the setting `officeIdentity`: its public keys), written
 * when the identity is first made and at every rotation. So a keys/ folder that went missing, or
 * that holds other keys, is noticed and named (OFFICE_KEYS_MISSING, OFFICE_KEYS_MISMATCH) instead
 * of being quietly replaced by a new identity — a new fingerprint, packets already sent here
 * unreadable, and the next import refused as "not for this office". Nothing new is written to
 * keys/ then; an administrator restores the folder from a backup, or replaces the keys on purpose
 * (rotateOwnIdentity, keys.rotate), which is the way out.
 *
 * A database from before the record (set up before this check) is recorded the first time its
 * identity is read; if it has no key files but has exchanged packets, its keys are missing too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { AppError } from '../../../shared/errors';
import { getOffice } from '../app/office';
import { generateIdentity, identityFile, loadIdentity, retiredIdentities, retireIdentity, signingKeyId, writeIdentity, type OwnIdentity } from './keys';

const SETTING = 'officeIdentity';

const recordSchema = z.object({ signingKey: z.string(), ageRecipient: z.string(), created: z.string() });
type Recorded = z.infer<typeof recordSchema>;

function recorded(db: Db): Recorded | null {
  const row = cachedStatement(db, 'SELECT value FROM settings WHERE key = ?').get(SETTING) as { value: string } | undefined;
  if (!row) return null;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function record(db: Db, identity: OwnIdentity, at: string): void {
  const value = JSON.stringify({ signingKey: identity.signingKey, ageRecipient: identity.ageRecipient, created: identity.created });
  cachedStatement(
    db,
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, NULL)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = NULL`,
  ).run(SETTING, value, at);
}

/** Packets sent or received: this office had keys, whether or not the database recorded them. */
function hadKeys(db: Db): boolean {
  return cachedStatement(db, 'SELECT 1 FROM packet_log LIMIT 1').get() !== undefined;
}

type FileState = { kind: 'none' } | { kind: 'unreadable' } | { kind: 'ok'; identity: OwnIdentity };

function fileState(dataDir: string): FileState {
  try {
    const identity = loadIdentity(dataDir);
    return identity ? { kind: 'ok', identity } : { kind: 'none' };
  } catch {
    return { kind: 'unreadable' };
  }
}

function missing(dataDir: string, rec: Recorded | null, reason: 'missing' | 'unreadable'): AppError {
  return new AppError(
    'OFFICE_KEYS_MISSING',
    `This office's key files are ${reason === 'missing' ? 'missing' : 'unreadable'} (${path.join(dataDir, 'keys')}). No new keys were made, so that packets already sent to this office stay readable: restore the keys folder from a backup, or have an administrator replace the keys explicitly.`,
    { reason, expectedKeyId: rec ? signingKeyId(rec.signingKey) : null, folder: path.join(dataDir, 'keys') },
  );
}

/**
 * What is wrong with this office's key files, or null (also null before setup, and when this
 * office never had keys: they are made on first use).
 */
export function identityProblem(db: Db, dataDir: string): AppError | null {
  if (!getOffice(db)) return null;
  const rec = recorded(db);
  const file = fileState(dataDir);
  if (file.kind === 'unreadable') return missing(dataDir, rec, 'unreadable');
  if (file.kind === 'none') return rec || hadKeys(db) ? missing(dataDir, rec, 'missing') : null;
  if (!rec || (rec.signingKey === file.identity.signingKey && rec.ageRecipient === file.identity.ageRecipient)) return null;
  // The keys were replaced after the database was last written (a database restored from a backup
  // older than a rotation): the recorded identity is kept there as a retired one.
  if (retiredIdentities(dataDir).some((r) => r.signingKey === rec.signingKey && r.ageRecipient === rec.ageRecipient)) return null;
  return new AppError(
    'OFFICE_KEYS_MISMATCH',
    "This office's key files do not match the keys its database records (the keys folder may be another office's, or from an old backup). They were not used: restore this office's own keys folder, or have an administrator replace the keys explicitly.",
    { expectedKeyId: signingKeyId(rec.signingKey), foundKeyId: signingKeyId(file.identity.signingKey), folder: path.join(dataDir, 'keys') },
  );
}

/**
 * The checked current identity: refused when its files are missing or are not the recorded ones;
 * made (and recorded) only when this office never had one — at setup, or on first use by an office
 * set up before packets existed.
 */
export function officeIdentity(db: Db, dataDir: string, now: Date): OwnIdentity {
  const problem = identityProblem(db, dataDir);
  if (problem) throw problem;
  const file = fileState(dataDir);
  const rec = recorded(db);
  if (file.kind === 'ok') {
    if (!rec || rec.signingKey !== file.identity.signingKey) record(db, file.identity, now.toISOString());
    return file.identity;
  }
  const made = generateIdentity(now.toISOString());
  writeIdentity(dataDir, made);
  record(db, made, now.toISOString());
  return made;
}

/** Every identity that may decrypt a packet sent here: the current one first. */
export function officeIdentities(db: Db, dataDir: string, now: Date): OwnIdentity[] {
  return [officeIdentity(db, dataDir, now), ...retiredIdentities(dataDir)];
}

/**
 * New keys for this office, whatever state the old ones are in: readable old keys are kept
 * (retired) so packets sent to them still open; an unreadable key file is set aside, never deleted.
 */
export function rotateOwnIdentity(db: Db, dataDir: string, now: Date): { current: OwnIdentity; retired: OwnIdentity | null } {
  const at = now.toISOString();
  const file = fileState(dataDir);
  let retired: OwnIdentity | null = null;
  if (file.kind === 'ok') retired = retireIdentity(dataDir, file.identity, at);
  if (file.kind === 'unreadable') fs.renameSync(identityFile(dataDir), `${identityFile(dataDir)}.unreadable-${at.replace(/[-:.]/g, '').slice(0, 15)}`);
  const current = generateIdentity(at);
  writeIdentity(dataDir, current);
  record(db, current, at);
  return { current, retired };
}

/**
 * At start: what is wrong with the key files, for the person to be told at once (they are never
 * replaced here). A database from before the record has its identity recorded now.
 */
export function checkOfficeKeys(db: Db, dataDir: string, now: Date): AppError | null {
  const problem = identityProblem(db, dataDir);
  if (problem) return problem;
  if (getOffice(db) && fileState(dataDir).kind === 'ok') db.transaction(() => officeIdentity(db, dataDir, now)).immediate();
  return null;
}

/** The problem in plain words, Chinese first, for a start-up notice. */
export function keysProblemNotice(problem: AppError): string {
  const zh =
    problem.code === 'OFFICE_KEYS_MISMATCH'
      ? '本单位的密钥文件与数据库记录的不一致（keys 文件夹可能是别的单位的，或来自旧的备份），程序没有使用它们。'
      : '本单位的密钥文件丢失或无法读取，程序没有自动生成新密钥，以免已发给本单位的数据包再也打不开。';
  return `${zh}请从备份恢复 keys 文件夹，或由管理员在“数据包 › 密钥卡与信任列表”中明确更换密钥。\n${problem.message}`;
}
