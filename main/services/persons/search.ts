/**
 * The one search box: a name substring (1–2 Chinese characters through person_grams, 3+ through
 * the FTS5 trigram index), pinyin of any reading of the name (persons.name_pinyin and
 * name_initials, person_keys), ID number and phone fragments, address and unit text. Returns SQL
 * conditions on persons (alias p) with their parameters; never text from the user inside the SQL.
 */
import { KEY_KIND, surnameReading } from './pinyin';

/**
 * A search as SQL conditions on persons (alias p) with their parameters. `parts` do not overlap and
 * together are what matches; a list shows part by part in `rank` order (a name's own reading before
 * its other readings), each part sorted as the list is sorted. A part is shaped so its own index
 * answers it: the list takes the first page of each part and merges them, rather than sorting every
 * match of an OR.
 */
export interface SearchPart {
  sql: string;
  rank: number;
  /**
   * For a part whose matches are spread over the list's order (a given name's reading, an ID
   * fragment): its row ids alone (`set`, counted from its index), and the same part as a test on
   * each row (`walk`), so that when the set is large the list walks its index in display order and
   * stops at the page instead of sorting the whole set.
   */
  spread?: { set: string; walk: string };
}

export interface SearchCondition {
  parts: SearchPart[];
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

const OWN_PREFIX = '(p.name_pinyin >= @q AND p.name_pinyin < @qEnd)';
const OWN_INITIALS = 'SELECT rowid FROM persons WHERE deleted_at IS NULL AND name_initials >= @q AND name_initials < @qEnd';
const OWN_INNER = 'SELECT person_rowid FROM person_keys WHERE key >= @qInner AND key < @qInnerEnd';
const OTHER_START = 'SELECT person_rowid FROM person_keys WHERE key >= @qOther AND key < @qOtherEnd';
const OTHER_INNER = 'SELECT person_rowid FROM person_keys WHERE key >= @qOtherInner AND key < @qOtherInnerEnd';

/**
 * Letters: the start of a reading of the whole name, full or initials (zs, zhang, gzy); three or more
 * letters also match from any later character on (san → 张三, zhongyang → 高重阳). The person's own
 * reading (persons.name_pinyin, name_initials, person_keys INNER) ranks before the name's other
 * readings (person_keys OTHER_*): "dan" lists 丹 and 但 before 单 (Shan).
 */
function latinCondition(q: string): SearchCondition {
  const key = (kind: string) => ({ from: kind + q, to: prefixEnd(kind + q) });
  const inner = key(KEY_KIND.INNER);
  const otherStart = key(KEY_KIND.OTHER_START);
  const otherInner = key(KEY_KIND.OTHER_INNER);
  const long = [...q].length >= 3;
  const parts: SearchPart[] = [{ sql: OWN_PREFIX, rank: 0 }];
  // One letter: a name's own initials start with the letter its full reading starts with.
  const initials = q.length > 1;
  if (initials) parts.push({ sql: `p.rowid IN (${OWN_INITIALS}) AND NOT ${OWN_PREFIX}`, rank: 0 });
  if (long) {
    const rest = `NOT ${OWN_PREFIX} AND +p.rowid NOT IN (${OWN_INITIALS})`;
    parts.push({ sql: `p.rowid IN (${OWN_INNER}) AND ${rest}`, rank: 0, spread: { set: OWN_INNER, walk: `+p.rowid IN (${OWN_INNER}) AND ${rest}` } });
  }
  const own = [...(initials ? [OWN_INITIALS] : []), ...(long ? [OWN_INNER] : [])];
  const other = [OTHER_START, ...(long ? [OTHER_INNER] : [])];
  parts.push({
    sql: `p.rowid IN (${other.join(' UNION ALL ')}) AND NOT ${OWN_PREFIX}${own.length > 0 ? ` AND +p.rowid NOT IN (${own.join(' UNION ALL ')})` : ''}`,
    rank: 1,
  });
  return {
    parts,
    params: {
      q,
      qEnd: prefixEnd(q),
      ...(long ? { qInner: inner.from, qInnerEnd: inner.to, qOtherInner: otherInner.from, qOtherInnerEnd: otherInner.to } : {}),
      qOther: otherStart.from,
      qOtherEnd: otherStart.to,
    },
  };
}

const FTS = 'SELECT rowid FROM persons_fts WHERE persons_fts MATCH @fts';
const GRAM = 'SELECT person_rowid FROM person_grams WHERE gram = @q';

/**
 * One character: names read from this character's surname reading on lie together in the list's
 * order (王: ten thousand at "wang"), so that stretch is walked in order, each entry tested against
 * the character's few-thousand row ids, and the page stops early. The character elsewhere in a name
 * is spread over the list, walked from the start when it is common. Both are answered from the
 * name index and the row ids alone, without reading the persons' rows.
 */
function oneCharacter(q: string): SearchCondition {
  const reading = surnameReading(q);
  if (reading === '') return one(`p.rowid IN (${GRAM})`, { q });
  const stretch = '(p.name_pinyin >= @qReading AND p.name_pinyin < @qReadingEnd)';
  return {
    parts: [
      { sql: `${stretch} AND +p.rowid IN (${GRAM})`, rank: 0 },
      { sql: `p.rowid IN (${GRAM}) AND NOT ${stretch}`, rank: 0, spread: { set: GRAM, walk: `+p.rowid IN (${GRAM}) AND NOT ${stretch}` } },
    ],
    params: { q, qReading: reading, qReadingEnd: prefixEnd(reading) },
  };
}

const one = (sql: string, params: Record<string, string>): SearchCondition => ({ parts: [{ sql, rank: 0 }], params });

export function searchCondition(raw: string): SearchCondition | null {
  const q = normaliseQuery(raw);
  if (q === '') return null;
  const chars = [...q];
  if (CJK.test(q)) {
    if (chars.length === 1) return oneCharacter(q);
    if (chars.length <= 2) {
      return one('p.rowid IN (SELECT person_rowid FROM person_grams WHERE gram = @q)', { q });
    }
    return one('p.rowid IN (SELECT rowid FROM persons_fts WHERE persons_fts MATCH @fts)', { fts: phrase(q) });
  }
  if (LATIN.test(q)) return latinCondition(q);
  if (DIGITS.test(q)) {
    const upper = q.toUpperCase();
    if (chars.length < 3) return one('(p.id_number >= @q AND p.id_number < @qEnd)', { q: upper, qEnd: prefixEnd(upper) });
    // ID and phone fragments (a birth month, a phone's last digits) match persons all over the list.
    return {
      parts: [{ sql: `p.rowid IN (${FTS})`, rank: 0, spread: { set: FTS, walk: `+p.rowid IN (${FTS})` } }],
      params: { fts: `{id_number phones} : ${phrase(upper)}` },
    };
  }
  // Mixed text, such as an address "3号楼": the trigram index when long enough, else a scan.
  if (chars.length >= 3) {
    return one('p.rowid IN (SELECT rowid FROM persons_fts WHERE persons_fts MATCH @fts)', { fts: phrase(q) });
  }
  return one('(instr(p.address, @q) > 0 OR instr(p.name, @q) > 0)', { q });
}
