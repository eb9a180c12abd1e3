/**
 * Seeded synthetic registry data: retired officials of one county born 1925–1966 with valid ID
 * numbers, phones, units and posts, addresses and grids, health profiles, Barthel assessments,
 * checkups and hospitalisations, family contacts. Person i depends only on the seed and i (and
 * on the ID numbers already taken), so a smaller run is a prefix of a larger one with the same seed.
 *
 * Output is in the shape the services take (PersonFields, HealthProfileFields, …): the inserter in
 * ./insert.ts writes it through the real service functions.
 */
import { checkCharacter } from '../../shared/idcard';
import { BARTHEL_ITEMS, type BarthelItem, type BarthelScores } from '../../shared/barthel';
import type { PersonFields } from '../../shared/schemas/persons';
import type { HealthEventFields, HealthProfileFields, NewAssessment } from '../../main/services/persons/health';
import type { FamilyContactFields } from '../../main/services/persons/family';
import { Rng, Weighted, rankWeighted } from './prng';
import * as V from './vocabulary';

export interface GeneratedStatus {
  status: 'moved_out' | 'deceased';
  date: string;
  destination: string;
  note: string;
}

export interface GeneratedPerson {
  fields: PersonFields;
  /** Null for the few without a health archive yet. */
  health: HealthProfileFields | null;
  /** Oldest first. */
  assessments: NewAssessment[];
  healthEvents: HealthEventFields[];
  family: FamilyContactFields[];
  /** 迁出 / 去世, for a few; null means still on the active register. */
  status: GeneratedStatus | null;
}

export interface GeneratorOptions {
  seed: number;
  /** "Today" of the data: retirements, assessments and events fall on or before it. YYYY-MM-DD. */
  referenceDate?: string;
  /** Put everyone in this community (an office's own); otherwise spread them over the county. */
  community?: string;
  /** How many of the county's communities to use when `community` is not given (default all 30). */
  communities?: number;
  /** ID numbers already registered (in the office being filled): generated ones avoid them. */
  takenIdNumbers?: ReadonlySet<string>;
}

export const DEFAULT_REFERENCE_DATE = '2026-01-01';

/** The two standard sizes: one community office, and a county bureau's whole register. */
export const SIZES = { community: 2_000, county: 100_000 } as const;

// ---- dates -------------------------------------------------------------------------------------

const DAY = 86_400_000;

function parseDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return formatDay(parseDay(date) + days * DAY);
}

/** The first day of the month after the day a person reaches `years` of age. */
function firstOfMonthAfterBirthday(birthDate: string, years: number): string {
  const [y, m] = birthDate.split('-').map(Number) as [number, number, number];
  return formatDay(Date.UTC(y + years, m, 1));
}

function dayBetween(rng: Rng, from: string, to: string): string {
  const a = parseDay(from);
  const b = parseDay(to);
  if (b <= a) return from;
  return formatDay(a + rng.int(0, Math.round((b - a) / DAY)) * DAY);
}

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// ---- draws shared by every person ----------------------------------------------------------------

const SURNAME_DRAW = new Weighted(V.SURNAMES);
const AREA_DRAW = new Weighted(V.AREA_CODES);
const ETHNICITY_DRAW = new Weighted(V.ETHNICITIES);
const UNIT_DRAW = new Weighted(V.UNITS.map((u) => [u, u.weight] as const));
const MALE_GIVEN_DRAW = rankWeighted(V.MALE_GIVEN, 0.7);
const FEMALE_GIVEN_DRAW = rankWeighted(V.FEMALE_GIVEN, 0.7);
const STEP_DRAW = new Weighted([[0, 8], [1, 17], [2, 35], [3, 40]] as const);
const BLOOD_DRAW = new Weighted([['O', 30], ['A', 28], ['B', 29], ['AB', 9], ['', 2], ['不详', 2]] as const);
/** Birth years 1925–1966: most of the living register was born after 1950; few past 95. */
const BIRTH_YEAR_DRAW = new Weighted(
  Array.from({ length: 1966 - 1925 + 1 }, (_, i) => {
    const year = 1925 + i;
    return [year, year >= 1955 ? 1 : Math.exp(-(1955 - year) / 8)] as const;
  }),
);
/** Losses of daily-living ability come roughly in this order: stairs and bathing first, feeding last. */
const LOSS_WEIGHTS: Record<BarthelItem, number> = {
  stairs: 10, bathing: 9, mobility: 7, transfer: 6, dressing: 6, grooming: 5, toilet: 5, bladder: 4, bowels: 3, feeding: 2,
};

