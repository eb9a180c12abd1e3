/**
 * Chinese values of the coded fields: the label the export and the template write, and the other
 * ways offices write the same thing, read back to the code.
 */
import type { GENDERS, LIVING_SITUATIONS, POLITICAL_STATUSES, RETIREMENT_TYPES, UNIT_KINDS, UNIT_LEVELS } from '../../../shared/schemas/persons';

type Labels<T extends string> = Record<T, { label: string; also: readonly string[] }>;

export const GENDER_LABELS: Labels<(typeof GENDERS)[number]> = {
  male: { label: '男', also: ['男性', 'm', '男士'] },
  female: { label: '女', also: ['女性', 'f', '女士'] },
};

export const RETIREMENT_TYPE_LABELS: Labels<(typeof RETIREMENT_TYPES)[number]> = {
  lixiu: { label: '离休', also: ['离', '离休干部', '离休人员'] },
  tuixiu: { label: '退休', also: ['退', '退休干部', '退休人员'] },
};

export const UNIT_LEVEL_LABELS: Labels<(typeof UNIT_LEVELS)[number]> = {
  central: { label: '中直', also: ['中央', '中央直属', '中直单位', '中央单位', '中直机关'] },
  provincial: { label: '省直', also: ['省属', '省级', '省直单位', '省直机关'] },
  municipal: { label: '市直', also: ['市属', '市级', '市直单位', '市直机关'] },
  county: { label: '县直', also: ['县属', '县级', '区直', '区属', '县直单位', '县直机关', '县(区)直', '县区直'] },
  enterprise: { label: '企业', also: ['国企', '国有企业', '企业单位'] },
  other: { label: '其他', also: ['其它'] },
};

/** 单位性质 as the annual form names it (行政机关); 党政机关 and the other usual spellings read back too. */
export const UNIT_KIND_LABELS: Labels<(typeof UNIT_KINDS)[number]> = {
  government: { label: '行政机关', also: ['党政机关', '机关', '机关单位', '行政单位', '党群机关', '国家机关'] },
  institution: { label: '事业单位', also: ['事业', '全额事业', '差额事业', '自收自支事业单位', '全额拨款事业单位', '差额拨款事业单位'] },
  enterprise: { label: '企业', also: ['国企', '国有企业', '企业单位', '民营企业', '集体企业'] },
  other: { label: '其他', also: ['其它'] },
};

export const POLITICAL_STATUS_LABELS: Labels<(typeof POLITICAL_STATUSES)[number]> = {
  cpc: { label: '中共党员', also: ['党员', '共产党员', '中国共产党党员', '中共预备党员', '预备党员', '中共'] },
  democratic: {
    label: '民主党派',
    also: ['民革', '民盟', '民建', '民进', '农工党', '农工民主党', '致公党', '九三学社', '台盟', '民主党派成员'],
  },
  masses: { label: '群众', also: [] },
  other: { label: '其他', also: ['其它', '无党派', '无党派人士', '共青团员', '团员'] },
};

export const LIVING_SITUATION_LABELS: Labels<(typeof LIVING_SITUATIONS)[number]> = {
  alone: { label: '独居', also: ['独自居住', '一人居住', '单独居住'] },
  empty_nest: { label: '空巢(与配偶)', also: ['空巢', '与配偶同住', '夫妻同住', '与老伴同住', '空巢老人'] },
  with_children: { label: '与子女同住', also: ['子女同住', '与儿女同住', '和子女同住'] },
  institution: { label: '养老机构', also: ['养老院', '敬老院', '福利院', '入住养老机构', '机构养老'] },
  other: { label: '其他', also: ['其它'] },
};

/** Value text as compared: trimmed, without inner spaces, half-width, lower-case. */
export function normaliseValue(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toLowerCase();
}

/** Reads a Chinese value (or the code itself) back to its code; null when it is not one of them. */
export function lookup<T extends string>(labels: Labels<T>): (raw: string) => T | null {
  const index = new Map<string, T>();
  for (const [code, { label, also }] of Object.entries(labels) as [T, { label: string; also: readonly string[] }][]) {
    for (const text of [code, label, ...also]) index.set(normaliseValue(text), code);
  }
  return (raw) => index.get(normaliseValue(raw)) ?? null;
}

export function labelOf<T extends string>(labels: Labels<T>, code: T): string {
  return labels[code].label;
}

/** The labels a column accepts, for the template's drop-down lists and its explanation sheet. */
export function labelList<T extends string>(labels: Labels<T>): string[] {
  return (Object.values(labels) as { label: string }[]).map((l) => l.label);
}
