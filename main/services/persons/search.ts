/**
 * The one search box: a name substring (1–2 Chinese characters through person_grams, 3+ through
 * the FTS5 trigram index), pinyin initials and full pinyin, ID number and phone fragments, address
 * and unit text. Returns a SQL condition on persons (alias p) with its parameters; never text
 * from the user inside the SQL itself.
 */
import { PERSON_STATUSES } from '../../../shared/schemas/persons';

export interface SearchCondition {
  sql: string;
  params: Record<string, string>;
}

const CJK = /^[\u3400-\u9fff·]+$/;
const LATIN = /^[a-z]+$/;
const DIGITS = /^[0-9xX]+$/;

/** Full-width to half-width, spaces out, lower case. */
export function normaliseQuery(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/** An FTS5 phrase: the text in double quotes, inner quotes doubled, so it is never parsed as syntax. */
function phrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** The next string after every string starting with `prefix`, for index range scans. */
function prefixEnd(prefix: string): string {
  return prefix + '\uffff';
}

const INITIALS_PREFIX = 'SELECT rowid FROM persons WHERE deleted_at IS NULL AND name_initials >= @q AND name_initials < @qEnd';
/** Every status listed, so the (status, name_pinyin) index serves a name_pinyin range on its own. */
const PINYIN_PREFIX = `SELECT rowid FROM persons WHERE deleted_at IS NULL AND status IN (${PERSON_STATUSES.map((s) => `'${s}'`).join(', ')}) AND name_pinyin >= @q AND name_pinyin < @qEnd`;

export function searchCondition(raw: string): SearchCondition | null {
  const q = normaliseQuery(raw);
  if (q === '') return null;
  const chars = [...q];
  if (CJK.test(q)) {
    if (chars.length <= 2) {
      return { sql: 'p.rowid IN (SELECT person_rowid FROM person_grams WHERE gram = @q)', params: { q } };
    }
    return { sql: 'p.rowid IN (SELECT rowid FROM persons_fts WHERE persons_fts MATCH @fts)', params: { fts: phrase(q) } };
  }
  if (LATIN.test(q)) {
    // Initials (zs → 张三) and the start of the full pinyin (zhang → 张…) use indexes; three or more
    // letters also find pinyin anywhere in the name (san → 张三). Each part is a subquery of row ids
    // that an index answers on its own (persons_initials; persons_list_name through every status),
    // so the list never reads every person's row to test an OR.
    const prefix = `${INITIALS_PREFIX} UNION ALL ${PINYIN_PREFIX}`;
    if (chars.length < 3) {
      // A name's initials start with the letter its full pinyin starts with, so every match lies in
      // that letter's stretch of name_pinyin: the list walks it in name order (persons_list_name,
      // which holds the row id to test against the few initials matches) and stops at the page,
      // rather than reading and sorting every match ("ma": thousands).
      const first = q.slice(0, 1);
      return {
        sql: `(p.name_pinyin >= @qFirst AND p.name_pinyin < @qFirstEnd AND (p.name_pinyin >= @q AND p.name_pinyin < @qEnd OR +p.rowid IN (${INITIALS_PREFIX})))`,
        params: { q, qEnd: prefixEnd(q), qFirst: first, qFirstEnd: prefixEnd(first) },
      };
    }
    return {
      sql: `p.rowid IN (${prefix} UNION ALL SELECT rowid FROM persons_fts WHERE persons_fts MATCH @fts)`,
      params: { q, qEnd: prefixEnd(q), fts: `name_pinyin : ${phrase(q)}` },
    };
  }
  if (DIGITS.test(q)) {
    const upper = q.toUpperCase();
    if (chars.length < 3) return { sql: '(p.id_number >= @q AND p.id_number < @qEnd)', params: { q: upper, qEnd: prefixEnd(upper) } };
    return { sql: 'p.rowid IN (SELECT rowid FROM persons_fts WHERE persons_fts MATCH @fts)', params: { fts: `{id_number phones} : ${phrase(upper)}` } };
  }
  // Mixed text, such as an address "3号楼": the trigram index when long enough, else a scan.
  if (chars.length >= 3) {
    return { sql: 'p.rowid IN (SELECT rowid FROM persons_fts WHERE persons_fts MATCH @fts)', params: { fts: phrase(q) } };
  }
  return { sql: "(instr(p.address, @q) > 0 OR instr(p.name, @q) > 0)", params: { q } };
}
