import { z } from 'zod';

/**
 * Stable error codes. They cross the process boundary and are the keys of the renderer's
 * translated messages (i18n `errors.<CODE>`), so never rename one: add a new code instead.
 */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SESSION_LOCKED',
  'SETUP_REQUIRED',
  'SETUP_ALREADY_DONE',
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'WRONG_PASSWORD',
  'USERNAME_TAKEN',
  'LAST_ADMIN',
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_FOUND',
  'DUPLICATE_ID_NUMBER',
  'STATUS_UNCHANGED',
  'GRID_NOT_FOUND',
  'ROSTER_FILE_UNREADABLE',
  'ROSTER_HAS_ERRORS',
  'ROSTER_SESSION_EXPIRED',
  'ROSTER_TOO_MANY_ROWS',
  'ROSTER_FILE_TOO_LARGE',
  'LIST_RESULTS_INVALID',
  // Printed lists: cancelling one, and the codes scanned from the paper
  'LIST_CANCELLED',
  'LIST_HAS_RESULTS',
  'LIST_CODE_UNREADABLE',
  'LIST_CODE_NEWER',
  'LIST_CODE_OTHER_OFFICE',
  'LIST_CODE_NO_SUCH_ROW',
  'DB_FROM_NEWER_VERSION',
  'DB_OPEN_FAILED',
  'DATABASE_LOCKED',
  'DB_NOT_ENCRYPTED',
  'DB_UPGRADE_FAILED',
  'DB_UPGRADE_NO_SPACE',
  'DB_KEY_WRONG',
  'RECOVERY_KEY_INVALID',
  'RECOVERY_KEY_TYPO',
  'RECOVERY_KEY_WRONG',
  'RECOVERY_KEY_UNAVAILABLE',
  'RECOVERY_NOT_AN_ADMIN',
  'RECOVERY_ADMIN_EXISTS',
  'KEY_SLOTS_MISSING',
  'KEY_SLOTS_DAMAGED',
  'KEY_SLOTS_OTHER_OFFICE',
  'BACKUP_OTHER_OFFICE',
  'UNLOCK_REQUIRED',
  'DATA_DIR_IN_USE',
  'BACKUP_NOT_FOUND',
  'BACKUP_INVALID',
  'BACKUP_FROM_NEWER_VERSION',
  // The disk, not the app: nothing was saved.
  'DISK_FULL',
  'DATA_READ_ONLY',
  // Packets and keys: each way a packet can be refused has its own code.
  'PACKET_FILE_NOT_FOUND',
  'PACKET_UNREADABLE',
  'PACKET_TRUNCATED',
  'PACKET_DAMAGED',
  'PACKET_TOO_LARGE',
  'PACKET_INVALID',
  'PASSPHRASE_REQUIRED',
  'WRONG_PASSPHRASE',
  'BUNDLE_HASH_MISMATCH',
  'BUNDLE_SIGNATURE_MISSING',
  'BUNDLE_SIGNATURE_INVALID',
  'UNKNOWN_SENDER',
  'PACKET_FROM_NEWER_VERSION',
  'NOT_FOR_THIS_OFFICE',
  'PACKET_ALREADY_IMPORTED',
  'RECEIPT_FOR_UNKNOWN_PACKET',
  'PACKET_FOREIGN_ROWS',
  'PACKET_TRANSFER_UNLISTED',
  'RECIPIENT_NOT_TRUSTED',
  'KEY_CARD_INVALID',
  'KEY_FINGERPRINT_REQUIRED',
  'KEY_FINGERPRINT_MISMATCH',
  'OFFICE_KEYS_MISSING',
  'OFFICE_KEYS_MISMATCH',
  'CONFLICT_ALREADY_RESOLVED',
  'CONFLICT_STILL_BLOCKED',
  'IMPORT_UNDO_UNAVAILABLE',
  'IMPORT_UNDO_BLOCKED',
  // Each capability adds its codes here, in its own block.
  // Original units
  'UNIT_NAME_TAKEN',
  'UNIT_IN_USE',
  'UNIT_MATCH_GONE',
  // Party organisation
  'BRANCH_NAME_TAKEN',
  'BRANCH_HAS_MEMBERS',
  'NOT_A_PARTY_MEMBER',
  'ALREADY_A_MEMBER',
  'NOT_A_BRANCH_MEMBER',
  'DUES_ALREADY_RECORDED',
  'PARTY_JOINED_TOO_YOUNG',
  // Study and activities
  'ACTIVITY_FULL',
  'ALREADY_SIGNED_UP',
  'ACTIVITY_PAST',
  // Volunteering
  'TEAM_NAME_TAKEN',
  'ALREADY_IN_TEAM',
  'ALREADY_A_VOLUNTEER',
  'NOT_IN_TEAM',
  'ALREADY_LEFT_TEAM',
  'REJOIN_BEFORE_LEFT',
  'SERVICE_BEFORE_JOINING',
  'SERVICE_AFTER_LEAVING',
  'LEAVE_BEFORE_SERVICE',
  // Assistance pairs
  'PAIR_ALREADY_ENDED',
  // Capability assessment (GB/T 42195)
  'CAPABILITY_ANSWER_INVALID',
  'CAPABILITY_ASSESSMENT_FINAL',
  // Service requests
  'REQUEST_PERSON_MOVED_OUT',
  // Hotline and walk-ins
  'CALL_HAS_REQUEST',
  'CALL_NO_PERSON',
  // Statistics and reports
  'PERIOD_KIND_NOT_ALLOWED',
  'PERIOD_IN_FUTURE',
  'PERIOD_BEFORE_RECORDS',
  'PERIOD_AFTER_DATA',
  'REPORT_NOT_DUE',
  'REPORT_CHECKS_FAILED',
  'PDF_BROWSER_MISSING',
  'PDF_PRINT_FAILED',
  'BUREAU_ONLY',
  'OFFICE_NEVER_REPORTED',
  'CANCELLED',
  'TRANSPORT_FAILED',
  'HOST_LINK_NEEDED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export type AppErrorShape = z.infer<typeof errorSchema>;

/**
 * Thrown inside main/ by services; dispatch turns it into the error envelope.
 * `message` is an English fallback for logs and the CLI; users see the translation of `code`,
 * interpolated with `details`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  /**
   * Commit what the call wrote before failing. Only for bookkeeping that must outlive the failure,
   * such as the count of wrong passwords; everything else fails without a trace.
   */
  readonly keepWrites: boolean;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options: { keepWrites?: boolean } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.keepWrites = options.keepWrites === true;
  }

  toShape(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** The English fallback of a field refusal whose own words would add nothing. */
export const NOT_VALID = 'Some of what was entered is not valid.';

/**
 * A refusal of one field, shown next to it in the form. `path` names the field as the input does
 * ('fields.visitDate', 'entries.2.personId'), `key` is the validation message the renderer
 * translates, `english` the fallback for logs and the CLI; `details` adds values the message names.
 */
export function fieldError(path: string, key: string, english: string = NOT_VALID, details: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_INPUT', english, { issues: [{ path, message: key, code: 'custom' }], ...details });
}

/** Refuses a YYYY-MM-DD date after `today` (dates compare as text). */
export function assertNotInFuture(path: string, date: string, today: string): void {
  if (date > today) throw fieldError(path, 'date.inFuture', 'The date is in the future.');
}
