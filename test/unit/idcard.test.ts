import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, convert15To18, normaliseIdNumber, parseIdNumber } from '../../shared/idcard';

const today = new Date('2026-11-27T00:00:00Z');

describe('ID numbers (GB 11643-1999)', () => {
  it('accepts a valid number and derives birth date and gender', () => {
    // 11010519491231002X: the standard's own example, a woman born 1949-12-31.
    expect(parseIdNumber('11010519491231002X', today)).toEqual({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', converted: false });
    const male = parseIdNumber('14070219450315001X', today);
    expect(male).toMatchObject({ ok: true, gender: 'male', birthDate: '1945-03-15' });
  });

  it('computes the check character with the weights of the standard', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    // By hand: 1·7+4·9+0·10+7·5+0·8+2·4+1·2+9·1+4·6+5·3+0·7+3·9+1·10+5·5+0·8+0·4+3·2 = 204; 204 mod 11 = 6 → '6'.
    expect(checkCharacter('14070219450315003')).toBe('6');
  });

  it('accepts lower-case x, full-width characters and stray spaces', () => {
    expect(parseIdNumber(' 11010519491231002x ', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber('110105 19491231 002X', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(normaliseIdNumber('１２３ｘ')).toBe('123X');
  });

  it('converts a 15-digit legacy number to 18', () => {
    expect(convert15To18('110105491231002')).toBe('11010519491231002X');
    expect(parseIdNumber('110105491231002', today)).toMatchObject({ ok: true, value: '11010519491231002X', converted: true, gender: 'female' });
  });

  it('refuses each kind of invalid number with its reason', () => {
    expect(parseIdNumber('', today)).toEqual({ ok: false, problem: 'empty' });
    expect(parseIdNumber('11010519491231002Y', today)).toEqual({ ok: false, problem: 'chars' });
    expect(parseIdNumber('1101051949123100', today)).toEqual({ ok: false, problem: 'length' });
    expect(parseIdNumber('110105194912310021', today)).toEqual({ ok: false, problem: 'checksum' });
    expect(parseIdNumber('110105194902300028', today)).toMatchObject({ ok: false, problem: 'birthDate' });
    expect(parseIdNumber('1.10105E+17', today)).toEqual({ ok: false, problem: 'scientific' });
    const future = '11010520300101001';
    expect(parseIdNumber(future + checkCharacter(future), today)).toEqual({ ok: false, problem: 'birthDate' });
  });

  it('a changed digit is always caught by the checksum or the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const base = '11010519491231002X';
        const digit = (Number(base[pos]) + delta) % 10;
        const changed = base.slice(0, pos) + String(digit) + base.slice(pos + 1);
        expect(parseIdNumber(changed, today).ok).toBe(false);
      }),
    );
  });
});
