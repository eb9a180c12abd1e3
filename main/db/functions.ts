import type Database from 'better-sqlite3-multiple-ciphers';
import { namePinyin, nameSearchKeys } from '../services/persons/pinyin';

/**
 * The SQL functions the schema's triggers and migrations call: a name's readings come from the
 * pinyin dictionary, which SQL has not. Every connection that may write persons needs them.
 */
export function registerFunctions(db: Database.Database): void {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  db.function('person_name_keys', { deterministic: true }, (name: unknown) => JSON.stringify(nameSearchKeys(text(name))));
  db.function('person_name_pinyin', { deterministic: true }, (name: unknown) => namePinyin(text(name)).full);
  db.function('person_name_initials', { deterministic: true }, (name: unknown) => namePinyin(text(name)).initials);
}
