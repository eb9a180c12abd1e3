/**
 * Which browser the command line makes a form's PDF with (main/print/browser.ts): the one named by
 * --browser or CADRECARE_BROWSER, and only that one; else Edge, Chrome or Chromium where each
 * platform installs them; else none, saying where it looked.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, knownBrowserPaths } from '../../main/print/browser';

const only = (...files: string[]) => (file: string) => files.includes(file);

describe('the browser of a PDF', () => {
  it('takes the one --browser names before the variable, and the variable before the known places', () => {
    const env = { CADRECARE_BROWSER: '/opt/edge/msedge' };
    const all = only('/opt/chrome/chrome', '/opt/edge/msedge', '/usr/bin/chromium');
    expect(findBrowser({ option: '/opt/chrome/chrome', env, platform: 'linux', isFile: all })).toEqual({ ok: true, file: '/opt/chrome/chrome', from: 'option' });
    expect(findBrowser({ env, platform: 'linux', isFile: all })).toEqual({ ok: true, file: '/opt/edge/msedge', from: 'env' });
    expect(findBrowser({ env: {}, platform: 'linux', isFile: all })).toEqual({ ok: true, file: '/usr/bin/chromium', from: 'known' });
  });

  it('refuses a named browser that is not there rather than choosing another', () => {
    const found = findBrowser({ env: { CADRECARE_BROWSER: 'missing/chrome' }, platform: 'linux', isFile: only('/usr/bin/chromium') });
    expect(found).toEqual({ ok: false, named: path.resolve('missing/chrome'), searched: [] });
    expect(findBrowser({ option: '  ', env: { CADRECARE_BROWSER: ' ' }, platform: 'linux', isFile: only('/usr/bin/chromium') })).toMatchObject({ ok: true, from: 'known' });
  });

  it('looks for Edge first on Windows, in both Program Files, then Chrome', () => {
    const env = { 'ProgramFiles(x86)': 'C:\\Program Files (x86)', ProgramFiles: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local' };
    const places = knownBrowserPaths('win32', env);
    expect(places[0]).toBe('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(places).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(places).toContain('C:\\Users\\li\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(places.findIndex((p) => p.includes('Chrome'))).toBeGreaterThan(places.findIndex((p) => p.includes('Edge')));
    expect(knownBrowserPaths('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  });

  it('answers where it looked when nothing is there', () => {
    const found = findBrowser({ env: {}, platform: 'linux', isFile: () => false });
    expect(found.ok).toBe(false);
    expect(found).toMatchObject({ named: null, searched: expect.arrayContaining(['/usr/bin/chromium', '/usr/bin/google-chrome']) });
  });
});
