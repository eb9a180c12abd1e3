import type { ChannelOutput } from '../../../../shared/contract';
import i18n from '../../../i18n';
import { valueLabel, type CodedField } from '../../../components/labels';

export type Parsed = ChannelOutput<'roster.parse'>;
export type Preview = ChannelOutput<'roster.preview'>;
export type CommitResult = ChannelOutput<'roster.commit'>;
export type Mapping = Parsed['mapping'];
export type RosterField = keyof Mapping;

/** Required for a new person (gender and birth date can come from the ID number). */
export const REQUIRED_FIELDS: readonly string[] = ['name', 'idNumber', 'retirementType'];

const CODED: Partial<Record<string, CodedField>> = {
  gender: 'gender',
  retirementType: 'retirementType',
  unitLevel: 'unitLevel',
  unitKind: 'unitKind',
  politicalStatus: 'politicalStatus',
  livingSituation: 'livingSituation',
};

export function fieldLabel(field: string): string {
  const key = `persons.fields.${field}`;
  return i18n.exists(key) ? i18n.t(key) : field;
}

/** A value of an update as people read it (the preview sends codes). */
export function rosterValue(field: string, value: string): string {
  if (value === '') return i18n.t('common.empty');
  const coded = CODED[field];
  return coded ? valueLabel(coded, value) : value;
}

/** The translated problem of a cell, naming the other row for duplicates. */
export function problemText(code: string, otherRow: number | null): string {
  const key = `validation.${code}`;
  const base = i18n.exists(key) ? i18n.t(key) : i18n.t('validation.invalid');
  if (otherRow === null) return base;
  return `${base.replace(/[。.]$/, '')}${i18n.t('persons.import.otherRow', { row: otherRow })}`;
}

/** "2、5、9" — at most `max` row numbers, then "…". */
export function rowList(rows: readonly number[], max = 30): string {
  const shown = rows.slice(0, max).join('、');
  return rows.length > max ? `${shown}…` : shown;
}

/** The file's bytes as base64, for roster.parse. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}
