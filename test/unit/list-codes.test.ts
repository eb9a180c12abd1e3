import { describe, expect, it } from 'vitest';
import { looksLikeListCode, pageCodeText, parseListCode, rowCodeText } from '../../shared/listCodes';

describe('the payload of the codes on printed lists', () => {
  it('writes the page and row codes compactly, in the QR alphanumeric set', () => {
    expect(pageCodeText('140702001001', '2026-11-0007')).toBe('CC1:140702001001:2026-11-0007');
    expect(rowCodeText('140702001001', '2026-11-0007', 124)).toBe('CC1:140702001001:2026-11-0007:124');
    expect(rowCodeText('140702001001', '2026-11-0007', 2000)).toMatch(/^[0-9A-Z $%*+\-./:]{1,38}$/);
  });

  it.each([
    ['CC1:140702001001:2026-11-0007', { areaCode: '140702001001', listNo: '2026-11-0007', row: null }],
    ['CC1:140702001001:2026-11-0007:12', { areaCode: '140702001001', listNo: '2026-11-0007', row: 12 }],
    ['cc1:140702001001:2026-11-0007:12', { areaCode: '140702001001', listNo: '2026-11-0007', row: 12 }],
    ['ＣＣ１：１４０７０２００１００１：２０２６－１１－０００７：１２', { areaCode: '140702001001', listNo: '2026-11-0007', row: 12 }],
    ['  CC1:140702001001:2026-11-0007:3\n', { areaCode: '140702001001', listNo: '2026-11-0007', row: 3 }],
  ])('reads %j', (text, code) => {
    expect(parseListCode(text)).toEqual({ ok: true, code: { version: 1, ...code } });
  });

  it.each([
    ['2026-11-0007', 'not_a_code'],
    ['6901234567892', 'not_a_code'],
    ['CC2:140702001001:2026-11-0007:1', 'unknown_version'],
    ['CC1:1407020010:2026-11-0007:1', 'malformed'],
    ['CC1:140702001001:2026-11-7:1', 'malformed'],
    ['CC1:140702001001:2026-11-0007:0', 'malformed'],
    ['CC1:140702001001:2026-11-0007:01', 'malformed'],
    ['CC1:140702001001:2026-11-0007:1:2', 'malformed'],
  ])('refuses %j as %s', (text, reason) => {
    expect(parseListCode(text)).toEqual({ ok: false, reason });
  });

  it('tells a code from a list number typed by hand', () => {
    expect(looksLikeListCode('CC1:140702001001:2026-11-0007')).toBe(true);
    expect(looksLikeListCode('cc9:x')).toBe(true);
    expect(looksLikeListCode('2026-11-0007')).toBe(false);
  });
});
