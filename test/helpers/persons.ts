import { checkCharacter } from '../../shared/idcard';
import type { PersonFieldsInput } from '../../shared/schemas/persons';

/** A valid ID number for a birth date and gender (sequence digit odd for men, even for women). */
export function makeIdNumber(birthDate: string, gender: 'male' | 'female', seq = 1, area = '140702'): string {
  const s = String(seq * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0').slice(-3);
  const adjusted = gender === 'male' ? (Number(s[2]) % 2 === 1 ? s : s.slice(0, 2) + String((Number(s[2]) + 1) % 10)) : Number(s[2]) % 2 === 0 ? s : s.slice(0, 2) + String((Number(s[2]) + 1) % 10);
  const first17 = `${area}${birthDate.replaceAll('-', '')}${adjusted}`;
  return first17 + checkCharacter(first17);
}

export function personInput(overrides: Partial<PersonFieldsInput> & { seq?: number } = {}): PersonFieldsInput {
  const { seq = 1, ...rest } = overrides;
  const birthDate = (rest.birthDate as string | undefined) ?? '1945-03-15';
  const gender = rest.gender ?? 'male';
  return {
    name: '张三',
    gender,
    idNumber: makeIdNumber(birthDate, gender, seq),
    birthDate,
    phones: ['13800138000'],
    retirementType: 'tuixiu',
    retirementDate: '2005-04-01',
    originalUnit: '县水利局',
    unitLevel: 'county',
    formerPosition: '副局长',
    rank: '副处级',
    politicalStatus: 'cpc',
    community: '幸福里社区',
    grid: '第一网格',
    address: '幸福里小区3号楼2单元501',
    livingSituation: 'empty_nest',
    ...rest,
  };
}
