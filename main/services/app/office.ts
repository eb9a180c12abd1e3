import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { Office, OfficeMode } from '../../../shared/schemas/office';
import { AppError } from '../../../shared/errors';
import { writeAudit, SYSTEM_ACTOR } from '../../db/audit';
import { createUserRow } from '../users/users';
import type { PasswordCost } from '../../auth/password';

interface OfficeRow {
  id: string;
  name: string;
  area_code: string;
  mode: OfficeMode;
  created_at: string;
}

export function getOffice(db: Db): Office | null {
  const row = cachedStatement(db, 'SELECT id, name, area_code, mode, created_at FROM office').get() as OfficeRow | undefined;
  return row ? { id: row.id, name: row.name, areaCode: row.area_code, mode: row.mode, createdAt: row.created_at } : null;
}

export interface SetupInput {
  officeName: string;
  areaCode: string;
  mode: OfficeMode;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
}

/** First run: the office and its first admin, together or not at all. Returns the admin's id. */
export function setupOffice(db: Db, input: SetupInput, at: string, cost: PasswordCost): { officeId: string; adminId: string } {
  if (getOffice(db)) throw new AppError('SETUP_ALREADY_DONE', 'This office is already set up.');
  const officeId = uuidv7();
  cachedStatement(db, 'INSERT INTO office (id, name, area_code, mode, created_at) VALUES (?, ?, ?, ?, ?)').run(
    officeId,
    input.officeName,
    input.areaCode,
    input.mode,
    at,
  );
  writeAudit(db, SYSTEM_ACTOR, at, {
    entity: 'office',
    entityId: officeId,
    action: 'setup',
    changes: { name: input.officeName, areaCode: input.areaCode, mode: input.mode },
  });
  const adminId = createUserRow(
    db,
    SYSTEM_ACTOR,
    { username: input.adminUsername, displayName: input.adminDisplayName, role: 'admin', password: input.adminPassword, phone: null },
    at,
    cost,
  );
  return { officeId, adminId };
}
