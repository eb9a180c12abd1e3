import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import zhCN from '../../renderer/i18n/zh-CN';
import areasZh from '../../renderer/i18n/areas.zh-CN';
import en from '../../renderer/i18n/en';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** zh-CN is loaded in two parts (the app-wide texts, then the areas'), which i18next merges as this does. */
const languages = { 'zh-CN': new Map([...flatten(zhCN as Tree), ...flatten(areasZh as Tree)]), en: flatten(en as Tree) };

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

/** The message keys shared/schemas give zod (e.g. 'password.short'): the renderer shows them as `validation.<key>`. */
function schemaMessageKeys(): string[] {
  const dir = path.resolve('shared', 'schemas');
  const keys = new Set<string>();
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/message:\s*'([^']+)'/g)) if (m[1]) keys.add(m[1]);
  }
  return [...keys].sort();
}

describe('translations', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zh = [...languages['zh-CN'].keys()].sort();
    const english = [...languages.en.keys()].sort();
    expect(english.filter((k) => !languages['zh-CN'].has(k))).toEqual([]);
    expect(zh.filter((k) => !languages.en.has(k))).toEqual([]);
    expect(english).toEqual(zh);
  });

  it('no message is empty', () => {
    for (const [lang, messages] of Object.entries(languages)) {
      const empty = [...messages].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('every error code has a message in both languages', () => {
    for (const [lang, messages] of Object.entries(languages)) {
      const missing = ERROR_CODES.filter((code) => !(messages.get(`errors.${code}`) ?? '').trim()).map((c) => `${lang}:${c}`);
      expect(missing).toEqual([]);
    }
  });

  it('every zod message key used in shared/schemas has a message in both languages', () => {
    const keys = schemaMessageKeys();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toContain('password.short');
    expect(keys).toContain('areaCode.format');
    for (const [lang, messages] of Object.entries(languages)) {
      const missing = keys.filter((k) => !(messages.get(`validation.${k}`) ?? '').trim()).map((k) => `${lang}:${k}`);
      expect(missing).toEqual([]);
    }
  });

  it('both languages use the same interpolation variables in each message', () => {
    const differing: string[] = [];
    for (const [key, zh] of languages['zh-CN']) {
      const english = languages.en.get(key) ?? '';
      if (placeholders(zh).join() !== placeholders(english).join()) differing.push(key);
    }
    expect(differing).toEqual([]);
  });

  it('error messages for lockouts and wrong user names interpolate what the person needs to know', () => {
    expect(zhCN.errors.ACCOUNT_LOCKED).toContain('{{minutes}}');
    expect(en.errors.ACCOUNT_LOCKED).toContain('{{minutes}}');
    expect(zhCN.errors.hintRemaining).toContain('{{remaining}}');
    expect(zhCN.errors.USERNAME_TAKEN).toContain('{{username}}');
  });

  it('the Chinese messages are in Chinese', () => {
    // A message left untranslated would show English inside the Chinese interface. Exceptions: names
    // of languages (shown in their own language), pure number formats and punctuation (a list's 、, a dash),
    // the recovery sheet's line in the other language (the sheet carries both on purpose), and a missing input's
    // note, which is its figure's own name, count and unit.
    const allowed = new Set(['language.en', 'common.dash', 'size.kb', 'size.mb', 'audit.change', 'audit.value', 'users.sectionSeparator', 'party.life.future', 'recovery.sheetEnglish', 'recovery.english', 'reports.incomplete']);
    const english = [...languages['zh-CN']].filter(([k, v]) => !allowed.has(k) && !/[\u4e00-\u9fa5]/.test(v)).map(([k]) => k);
    expect(english).toEqual([]);
  });
});
