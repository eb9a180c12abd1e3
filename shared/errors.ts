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
  'NOT_FOUND',
  'DUPLICATE_ID_NUMBER',
  'STATUS_UNCHANGED',
  'ROSTER_FILE_UNREADABLE',
  'ROSTER_HAS_ERRORS',
  'ROSTER_SESSION_EXPIRED',
  'LIST_RESULTS_INVALID',
  'DB_FROM_NEWER_VERSION',
  'DB_OPEN_FAILED',
  'DATA_DIR_IN_USE',
  'BACKUP_NOT_FOUND',
  'BACKUP_INVALID',
  'BACKUP_FROM_NEWER_VERSION',
  'CANCELLED',
  'TRANSPORT_FAILED',
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