// ---- communities ---------------------------------------------------------------------------------

interface Estate {
  name: string;
  grid: string;
  /** Buildings with units and flats, or single-storey houses on a street. */
  kind: 'blocks' | 'street';
  buildings: number;
}

interface Community {
  name: string;
  estates: Estate[];
}

function stringHash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

function layoutCommunity(seed: number, name: string): Community {
  const rng = new Rng(seed ^ stringHash(name));
  const count = rng.int(8, 12);
  const words = rng.sample(V.ESTATE_WORDS, count);
  const compounds = V.UNITS.flatMap((u) => (u.compound ? [u.compound] : []));
  const estates: Estate[] = words.map((word, i) => ({
    name: i < 2 && rng.chance(0.5) ? rng.pick(compounds) : `${word}${rng.pick(V.ESTATE_SUFFIXES)}`,
    grid: V.GRIDS[i % V.GRIDS.length] as string,
    kind: 'blocks',
    buildings: rng.int(4, 24),
  }));
  // Old streets of single-storey houses, in the last grids.
  for (const street of rng.sample(V.STREETS, 2)) {
    estates.push({ name: street, grid: V.GRIDS[rng.int(4, 7)] as string, kind: 'street', buildings: 120 });
  }
  return { name, estates };
}

// ---- the generator -------------------------------------------------------------------------------

export class PersonGenerator {
  private readonly seed: number;
  private readonly referenceDate: string;
  private readonly communities: Community[];
  private readonly taken: Set<string>;
  private readonly alsoTaken: ReadonlySet<string>;
  private index = 0;

  constructor(options: GeneratorOptions) {
    this.seed = options.seed;
    this.referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
    const names = options.community ? [options.community] : V.COMMUNITIES.slice(0, Math.max(1, options.communities ?? V.COMMUNITIES.length));
    this.communities = names.map((n) => layoutCommunity(this.seed, n));
    this.taken = new Set();
    this.alsoTaken = options.takenIdNumbers ?? new Set();
  }

  /** The next person; the i-th call depends only on the seed and i (and the ID numbers taken). */
  next(): GeneratedPerson {
    const i = this.index++;
    const rng = new Rng((Math.imul(this.seed, 0x27d4eb2d) ^ Math.imul(i + 1, 0x165667b1)) >>> 0);
    return this.person(rng);
  }

