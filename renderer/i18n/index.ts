/**
 * Translations: zh-CN is the default, English the second language. Everything a user reads comes
 * from here, including the messages of the contract's error codes (`errors.<CODE>`) and of the zod
 * message keys of shared/schemas (`validation.<key>`).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { z } from 'zod';
import type { Language } from '../../shared/schemas/user';
import { ApiError, whenRefused } from '../api';
import zhCN from './zh-CN';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

void i18n.use(initReactI18next).init({
  // English arrives on demand (its own chunk): most offices never switch, and the first screen loads faster.
  resources: { 'zh-CN': { translation: zhCN } },
  partialBundledLanguages: true,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['zh-CN', 'en'],
  // zh-CN must not be reduced to "zh".
  load: 'currentOnly',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

dayjs.locale('zh-cn');

let areasLoad: Promise<void> | null = null;

/**
 * Loads the Chinese texts of the areas past the login (areas.zh-CN.ts, its own chunk) once, merging
 * them into the app-wide tree: the signed-in shell waits for it, and so does every refusal, so an
 * area's error or validation message is translated even before anyone opened that area.
 */
export function loadAreaTexts(): Promise<void> {
  areasLoad ??= import('./areas.zh-CN').then(
    (m) => {
      i18n.addResourceBundle('zh-CN', 'translation', m.default, true, false);
    },
    (err: unknown) => {
      // A failed fetch (the host restarting) is tried again by the next caller.
      areasLoad = null;
      throw err;
    },
  );
  return areasLoad;
}

// A refusal's message may be an area's: its texts are there before the caller sees it. Loading
// them can fail only with the transport, which the refusal itself reports then.
whenRefused(() => loadAreaTexts().catch(() => undefined));

let englishLoad: Promise<void> | null = null;

/** Loads the English texts once; until they are there, English readers see the Chinese ones. */
function loadEnglish(): Promise<void> {
  englishLoad ??= import('./en').then((m) => {
    i18n.addResourceBundle('en', 'translation', m.default, true, true);
  });
  return englishLoad;
}

/** Switches i18next, dayjs and the document's language together. MUI's locale follows in theme.ts. */
export function applyLanguage(language: Language): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = language;
  const switchTo = () => {
    // The reader may have switched again while the texts loaded: only the latest choice applies.
    if (document.documentElement.lang !== language) return;
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.title = i18n.t('app.name');
  };
  if (language === 'en') void loadEnglish().then(switchTo);
  else switchTo();
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/**
 * The message for an error a call answered with: the translation of its code, interpolated with its
 * details, plus a hint where the details allow one (attempts left before a lockout).
 */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return codeMessage(err.code, err.details);
  if (isErrorShape(err)) return codeMessage(err.code, err.details);
  const message = err instanceof Error ? err.message : String(err);
  return i18n.t('errors.unexpected', { message });
}

function isErrorShape(value: unknown): value is { code: string; details?: Record<string, unknown> } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

/**
 * The translated messages of an INVALID_INPUT answer's issues that carry a message key of
 * shared/schemas or of a service ('grid.nameTaken', 'date.inFuture' …); issues without one are left out.
 */
export function issueMessages(details: Record<string, unknown> | undefined): string[] {
  const issues = details?.['issues'];
  if (!Array.isArray(issues)) return [];
  const out: string[] = [];
  for (const issue of issues as unknown[]) {
    const message = typeof issue === 'object' && issue !== null ? (issue as { message?: unknown }).message : undefined;
    if (typeof message !== 'string') continue;
    const key = `validation.${message}`;
    if (i18n.exists(key)) {
      const text = i18n.t(key);
      if (!out.includes(text)) out.push(text);
    }
  }
  return out;
}

function codeMessage(code: string, details: Record<string, unknown> | undefined): string {
  // A field the page does not show may be the one refused: say what was wrong with it, not only "see the red fields".
  if (code === 'INVALID_INPUT') {
    const issues = issueMessages(details);
    if (issues.length > 0) return issues.join(' ');
  }
  // A login ended from elsewhere says why (the password changed, the account was disabled …).
  const reason = details?.['reason'];
  if (code === 'UNAUTHENTICATED' && typeof reason === 'string' && i18n.exists(`sessionEnd.${reason}`)) return i18n.t(`sessionEnd.${reason}`);
  const key = `errors.${code}`;
  const base = i18n.exists(key) ? i18n.t(key, { ...details }) : i18n.t('errors.INTERNAL');
  const remaining = details?.['remaining'];
  if ((code === 'LOGIN_FAILED' || code === 'WRONG_PASSWORD') && typeof remaining === 'number') {
    return `${base}${i18n.t('errors.hintRemaining', { remaining })}`;
  }
  return base;
}

/**
 * The text of a form field's error. Schema messages are keys such as 'password.short' (translated
 * here); issues without their own message were already translated by `zodIssueMessage`.
 */
export function fieldMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  // A key may carry what its text names: 'date.noSuchDay?year=2026&month=2&day=30'.
  const [name = message, query] = message.split('?', 2);
  const key = `validation.${name}`;
  return i18n.exists(key) ? i18n.t(key, query ? Object.fromEntries(new URLSearchParams(query)) : undefined) : message;
}

/**
 * Per-parse zod error map for forms: gives translated messages to issues whose schema set none
 * (e.g. an empty display name). Messages set in shared/schemas take precedence over this.
 */
export function zodIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? i18n.t('validation.required') : i18n.t('validation.tooShort', { min });
      if (issue.origin === 'number') return i18n.t('validation.tooSmall', { min });
      return i18n.t('validation.required');
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return i18n.t('validation.tooLong', { max });
      return i18n.t('validation.tooBig', { max });
    }
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return i18n.t('validation.number');
      return i18n.t('validation.required');
    case 'invalid_value':
      // A select left on "please choose" sends ''.
      if (issue.input === '' || issue.input === undefined || issue.input === null) return i18n.t('validation.choose');
      return i18n.t('validation.invalid');
    default:
      return i18n.t('validation.invalid');
  }
}

export default i18n;
