import { pinyin, polyphonic } from 'pinyin-pro';

/**
 * Surnames whose reading pinyin-pro's surname mode gets wrong: the name's first character(s) are
 * read as written here. Two-character surnames are tried first (单于 Chanyu before 单 Shan).
 */
export const SURNAME_READINGS: ReadonlyMap<string, readonly string[]> = new Map([
  ['单于', ['chan', 'yu']],
  ['秘', ['bi']],
  ['种', ['chong']],
  ['重', ['chong']],
  ['藏', ['zang']],
  ['祭', ['zhai']],
  ['角', ['jue']],
  ['晟', ['cheng']],
]);

/** At most this many whole-name readings are indexed: a long name of polyphonic characters would otherwise multiply. */
const MAX_READINGS = 16;

const letters = (syllable: string) => syllable.toLowerCase().replace(/[^a-z]/g, '');

/**
 * Every reading of each character of a name (·, spaces left out), the one a person is called by
 * first: the surname read as a surname (单 shan, 曾 zeng, with SURNAME_READINGS), the rest as
 * pinyin-pro reads them in context, then the character's other readings. 高重阳 →
 * [[gao], [chong, zhong], [yang]].
 */
export function nameReadings(name: string): string[][] {
  const chars = [...name.replace(/[·\s]/g, '')];
  if (chars.length === 0) return [];
  const text = chars.join('');
  const primary = pinyin(text, { toneType: 'none', type: 'array', surname: 'head', v: true }).map(letters);
  const all = polyphonic(text, { toneType: 'none', type: 'array', v: true }).map((readings) => readings.map(letters));
  // pinyin-pro gives one element a character; should it ever group characters, only the first reading is known.
  const aligned = primary.length === chars.length && all.length === chars.length;
  for (const [surname, readings] of SURNAME_READINGS) {
    const n = [...surname].length;
    if (chars.length > n && text.startsWith(surname) && aligned) {
      readings.forEach((r, i) => (primary[i] = r));
      break;
    }
  }
  return primary.map((first, i) => {
    const others = aligned ? (all[i] ?? []) : [];
    return [...new Set([first, ...others.filter((r) => r !== '')])];
  });
}

/** How a name starting with this character (a surname) is read at its start: 单 shan, 重 chong. */
export function surnameReading(char: string): string {
  const table = SURNAME_READINGS.get(char);
  if (table) return table[0] ?? '';
  return letters(pinyin(char, { toneType: 'none', type: 'array', surname: 'head', v: true })[0] ?? '');
}

/** Whole-name readings, the first the person's own: every combination of the characters' readings, up to MAX_READINGS. */
function combinations(readings: string[][]): string[][] {
  let combos: string[][] = [[]];
  for (const options of readings) {
    const next: string[][] = [];
    for (const combo of combos) {
      for (const option of options) {
        if (next.length >= MAX_READINGS) break;
        next.push([...combo, option]);
      }
    }
    combos = next;
  }
  return combos;
}

/**
 * Full pinyin and initials of a name for search and sorting: 张三 → zhangsan, zs. The surname is read
 * as a surname (单 shan, 曾 zeng), which is how people say it.
 */
export function namePinyin(name: string): { full: string; initials: string } {
  const first = nameReadings(name).map((r) => r[0] ?? '');
  return { full: first.join(''), initials: first.map((s) => s.slice(0, 1)).join('') };
}

/**
 * Where a search key starts (its first character), so one index holds three kinds of key:
 * - `INNER`: the person's own reading from the second character on (张三丰 → sanfeng, feng);
 * - `OTHER_START`: another reading of the whole name, full or initials (高重阳 → gaozhongyang, gzy);
 * - `OTHER_INNER`: another reading from the second character on (zhongyang).
 * The person's own full reading and initials are persons.name_pinyin and name_initials.
 */
export const KEY_KIND = { INNER: '1', OTHER_START: '2', OTHER_INNER: '3' } as const;

/** The keys a person's name is found by in person_keys (see KEY_KIND), without duplicates. */
export function nameSearchKeys(name: string): string[] {
  const combos = combinations(nameReadings(name));
  const own = combos[0] ?? [];
  const ownFull = own.join('');
  const ownInitials = own.map((s) => s.slice(0, 1)).join('');
  const inner = (combo: string[]) => combo.slice(1).map((_, i) => combo.slice(i + 1).join('')).filter((s) => s !== '');
  const ownInner = new Set(inner(own));
  const keys = new Set<string>([...ownInner].map((s) => KEY_KIND.INNER + s));
  for (const combo of combos.slice(1)) {
    const full = combo.join('');
    const initials = combo.map((s) => s.slice(0, 1)).join('');
    if (full !== ownFull) keys.add(KEY_KIND.OTHER_START + full);
    if (initials !== ownInitials) keys.add(KEY_KIND.OTHER_START + initials);
    for (const s of inner(combo)) if (!ownInner.has(s)) keys.add(KEY_KIND.OTHER_INNER + s);
  }
  return [...keys];
}
