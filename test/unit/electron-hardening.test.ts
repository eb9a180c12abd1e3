// The pure hardening rules of the Electron shell. This file imports only main/electron/hardening.ts,
// which does not load 'electron' at run time, so it runs in plain Node.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  appUrlForFile,
  buildWebPreferences,
  CONTENT_SECURITY_POLICY,
  FORBIDDEN_SENDER,
  isAllowedNavigation,
  isTrustedSender,
  MIN_HEIGHT,
  MIN_WIDTH,
  parseCallArgs,
  WINDOW_TITLE,
  withContentSecurityPolicy,
} from '../../main/electron/hardening';
import { CHANNELS } from '../../shared/contract';

const INDEX = path.resolve('/opt/CadreCare/resources/app.asar/dist/renderer/index.html');
const APP_URL = pathToFileURL(INDEX).href;

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `directive ${name} appears once`).toBe(false);
    map.set(name, sources);
  }
  return map;
}

describe('buildWebPreferences', () => {
  const prefs = buildWebPreferences('/app/dist/main/preload.cjs');

  it('isolates and sandboxes the renderer, without Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the extras off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('uses the given preload and nothing loosens the defaults', () => {
    expect(prefs.preload).toBe('/app/dist/main/preload.cjs');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('experimentalFeatures');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('gives a fresh object each time, so one window cannot change another’s options', () => {
    const a = buildWebPreferences('/p');
    a.sandbox = false;
    expect(buildWebPreferences('/p').sandbox).toBe(true);
  });

  it('names the window in Chinese and sets a usable minimum size', () => {
    expect(WINDOW_TITLE).toBe('离退休干部社区服务管理');
    expect(MIN_WIDTH).toBeGreaterThanOrEqual(800);
    expect(MIN_HEIGHT).toBeGreaterThanOrEqual(600);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ])('%s is exactly %j', (name, sources) => {
    expect(csp.get(name)).toEqual(sources);
  });

  it('has no other directives and never allows eval, inline scripts or remote hosts', () => {
    expect([...csp.keys()].sort()).toEqual(
      ['base-uri', 'connect-src', 'default-src', 'font-src', 'form-action', 'frame-ancestors', 'img-src', 'object-src', 'script-src', 'style-src'].sort(),
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('replaces any CSP a response carries, whatever its case, and keeps the other headers', () => {
    const out = withContentSecurityPolicy({
      'content-security-policy': ["default-src *"],
      'Content-Type': ['text/html'],
      'X-Single': 'one',
    });
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out).not.toHaveProperty('content-security-policy');
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(out['X-Single']).toEqual(['one']);
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('isAllowedNavigation', () => {
  it('allows the app’s own page, with any route or query', () => {
    expect(appUrlForFile(INDEX)).toBe(APP_URL);
    expect(isAllowedNavigation(APP_URL, APP_URL)).toBe(true);
    expect(isAllowedNavigation(`${APP_URL}#/persons/42`, APP_URL)).toBe(true);
    expect(isAllowedNavigation(`${APP_URL}?print=1#/print/visits`, APP_URL)).toBe(true);
    // The same file spelt with a detour is the same file.
    expect(isAllowedNavigation(APP_URL.replace('/dist/renderer/', '/dist/main/../renderer/'), APP_URL)).toBe(true);
    expect(isAllowedNavigation(APP_URL.replace('index.html', 'index%2Ehtml'), APP_URL)).toBe(true);
  });

  it.each([
    ['a remote page', 'https://example.com/'],
    ['plain http', 'http://example.com/index.html'],
    ['a local server', 'http://127.0.0.1:5170/'],
    ['another local file', pathToFileURL('/etc/passwd').href],
    ['another file beside the page', pathToFileURL(path.join(path.dirname(INDEX), 'evil.html')).href],
    ['a longer name', `${APP_URL}.html`],
    ['a file on another host', APP_URL.replace('file:///', 'file://evil.example/')],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['blob:', 'blob:file:///0b0c3d0e'],
    ['an empty string', ''],
    ['garbage', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedNavigation(url, APP_URL)).toBe(false);
  });

  it('with a custom scheme, allows only that scheme and host', () => {
    const origin = 'app://cadrecare';
    expect(isAllowedNavigation('app://cadrecare/index.html#/home', origin)).toBe(true);
    expect(isAllowedNavigation('app://evil/index.html', origin)).toBe(false);
    expect(isAllowedNavigation('https://cadrecare/index.html', origin)).toBe(false);
    expect(isAllowedNavigation('app://user:pw@cadrecare/', origin)).toBe(false);
  });

  it('refuses everything when the app URL itself is unusable', () => {
    expect(isAllowedNavigation(APP_URL, '')).toBe(false);
    expect(isAllowedNavigation('about:blank', 'about:blank')).toBe(false);
    expect(isAllowedNavigation('javascript:1', 'javascript:1')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the app’s own top-level frame', () => {
    expect(isTrustedSender(APP_URL, true, APP_URL)).toBe(true);
    expect(isTrustedSender(`${APP_URL}#/users`, true, APP_URL)).toBe(true);
  });

  it('does not trust a subframe, even of the app’s own page', () => {
    expect(isTrustedSender(APP_URL, false, APP_URL)).toBe(false);
  });

  it.each([
    ['a remote page', 'https://example.com/'],
    ['another local file', pathToFileURL('/tmp/evil.html').href],
    ['about:blank', 'about:blank'],
    ['data:', 'data:text/html,hi'],
    ['an empty URL', ''],
  ])('does not trust %s', (_label, url) => {
    expect(isTrustedSender(url, true, APP_URL)).toBe(false);
  });

  it('does not trust a frame that is gone or a malformed flag', () => {
    expect(isTrustedSender(null, true, APP_URL)).toBe(false);
    expect(isTrustedSender(undefined, true, APP_URL)).toBe(false);
    expect(isTrustedSender(APP_URL, 'true' as unknown as boolean, APP_URL)).toBe(false);
  });

  it('answers untrusted calls with FORBIDDEN', () => {
    expect(FORBIDDEN_SENDER.code).toBe('FORBIDDEN');
  });
});

describe('parseCallArgs', () => {
  it('accepts a channel, an input and options with a task id', () => {
    expect(parseCallArgs(['backup.create', {}, { taskId: 't-1' }])).toEqual({
      ok: true,
      args: { channel: 'backup.create', input: {}, options: { taskId: 't-1' } },
    });
  });

  it('accepts missing or null options and a missing input', () => {
    expect(parseCallArgs(['app.info', {}])).toEqual({ ok: true, args: { channel: 'app.info', input: {}, options: {} } });
    expect(parseCallArgs(['app.info', undefined, null])).toEqual({ ok: true, args: { channel: 'app.info', input: undefined, options: {} } });
    expect(parseCallArgs(['app.info'])).toMatchObject({ ok: true });
  });

  it('accepts every channel of the contract', () => {
    for (const channel of CHANNELS) expect(parseCallArgs([channel, {}]), channel).toMatchObject({ ok: true });
  });

  it('passes an unknown but well-formed channel on (dispatch answers UNKNOWN_CHANNEL)', () => {
    expect(parseCallArgs(['persons.dropAll', {}])).toMatchObject({ ok: true, args: { channel: 'persons.dropAll' } });
  });

  it.each([
    ['no arguments', []],
    ['too many arguments', ['app.info', {}, {}, 'extra']],
    ['a number as channel', [42, {}]],
    ['an object as channel', [{ toString: () => 'app.info' }, {}]],
    ['an empty channel', ['', {}]],
    ['a very long channel', ['a'.repeat(200), {}]],
    ['a channel with a slash', ['../app.info', {}]],
    ['a channel with a prototype key', ['__proto__', {}]],
    ['options as a string', ['app.info', {}, 'taskId']],
    ['options as an array', ['app.info', {}, ['t']]],
    ['options of a class', ['app.info', {}, new Date()]],
    ['an unknown option', ['app.info', {}, { taskId: 't', admin: true }]],
    ['a numeric task id', ['app.info', {}, { taskId: 7 }]],
    ['an empty task id', ['app.info', {}, { taskId: '' }]],
    ['a long task id', ['app.info', {}, { taskId: 'x'.repeat(65) }]],
  ])('refuses %s with INVALID_INPUT', (_label, args) => {
    const r = parseCallArgs(args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
  });
});
