/**
 * A problem of one cell of a roster, and the Chinese text of each problem code for the command
 * line (the renderer translates the same codes with its i18n messages, under `validation.`).
 */
import type { RosterField } from './headers';

export interface RosterProblem {
  /** The Excel row number a person sees. */
  row: number;
  /** The header text of the column, or the standard header of the field when no column holds it. */
  column: string;
  field: RosterField | null;
  /** An i18n key: 'idNumber.checksum', 'date.format', 'roster.idNumberNumeric', … */
  code: string;
  /** The cell as text. */
  value: string;
  /** For 'roster.duplicateInFile': the row that has the same ID number first. */
  otherRow?: number | undefined;
}

/** Problem codes of the roster import itself (the others are the schema's). */
export const ROSTER_PROBLEM_CODES = [
  'roster.idNumberNumeric',
  'roster.duplicateInFile',
  'roster.required',
  'roster.unknownValue',
  'roster.tooLong',
  'roster.tooManyPhones',
  'roster.invalid',
  'roster.unknownGrid',
] as const;

export const PROBLEM_TEXT: Record<string, string> = {
  'roster.idNumberNumeric': '身份证号被存成了数字，后几位已丢失。请把该列设为“文本”格式，重新填写身份证号',
  'roster.duplicateInFile': '与表中另一行的身份证号重复',
  'roster.required': '必填项没有填写',
  'roster.unknownValue': '填写的内容不在可选范围内',
  'roster.tooLong': '内容太长',
  'roster.tooManyPhones': '联系电话最多 5 个',
  'roster.invalid': '填写的内容格式不正确',
  'roster.unknownGrid': '这个网格还没有建立。请先在“网格与联系”中新建，或导入时加 --create-grids 一并新建（在程序中导入时勾选“导入时新建”）',
  'name.short': '姓名至少需要 2 个字',
  'name.long': '姓名最多 30 个字',
  'name.chars': '姓名只能包含汉字、英文字母和间隔号“·”',
  'phone.format': '电话号码格式不正确',
  'date.format': '日期格式不正确，请按“1950-01-31”或“1950年1月31日”填写',
  'date.beforeBirth': '这个日期早于出生日期',
  'idNumber.empty': '请填写身份证号',
  'idNumber.scientific': '身份证号被显示成了科学计数法（如 1.4E+17），请把该列设为“文本”后重新填写',
  'idNumber.length': '身份证号应为 18 位（旧证为 15 位）',
  'idNumber.chars': '身份证号只能包含数字，最后一位可以是 X',
  'idNumber.birthDate': '身份证号中的出生日期不正确',
  'idNumber.checksum': '身份证号的最后一位校验码不对',
  'idNumber.birthMismatch': '出生日期与身份证号中的不一致',
  'idNumber.genderMismatch': '性别与身份证号中的不一致',
};

/** "第 12 行 身份证号：身份证号的最后一位校验码不对（值：…）" */
export function describeProblem(p: RosterProblem): string {
  const text = PROBLEM_TEXT[p.code] ?? p.code;
  const other = p.otherRow !== undefined ? `（第 ${p.otherRow} 行）` : '';
  const value = p.value !== '' ? `（值：${p.value}）` : '';
  return `第 ${p.row} 行 ${p.column}：${text}${other}${value} [${p.code}]`;
}