  private person(rng: Rng): GeneratedPerson {
    const today = this.referenceDate;
    const gender: PersonFields['gender'] = rng.chance(0.62) ? 'male' : 'female';
    let birthDate = this.birthDate(rng);
    const retireAge = gender === 'male' ? 60 : 55;
    // Everyone on the register has retired: a man born late in 1966 is made a year older.
    while (firstOfMonthAfterBirthday(birthDate, retireAge) > today && birthDate > '1926') {
      birthDate = `${Number(birthDate.slice(0, 4)) - 1}${birthDate.slice(4)}`.replace(/-02-29$/, '-02-28');
    }
    const birthYear = Number(birthDate.slice(0, 4));
    const age = ageOn(birthDate, today);
    const { surname, name } = this.name(rng, gender, birthYear);
    const idNumber = this.idNumber(rng, birthDate, gender);

    const lixiu = (birthYear < 1932 && rng.chance(0.75)) || (birthYear < 1934 && rng.chance(0.12));
    const retirementType: PersonFields['retirementType'] = lixiu ? 'lixiu' : 'tuixiu';
    const retirementDate = rng.chance(0.97) ? firstOfMonthAfterBirthday(birthDate, retireAge) : null;

    const unit = UNIT_DRAW.draw(rng);
    const step = lixiu ? Math.max(0, STEP_DRAW.draw(rng) - 1) : STEP_DRAW.draw(rng);
    const formerPosition = rng.pick(V.POSITIONS[unit.kind][step] as readonly string[]);
    const rank = rng.chance(0.96) ? V.rankFor(unit.level, step) : '';
    const politicalStatus = this.politicalStatus(rng, lixiu);

    const community = rng.pick(this.communities);
    const { address, grid } = this.address(rng, community, unit.compound);
    const livingSituation = this.livingSituation(rng, age);

    const fields: PersonFields = {
      name,
      gender,
      ethnicity: ETHNICITY_DRAW.draw(rng),
      idNumber,
      birthDate,
      phones: this.phones(rng),
      photo: null,
      retirementType,
      retirementDate,
      originalUnit: unit.name,
      unitLevel: unit.level,
      formerPosition,
      rank,
      politicalStatus,
      community: community.name,
      grid,
      address,
      livingSituation,
      householdRegistration: rng.chance(0.92) ? `${V.COUNTY_PREFIX}${address}` : rng.pick(['山西省太原市小店区', '山西省晋中市太谷区', '山西省晋中市寿阳县']),
      notes: rng.pick(V.NOTES),
    };

    const status = this.status(rng, age, birthDate);
    // Nothing is recorded after a person died or moved away.
    const lastDay = status ? status.date : today;
    const health = rng.chance(0.95) ? this.healthProfile(rng, fields, age, lastDay) : null;
    const conditions = health?.chronicConditions ?? [];
    return {
      fields,
      health,
      assessments: this.assessments(rng, age, lastDay),
      healthEvents: this.healthEvents(rng, age, conditions, lastDay),
      family: this.family(rng, fields, surname, age),
      status,
    };
  }

