/**
 * Application-wide state: the reader's display preferences (language, large text) and, once
 * logged in, the session (office info, user, lock state).
 */
import { createContext, useContext } from 'react';
import type { ChannelOutput } from '../shared/contract';
import { LANGUAGES, type Language, type User } from '../shared/schemas/user';

export type AppInfo = ChannelOutput<'app.info'>;
export type SessionInfo = ChannelOutput<'auth.session'>;

export interface UiPrefs {
  language: Language;
  largeFont: boolean;
}

const UI_KEY = 'cadrecare.ui';

/** The last used preferences, so the login screen already speaks the language of the last user. */
export function loadUiPrefs(): UiPrefs {
  try {
    const raw = localStorage.getItem(UI_KEY);
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<UiPrefs>;
      const language = LANGUAGES.includes(parsed.language as Language) ? (parsed.language as Language) : 'zh-CN';
      return { language, largeFont: parsed.largeFont === true };
    }
  } catch {
    // Unreadable storage: fall back to the defaults.
  }
  return { language: 'zh-CN', largeFont: false };
}

export function saveUiPrefs(prefs: UiPrefs): void {
  try {
    localStorage.setItem(UI_KEY, JSON.stringify(prefs));
  } catch {
    // Storage may be unavailable; the preferences still live in the user's account.
  }
}

export interface UiPrefsValue {
  ui: UiPrefs;
  setUi: (prefs: UiPrefs) => void;
}

export const UiPrefsContext = createContext<UiPrefsValue | null>(null);

export function useUiPrefs(): UiPrefsValue {
  const value = useContext(UiPrefsContext);
  if (!value) throw new Error('useUiPrefs outside UiPrefsContext');
  return value;
}

/** A message for the login screen: why the person is there. */
export interface LoginNotice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

export interface SessionValue {
  info: AppInfo;
  user: User;
  idleLockMinutes: number;
  locked: boolean;
  /** Replace the logged-in user after a change to their account (preferences). */
  setUser: (user: User) => void;
  setIdleLockMinutes: (minutes: number) => void;
  lock: () => void;
  /** After a successful 'auth.unlock'. */
  unlocked: (session: SessionInfo) => void;
  /** Logs out through the contract and goes to the login screen. */
  logout: () => Promise<void>;
  /** The session already ended (restore, disabled account, lockout): go to the login screen. */
  ended: (notice: LoginNotice) => void;
  /**
   * Work that ends every login (a restore) says so beforehand, so the login screen gives its reason
   * even when main's 'session' event arrives before the work's own answer. null clears it.
   */
  expectEnd: (notice: LoginNotice | null) => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionContext');
  return value;
}
