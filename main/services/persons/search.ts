/**
 * The one search box: a name substring (1–2 Chinese characters through person_grams, 3+ through
 * the FTS5 trigram index), pinyin of any reading of the name (persons.name_pinyin and
 * name_initials, person_keys), ID number and phone fragments, address and unit text. Returns SQL
 * conditions on persons (alias p) with their parameters; never text from the user inside the SQL.
 */
import { KEY_KIND } from './pinyin';

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
   * each row (`walk`), so that when the set is large (`from` rows or more; the list has a default)
   * the list walks its index in display order and stops at the page instead of sorting the whole set.
   */
  spread?: {
    set: string;
    walk: string;
    from?: number;
    /**
     * From this many matches a walk that looks each name passed up in an index (`walk` here) beats
     * the walk above, which first reads the whole set into a list: with ten thousand matches the
     * page is full after a few hundred names, while the list would hold all ten thousand.
     */
    probe?: { walk: string; from: number };
    /**
     * The set costs much to read (the full-text index: a six-digit fragment reads the postings of four
     * common trigrams): it is read once, and its row ids go to the page and the count as a list,
     * instead of the index answering the same question three times (how many, which page, the count).
     * `sql` and `walk` still say what the part is; the list stands in for the set in both.
     */
    once?: boolean;
  };
  /**
   * The same part for counting, when its own index counts it cheaper: either persons p alone
   * (`from` absent) or `from` an index that names each person at most once, by `key`, joined to
   * persons p; `sql` the condition. Counting then stops at the cap instead of first listing every match.
   */
  count?: { sql: string; from?: { source: string; key: string } };
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
/** OWN_INITIALS as a test on the row (the list's rows are never deleted ones). */
const OWN_INITIALS_TEST = '(p.name_initials >= @q AND p.name_initials < @qEnd)';
/**
 * The names read from the query's first letter on: a name's initials start with the letter its
 * reading starts with, so the names with initials "lj" lie in this stretch of the name index, which
 * carries the initials (persons_list_name).
 */
const FIRST_LETTER = '(p.name_pinyin >= @qLetter AND p.name_pinyin < @qLetterEnd)';
const OWN_INNER = 'SELECT person_rowid FROM person_keys WHERE key >= @qInner AND key < @qInnerEnd';
/**
 * The names with a later syllable starting with the letters are sorted below this many and walked
 * from it (the walk reads them all into its list first): at 100,000 persons 400 sort in 0.26 ms and
 * walk in 0.9 ms, at 700 both take 0.5 ms, at 2,000 2.5 against 0.6 ms.
 */
export const INNER_WALK_FROM = 700;
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
  if (initials) {
    parts.push({
      sql: `p.rowid IN (${OWN_INITIALS}) AND NOT ${OWN_PREFIX}`,
      rank: 0,
      spread: { set: OWN_INITIALS, walk: `${FIRST_LETTER} AND ${OWN_INITIALS_TEST} AND NOT ${OWN_PREFIX}` },
      count: { sql: `${OWN_INITIALS_TEST} AND NOT ${OWN_PREFIX}` },
    });
  }
  const notOwnInitials = initials ? ` AND NOT ${OWN_INITIALS_TEST}` : '';
  if (long) {
    const rest = `NOT ${OWN_PREFIX}${notOwnInitials}`;
    parts.push({ sql: `p.rowid IN (${OWN_INNER}) AND ${rest}`, rank: 0, spread: { set: OWN_INNER, walk: `+p.rowid IN (${OWN_INNER}) AND ${rest}`, from: INNER_WALK_FROM } });
  }
  const other = [OTHER_START, ...(long ? [OTHER_INNER] : [])];
  parts.push({
    sql: `p.rowid IN (${other.join(' UNION ALL ')}) AND NOT ${OWN_PREFIX}${notOwnInitials}${long ? ` AND +p.rowid NOT IN (${OWN_INNER})` : ''}`,
    rank: 1,
  });
  return {
    parts,
    params: {
      q,
      qEnd: prefixEnd(q),
      ...(initials ? { qLetter: q.slice(0, 1), qLetterEnd: prefixEnd(q.slice(0, 1)) } : {}),
      ...(long ? { qInner: inner.from, qInnerEnd: inner.to, qOtherInner: otherInner.from, qOtherInnerEnd: otherInner.to } : {}),
      qOther: otherStart.from,
      qOtherEnd: otherStart.to,
    },
  };
}

/**
 * Sorting reads each match's row (about half a µs each when cached); a walk with the matches in a
 * list pays a tenth of that a name passed, (persons / matches) × page of them, and reading the set
 * into the list; a walk that looks each name up in an index (EXISTS) pays a third of a µs a name
 * passed and nothing for the set. Measured at 100,000 persons: sorting wins below about 600 matches,
 * the list up to about 3,500, the lookup beyond.
 */
export const LIST_WALK_FROM = 600;
export const PROBE_WALK_FROM = 3500;

const FTS = 'SELECT rowid FROM persons_fts WHERE persons_fts MATCH @fts';
/**
 * A digits fragment's matches, once read, are sorted below this many and walked from it: at 100,000
 * persons sorting 400 cost 0.25 ms and the walk 0.8 ms, at 700 both 0.5 ms, at 2,800 3.3 and 0.45 ms.
 */
export const FRAGMENT_WALK_FROM = 700;
/** Persons with the character after the first, where it is not also the first (person_grams' one-character grams). */
const LATER = 'SELECT person_rowid FROM person_grams WHERE gram = @q';

/**
 * One character, in two parts that do not overlap: the character first in the name (王: ten
 * thousand surnames), walked in the list's order on persons_first_char; and the character later in
 * the name only, from person_grams, walked in the list's order when common (华) with one lookup of
 * the gram per name passed, and sorted when rare. Neither reads every person with the character.
 */
function oneCharacter(q: string): SearchCondition {
  return {
    parts: [
      { sql: 'substr(p.name, 1, 1) = @q', rank: 0 },
      {
        sql: `p.rowid IN (${LATER})`,
        rank: 0,
        spread: {
          set: LATER,
          walk: `+p.rowid IN (${LATER})`,
          from: LIST_WALK_FROM,
          probe: { walk: 'EXISTS (SELECT 1 FROM person_grams g WHERE g.gram = @q AND g.person_rowid = p.rowid)', from: PROBE_WALK_FROM },
        },
        count: { from: { source: 'person_grams g', key: 'g.person_rowid' }, sql: 'g.gram = @q' },
      },
    ],
    params: { q },
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
      parts: [
        {
          sql: `p.rowid IN (${FTS})`,
          rank: 0,
          spread: { set: FTS, walk: `+p.rowid IN (${FTS})`, once: true, from: FRAGMENT_WALK_FROM },
        },
      ],
      params: { fts: `{id_number phones} : ${phrase(upper)}` },
    };
  }
  // Mixed text, such as an address "3号楼": the trigram index when long enough, else a scan.
  if (chars.length >= 3) {
    return one('p.rowid IN (SELECT rowid FROM persons_fts WHERE persons_fts MATCH @fts)', { fts: phrase(q) });
  }
  return one('(instr(p.address, @q) > 0 OR instr(p.name, @q) > 0)', { q });
}