  private birthDate(rng: Rng): string {
    const year = BIRTH_YEAR_DRAW.draw(rng);
    const days = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY);
    return formatDay(Date.UTC(year, 0, 1) + rng.int(0, days - 1) * DAY);
  }

  private name(rng: Rng, gender: PersonFields['gender'], birthYear: number): { surname: string; name: string } {
    const surname = rng.chance(0.005) ? rng.pick(V.COMPOUND_SURNAMES) : SURNAME_DRAW.draw(rng);
    const male = gender === 'male';
    const single = () => rng.pick(male ? V.MALE_SINGLE : V.FEMALE_SINGLE);
    // 复姓 take a single given character, so names stay two or three characters long.
    if (surname.length === 2) return { surname, name: surname + single() };
    const era = V.ERA_NAMES.find((e) => birthYear >= e.from && birthYear <= e.to);
    if (era && rng.chance(0.07)) return { surname, name: surname + rng.pick(male ? era.male : era.female) };
    const roll = rng.next();
    if (roll < 0.17) return { surname, name: surname + single() };
    if (roll < 0.62) return { surname, name: surname + (male ? MALE_GIVEN_DRAW : FEMALE_GIVEN_DRAW).draw(rng) };
    const given = male ? rng.pick(V.MALE_FIRST) + rng.pick(V.MALE_SECOND) : rng.pick(V.FEMALE_FIRST) + rng.pick(V.FEMALE_SECOND);
    // 国国, 华华: doubled characters were nicknames, not registered names.
    return { surname, name: surname + (given[0] === given[1] ? (given[0] as string) : given) };
  }

  /** GB 11643: area, birth date, a sequence whose last digit is odd for men and even for women, check character. */
  private idNumber(rng: Rng, birthDate: string, gender: PersonFields['gender']): string {
    const born = birthDate.replaceAll('-', '');
    for (let attempt = 0; ; attempt++) {
      // After many collisions (a huge run on one day of birth), any area will do.
      const area = attempt < 20 ? AREA_DRAW.draw(rng) : `14${rng.digits(4)}`;
      const sequence = String(rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
      const first17 = `${area}${born}${sequence}`;
      const id = first17 + checkCharacter(first17);
      if (!this.taken.has(id) && !this.alsoTaken.has(id)) {
        this.taken.add(id);
        return id;
      }
      if (attempt > 1000) throw new Error(`cannot find a free ID number for ${birthDate}`);
    }
  }

  private politicalStatus(rng: Rng, lixiu: boolean): PersonFields['politicalStatus'] {
    if (lixiu) return rng.chance(0.95) ? 'cpc' : 'masses';
    const roll = rng.next();
    if (roll < 0.59) return 'cpc';
    if (roll < 0.62) return 'democratic';
    if (roll < 0.98) return 'masses';
    return 'other';
  }

  private address(rng: Rng, community: Community, compound: string | undefined): { address: string; grid: string } {
    // Some live in their old unit's staff housing when the community has it.
    const own = compound ? community.estates.find((e) => e.name === compound) : undefined;
    const estate = own && rng.chance(0.6) ? own : rng.pick(community.estates);
    if (estate.kind === 'street') return { address: `${estate.name}${rng.int(1, estate.buildings)}号`, grid: estate.grid };
    const building = rng.int(1, estate.buildings);
    const entrance = rng.int(1, 4);
    const floor = rng.int(1, 6);
    const flat = rng.int(1, 2);
    return { address: `${estate.name}${building}号楼${entrance}单元${floor}0${flat}`, grid: estate.grid };
  }

  private livingSituation(rng: Rng, age: number): PersonFields['livingSituation'] {
    const shares: readonly (readonly [PersonFields['livingSituation'], number])[] =
      age >= 85
        ? [['alone', 12], ['empty_nest', 25], ['with_children', 48], ['institution', 8], ['other', 7]]
        : [['alone', 15], ['empty_nest', 41], ['with_children', 33], ['institution', 2], ['other', 9]];
    return new Weighted(shares).draw(rng);
  }

  private mobile(rng: Rng): string {
    return rng.pick(V.MOBILE_PREFIXES) + rng.digits(8);
  }

  private phones(rng: Rng): string[] {
    const phones: string[] = [];
    if (rng.chance(0.04)) return phones;
    if (rng.chance(0.86)) phones.push(this.mobile(rng));
    if (rng.chance(0.08)) phones.push(this.mobile(rng));
    if (phones.length === 0 || rng.chance(0.3)) phones.push(`${V.LANDLINE_AREA}-${rng.pick(['2', '3', '6', '8'])}${rng.digits(6)}`);
    return phones;
  }

  private status(rng: Rng, age: number, birthDate: string): GeneratedStatus | null {
    const deceased = age < 70 ? 0.005 : age < 80 ? 0.015 : age < 90 ? 0.05 : 0.12;
    const roll = rng.next();
    const from = addDays(this.referenceDate, -730);
    const date = dayBetween(rng, from > birthDate ? from : birthDate, this.referenceDate);
    if (roll < deceased) return { status: 'deceased', date, destination: '', note: rng.pick(['', '', '家属告知', '病逝']) };
    if (roll < deceased + 0.01) return { status: 'moved_out', date, destination: rng.pick(V.MOVED_OUT_DESTINATIONS), note: '' };
    return null;
  }

  private healthProfile(rng: Rng, fields: PersonFields, age: number, lastDay: string): HealthProfileFields {
    const conditions: string[] = [];
    for (const [condition, prevalence] of V.CONDITION_PREVALENCE) {
      let p = prevalence * (age >= 80 ? 1.3 : age < 70 ? 0.8 : 1);
      if (condition === '阿尔茨海默病' && age >= 85) p *= 2.5;
      if (condition === '骨质疏松' && fields.gender === 'female') p *= 1.8;
      if (rng.chance(p)) conditions.push(condition);
    }
    const medications = conditions.map((c) => rng.pick(V.MEDICATIONS[c] ?? ['遵医嘱'])).filter((m, i, all) => all.indexOf(m) === i);
    const hasDoctor = rng.chance(0.7);
    return {
      bloodType: BLOOD_DRAW.draw(rng),
      chronicConditions: conditions,
      allergies: rng.chance(0.08) ? rng.pick(['青霉素过敏', '磺胺类药物过敏', '头孢类药物过敏', '海鲜过敏']) : '',
      medications: medications.join('、'),
      disabilityCertificate: rng.chance(0.03) ? rng.pick(['肢体二级', '肢体三级', '视力二级', '听力三级']) : '',
      insuranceType: V.INSURANCE[fields.retirementType],
      familyDoctor: hasDoctor ? SURNAME_DRAW.draw(rng) + rng.pick(rng.chance(0.5) ? V.CHILD_MALE : V.CHILD_FEMALE) : '',
      familyDoctorClinic: hasDoctor ? `${fields.community.replace(/社区$/, '')}${rng.pick(V.CLINICS)}` : '',
      familyDoctorDate: hasDoctor ? dayBetween(rng, addDays(lastDay, -1095), lastDay) : null,
    };
  }

  /** Older people are assessed more often and score lower. */
  private assessments(rng: Rng, age: number, lastDay: string): NewAssessment[] {
    const share = age < 70 ? 0.2 : age < 80 ? 0.4 : age < 90 ? 0.7 : 0.9;
    if (!rng.chance(share)) return [];
    const [mean, sd] = age < 70 ? [97, 8] : age < 80 ? [90, 12] : age < 90 ? [75, 20] : [55, 25];
    const total = clampScore(rng.normal(mean, sd));
    const latest: NewAssessment = { assessedOn: dayBetween(rng, addDays(lastDay, -700), lastDay), items: barthelItems(rng, total), assessor: rng.pick(V.STAFF_NAMES), note: '' };
    if (!rng.chance(0.3)) return [latest];
    const earlierTotal = clampScore(total + rng.int(0, 3) * 5);
    const earlier: NewAssessment = { assessedOn: addDays(latest.assessedOn, -rng.int(300, 420)), items: barthelItems(rng, earlierTotal), assessor: rng.pick(V.STAFF_NAMES), note: '' };
    return [earlier, latest];
  }

  private healthEvents(rng: Rng, age: number, conditions: readonly string[], lastDay: string): HealthEventFields[] {
    const events: HealthEventFields[] = [];
    if (rng.chance(0.55)) {
      const years = rng.int(1, 3);
      for (let y = years - 1; y >= 0; y--) {
        const date = dayBetween(rng, addDays(lastDay, -365 * (y + 1) + 1), addDays(lastDay, -365 * y));
        const finding = rng.chance(0.5) ? '未见明显异常' : rng.pick(V.CHECKUP_FINDINGS);
        events.push({ kind: 'checkup', date, endDate: null, institution: rng.pick(V.CHECKUP_PLACES), summary: `年度健康体检：${finding}` });
      }
    }
    const stays = rng.chance(0.08 + Math.max(0, age - 60) * 0.006) ? (rng.chance(0.2) ? 2 : 1) : 0;
    for (let s = 0; s < stays; s++) {
      const date = dayBetween(rng, addDays(lastDay, -1095), addDays(lastDay, -3));
      const condition = conditions.length > 0 && rng.chance(0.7) ? rng.pick(conditions) : '其他';
      const reasons = V.HOSPITALISATION_REASONS[condition] ?? V.HOSPITALISATION_REASONS['其他'] ?? ['住院治疗'];
      const endDate = addDays(date, rng.int(3, 21));
      events.push({
        kind: 'hospitalisation',
        date,
        endDate: endDate > lastDay ? lastDay : endDate,
        institution: rng.pick(V.HOSPITALS),
        summary: rng.pick(reasons),
      });
    }
    if (rng.chance(0.04)) {
      events.push({ kind: 'note', date: dayBetween(rng, addDays(lastDay, -365), lastDay), endDate: null, institution: '', summary: rng.pick(['电话随访，身体状况稳定', '家属反映近期食欲下降', '已提醒按时服药', '行动不便，建议上门体检']) });
    }
    return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  private family(rng: Rng, fields: PersonFields, surname: string, age: number): FamilyContactFields[] {
    const contacts: FamilyContactFields[] = [];
    const male = fields.gender === 'male';
    const living = fields.livingSituation;
    const spouseChance = living === 'empty_nest' ? 1 : living === 'alone' ? 0 : living === 'with_children' ? 0.55 : 0.35;
    let spouseSurname: string | null = null;
    if (age < 95 && rng.chance(spouseChance)) {
      spouseSurname = SURNAME_DRAW.draw(rng);
      const given = male ? FEMALE_GIVEN_DRAW.draw(rng) : MALE_GIVEN_DRAW.draw(rng);
      contacts.push(this.contact(rng, spouseSurname + given, '配偶', living !== 'institution', 0.6));
    }
    // Children carry the father's surname.
    const childSurname = male ? surname : (spouseSurname ?? SURNAME_DRAW.draw(rng));
    const children = rng.chance(0.04) ? 0 : rng.int(1, age >= 80 ? 5 : 3);
    for (let c = 0; c < children; c++) {
      const son = rng.chance(0.5);
      const nearby = (living === 'with_children' && c === 0) || rng.chance(0.35);
      contacts.push(this.contact(rng, childSurname + rng.pick(son ? V.CHILD_MALE : V.CHILD_FEMALE), son ? '儿子' : '女儿', nearby, 0.97));
    }
    if (children === 0 && rng.chance(0.7)) {
      const [relation, names] = rng.pick([['侄子', V.CHILD_MALE], ['外甥', V.CHILD_MALE], ['侄女', V.CHILD_FEMALE]] as const);
      // A brother's children carry the family surname; a sister's, their father's.
      const kinSurname = relation === '外甥' ? SURNAME_DRAW.draw(rng) : surname;
      contacts.push(this.contact(rng, kinSurname + rng.pick(names), relation, rng.chance(0.5), 0.95));
    }
    // One emergency contact: a child nearby, else any child, else whoever there is; a few have none yet.
    if (contacts.length > 0 && rng.chance(0.97)) {
      const kin = contacts.filter((c) => c.relation !== '配偶');
      const pick = kin.find((c) => c.livesNearby) ?? kin[0] ?? contacts[0];
      if (pick) pick.isEmergency = true;
    }
    return contacts;
  }

  private contact(rng: Rng, name: string, relation: string, livesNearby: boolean, phoneChance: number): FamilyContactFields {
    return { name, relation, phones: rng.chance(phoneChance) ? [this.mobile(rng)] : [], livesNearby, isEmergency: false, note: '' };
  }
}

function clampScore(x: number): number {
  return Math.max(0, Math.min(100, Math.round(x / 5) * 5));
}

/** Item scores adding up to `total`: full marks, then losses in steps of 5 in the usual order of decline. */
export function barthelItems(rng: Rng, total: number): BarthelScores {
  const scores = Object.fromEntries(BARTHEL_ITEMS.map((item) => [item.key, item.max])) as BarthelScores;
  let deficit = 100 - clampScore(total);
  while (deficit > 0) {
    const open = BARTHEL_ITEMS.filter((item) => scores[item.key] > 0).map((item) => [item.key, LOSS_WEIGHTS[item.key]] as const);
    const key = new Weighted(open).draw(rng);
    scores[key] -= 5;
    deficit -= 5;
  }
  return scores;
}

/** `count` persons at once (a prefix of any longer run with the same options). */
export function generatePersons(count: number, options: GeneratorOptions): GeneratedPerson[] {
  const generator = new PersonGenerator(options);
  return Array.from({ length: count }, () => generator.next());
}
