/**
 * The person form's values and their validation: the one schema of a person (personFieldsSchema),
 * after blank phone rows are dropped and an empty retirement date becomes "none".
 */
import { z } from 'zod';
import {
  personFieldsSchema,
  type GENDERS,
  type LIVING_SITUATIONS,
  type Person,
  type PersonFields,
  type POLITICAL_STATUSES,
  type RETIREMENT_TYPES,
  type UNIT_LEVELS,
  type UnitKind,
} from '../../../../shared/schemas/persons';
import { lunarBirthdayText, parseLunarBirthdayText } from '../../../../shared/lunarBirthday';

export interface PersonFormValues {
  name: string;
  gender: (typeof GENDERS)[number] | '';
  ethnicity: string;
  idNumber: string;
  birthDate: string;
  /** 农历生日 as typed (四月十五, 闰四月十五, 4-15); empty: none. */
  lunarBirthday: string;
  phones: string[];
  photo: string | null;
  retirementType: (typeof RETIREMENT_TYPES)[number] | '';
  retirementDate: string;
  originalUnit: string;
  /** The unit of the registry (原工作单位库) chosen; null: typed freely. */
  unitId: string | null;
  unitLevel: (typeof UNIT_LEVELS)[number];
  /** 单位性质; empty: not recorded. */
  unitKind: UnitKind | '';
  formerPosition: string;
  rank: string;
  politicalStatus: (typeof POLITICAL_STATUSES)[number];
  community: string;
  grid: string;
  address: string;
  livingSituation: (typeof LIVING_SITUATIONS)[number];
  householdRegistration: string;
  notes: string;
}

export const EMPTY_PERSON: PersonFormValues = {
  name: '',
  gender: '',
  ethnicity: '汉族',
  idNumber: '',
  birthDate: '',
  lunarBirthday: '',
  phones: [''],
  photo: null,
  retirementType: '',
  retirementDate: '',
  originalUnit: '',
  unitId: null,
  unitLevel: 'other',
  unitKind: '',
  formerPosition: '',
  rank: '',
  politicalStatus: 'masses',
  community: '',
  grid: '',
  address: '',
  livingSituation: 'other',
  householdRegistration: '',
  notes: '',
};

export function valuesOf(person: Person): PersonFormValues {
  return {
    name: person.name,
    gender: person.gender,
    ethnicity: person.ethnicity,
    idNumber: person.idNumber,
    birthDate: person.birthDate,
    lunarBirthday: person.lunarBirthday ? lunarBirthdayText(person.lunarBirthday) : '',
    phones: person.phones.length > 0 ? [...person.phones] : [''],
    photo: person.photo,
    retirementType: person.retirementType,
    retirementDate: person.retirementDate ?? '',
    originalUnit: person.originalUnit,
    unitId: person.unitId,
    unitLevel: person.unitLevel,
    unitKind: person.unitKind ?? '',
    formerPosition: person.formerPosition,
    rank: person.rank,
    politicalStatus: person.politicalStatus,
    community: person.community,
    grid: person.grid,
    address: person.address,
    livingSituation: person.livingSituation,
    householdRegistration: person.householdRegistration,
    notes: person.notes,
  };
}

/** Phone rows left blank are not phones. */
export function filledPhones(phones: readonly string[]): string[] {
  return phones.map((p) => p.trim()).filter((p) => p !== '');
}

export const personFormSchema = z.preprocess((raw) => {
  const v = raw as PersonFormValues;
  const lunar = parseLunarBirthdayText(v.lunarBirthday);
  return {
    ...v,
    phones: filledPhones(v.phones),
    retirementDate: v.retirementDate.trim() === '' ? null : v.retirementDate,
    unitKind: v.unitKind === '' ? null : v.unitKind,
    // Unreadable text is sent as a month of 0, which the schema refuses; the form then says how to write it.
    lunarBirthday: lunar === 'invalid' ? { month: 0, day: 0, leap: false } : lunar,
  };
}, personFieldsSchema) as unknown as z.ZodType<PersonFields, PersonFormValues>;
