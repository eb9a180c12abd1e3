import { describe, expect, it } from 'vitest';
import { asciiDigits } from '../../shared/digits';
import { phoneNumberSchema } from '../../shared/schemas/persons';
import { phoneSchema } from '../../shared/schemas/user';
import { areaCodeSchema } from '../../shared/schemas/office';
import { listNoSchema } from '../../shared/schemas/lists';
import { monthSchema } from '../../shared/schemas/party';
import { giftFenOf } from '../../renderer/components/gift';

describe('numbers typed with a Chinese input method', () => {
  it('are read as ASCII digits', () => {
    expect(asciiDigits('１３９０３５１０００１')).toBe('13903510001');
    expect(asciiDigits('０３５１－６０１２３４５')).toBe('0351-6012345');
    expect(asciiDigits('（０３５１）６０１２３４５')).toBe('(0351)6012345');
    expect(asciiDigits('１２．５０')).toBe('12.50');
    expect(asciiDigits('0351–6012345')).toBe('0351-6012345');
  });

  it('pass the schemas of phones, area codes, list numbers and months, stored as ASCII', () => {
    expect(phoneNumberSchema.parse(' １３９０３５１０００１ ')).toBe('13903510001');
    expect(phoneSchema.parse('０３５１－６０１２３４５')).toBe('0351-6012345');
    expect(areaCodeSchema.parse('１４０７０２００１００１')).toBe('140702001001');
    expect(listNoSchema.parse('２０２６-１２-０００１')).toBe('2026-12-0001');
    expect(listNoSchema.parse('２０２６－１２－０００１')).toBe('2026-12-0001');
    expect(monthSchema.parse('２０２６-０３')).toBe('2026-03');
    expect(phoneNumberSchema.safeParse('电话').success).toBe(false);
  });

  it('are amounts of money', () => {
    expect(giftFenOf('１２．５０')).toBe(1250);
    expect(giftFenOf('３００元')).toBe(30000);
  });
});
