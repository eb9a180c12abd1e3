import { z } from 'zod';
import { ROLES } from '../roles';
import { digitText } from '../digits';

export const usernameSchema = z
  .string()
  .trim()
  .min(2, { message: 'username.short' })
  .max(32)
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/, { message: 'username.chars' });

/** At least 8 characters with a letter and a digit: simple enough to remember, hard to guess. */
export const passwordSchema = z
  .string()
  .min(8, { message: 'password.short' })
  .max(128)
  .regex(/[A-Za-z]/, { message: 'password.letter' })
  .regex(/\d/, { message: 'password.digit' });

export const displayNameSchema = z.string().trim().min(1).max(40);

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const userPrefsSchema = z.object({
  language: z.enum(LANGUAGES).default('zh-CN'),
  largeFont: z.boolean().default(false),
});
export type UserPrefs = z.infer<typeof userPrefsSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  phone: z.string().nullable(),
  prefs: userPrefsSchema,
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  /** The password was set by an administrator: nothing but changing it is allowed until it is changed. */
  mustChangePassword: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const phoneSchema = digitText()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, { message: 'phone.format' });

/** What a client's session is: who is logged in, whether the screen is locked, and when it locks. */
export const sessionInfoSchema = z.object({
  user: userSchema.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/**
 * Why a session was ended from elsewhere, so the person is told in plain words on the login screen
 * and in the UNAUTHENTICATED answer of their next call (`details.reason`).
 */
export const SESSION_END_REASONS = ['passwordChanged', 'passwordReset', 'roleChanged', 'accountDisabled'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
export const sessionEndReasonSchema = z.enum(SESSION_END_REASONS);
