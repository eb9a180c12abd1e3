import { describe, expect, it } from 'vitest';
import { AppError, assertNotInFuture, fieldError, NOT_VALID } from '../../shared/errors';

describe('field refusals', () => {
  it('name the field and the validation message the form shows next to it', () => {
    const err = fieldError('entries.2.personId', 'party.duesNotMember', 'Not a member of the branch that month.');
    expect(err).toBeInstanceOf(AppError);
    expect(err.toShape()).toEqual({
      code: 'INVALID_INPUT',
      message: 'Not a member of the branch that month.',
      details: { issues: [{ path: 'entries.2.personId', message: 'party.duesNotMember', code: 'custom' }] },
    });
  });

  it('fall back to a plain sentence, and carry the values a message names', () => {
    expect(fieldError('attendance', 'party.attendanceMissing', NOT_VALID, { name: '王建国' }).toShape()).toEqual({
      code: 'INVALID_INPUT',
      message: 'Some of what was entered is not valid.',
      details: { issues: [{ path: 'attendance', message: 'party.attendanceMissing', code: 'custom' }], name: '王建国' },
    });
  });

  it('refuse a date after today only', () => {
    expect(() => assertNotInFuture('date', '2026-03-01', '2026-03-01')).not.toThrow();
    expect(() => assertNotInFuture('date', '2025-12-31', '2026-03-01')).not.toThrow();
    try {
      assertNotInFuture('fields.visitDate', '2026-03-02', '2026-03-01');
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).toShape()).toMatchObject({
        code: 'INVALID_INPUT',
        details: { issues: [{ path: 'fields.visitDate', message: 'date.inFuture', code: 'custom' }] },
      });
    }
  });
});
