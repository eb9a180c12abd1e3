/**
 * The columns of a roster: which person field each column holds, the header the export and the
 * template write (always one the import matches), the other spellings offices use, and how the
 * header row is found below merged title rows.
 */
import type { PersonFieldsInput } from '../../../shared/schemas/persons';

/** The person fields a roster column can fill (every editable field but the photo). */
export type RosterField = Exclude<keyof PersonFieldsInput, 'photo' | 'createGrid'>;

export interface RosterColumn {
  field: RosterField;
  /** The header the export and the template write; it is also the first alias. */
  header: string;
  /** Other spellings found in office spreadsheets, compared after `normaliseHeader`. */
  aliases: readonly string[];
  /** A line for the template's explanation sheet. */
  help: string;
  /** Required for a new person (gender and birth date can come from the ID number). */
  required: boolean;
  /** Column width in the export, in characters. */
  width: number;
}

/** In export order. */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: 'name', header: '姓名', aliases: ['名字', '干部姓名', '老干部姓名'], help: '必填。2～30 个字。', required: true, width: 10 },
  { field: 'gender', header: '性别', aliases: [], help: '填“男”或“女”。不填时按身份证号确定。', required: false, width: 6 },
  { field: 'ethnicity', header: '民族', aliases: [], help: '如“汉族”“回族”；只写“汉”“回”也可以。不填按汉族。', required: false, width: 8 },
  {
    field: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '公民身份证号码', '身份证', '身份证件号码', '证件号码', '居民身份证号码', '居民身份证号'],
    help: '必填。18 位（旧证 15 位也可以）。请把这一列设为“文本”格式，否则表格软件会把后几位变成 0。同一身份证号已在系统中的，导入时更新该人的信息。',
    required: true,
    width: 22,
  },
  {
    field: 'birthDate',
    header: '出生日期',
    aliases: ['出生年月日', '出生年月', '生日', '出生时间'],
    help: '如“1945-03-15”或“1945年3月15日”。不填时按身份证号确定；填了须与身份证号一致。',
    required: false,
    width: 12,
  },
  {
    field: 'phones',
    header: '联系电话',
    aliases: ['电话', '手机', '手机号', '手机号码', '电话号码', '联系方式', '联系电话号码', '固定电话'],
    help: '可填多个，用顿号“、”或逗号隔开，最多 5 个。',
    required: false,
    width: 26,
  },
  { field: 'originalUnit', header: '原工作单位', aliases: ['工作单位', '原单位', '单位', '原工作单位名称', '离退休前单位'], help: '离退休前的工作单位。', required: false, width: 24 },
  {
    field: 'unitLevel',
    header: '单位级别',
    aliases: ['单位层级', '单位类别', '单位隶属'],
    help: '填“中直”“省直”“市直”“县直”“企业”或“其他”。',
    required: false,
    width: 10,
  },
  {
    field: 'unitKind',
    header: '单位性质',
    aliases: ['原单位性质', '单位类型', '原单位类型'],
    help: '填“行政机关”（或“党政机关”）、“事业单位”“企业”或“其他”。不填的不改原有内容；统计表中计为“未登记”。',
    required: false,
    width: 10,
  },
  { field: 'formerPosition', header: '原职务', aliases: ['职务', '原任职务', '离退休前职务'], help: '如“副局长”。', required: false, width: 14 },
  { field: 'rank', header: '职级', aliases: ['待遇级别', '享受待遇', '职级待遇', '原职级'], help: '如“副处级”“科级”。', required: false, width: 10 },
  {
    field: 'politicalStatus',
    header: '政治面貌',
    aliases: [],
    help: '填“中共党员”（或“党员”）、“民主党派”（或党派名称，如“民盟”）、“群众”或“其他”。不填按群众。',
    required: false,
    width: 10,
  },
  {
    field: 'retirementType',
    header: '离退休类别',
    aliases: ['离休退休', '离退休', '离退休类型', '离/退休', '离退', '类别', '离休或退休'],
    help: '必填。填“离休”或“退休”。',
    required: true,
    width: 10,
  },
  {
    field: 'retirementDate',
    header: '离退休时间',
    aliases: ['离退休日期', '退休时间', '退休日期', '离休时间', '离休日期', '离退休年月'],
    help: '如“2005-04-01”。只写年月（如“2005年4月”）时按该月 1 日记录。',
    required: false,
    width: 12,
  },
  { field: 'community', header: '社区', aliases: ['所在社区', '所属社区', '居住社区', '社区名称'], help: '所在社区。', required: false, width: 14 },
  { field: 'grid', header: '网格', aliases: ['所在网格', '所属网格', '网格名称'], help: '所在网格，如“第一网格”。', required: false, width: 12 },
  {
    field: 'address',
    header: '家庭住址',
    aliases: ['住址', '现住址', '居住地址', '现居住地址', '地址', '现居住地', '家庭地址', '现家庭住址'],
    help: '现在的居住地址。',
    required: false,
    width: 30,
  },
  {
    field: 'livingSituation',
    header: '居住状况',
    aliases: ['居住情况', '居住状态', '居住方式'],
    help: '填“独居”“空巢”（与配偶同住）、“与子女同住”“养老机构”或“其他”。',
    required: false,
    width: 14,
  },
  { field: 'householdRegistration', header: '户籍地', aliases: ['户籍所在地', '户籍', '户口所在地', '户籍地址'], help: '户口所在地。', required: false, width: 24 },
  { field: 'notes', header: '备注', aliases: ['说明'], help: '其他需要记下的情况。', required: false, width: 30 },
];

/**
 * The header of the column a county bureau's export puts first: which office sent the person. No
 * alias matches it, so an import leaves the column alone (a person belongs to the office that
 * imports them).
 */
export { OFFICE_HEADER } from '../reports/offices';

export const ROSTER_FIELDS: readonly RosterField[] = ROSTER_COLUMNS.map((c) => c.field);

const byField = new Map(ROSTER_COLUMNS.map((c) => [c.field, c]));

export function columnOf(field: RosterField): RosterColumn {
  const column = byField.get(field);
  if (!column) throw new Error(`no roster column for ${field}`);
  return column;
}

/**
 * Header text as compared: without spaces and line breaks, without a leading required-mark (*, ※),
 * without a bracketed note ("身份证号码（18位）"), without a trailing colon, half-width.
 */
export function normaliseHeader(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .replace(/^[*※★]+/, '')
    .replace(/[*※★]+$/, '')
    .replace(/\([^()]*\)/g, '')
    .replace(/[【[][^【】[\]]*[\]】]/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

const aliasIndex = new Map<string, RosterField>();
for (const column of ROSTER_COLUMNS) {
  for (const alias of [column.header, ...column.aliases]) aliasIndex.set(normaliseHeader(alias), column.field);
}

/** The field a header names, or null. */
export function fieldOfHeader(header: string): RosterField | null {
  return aliasIndex.get(normaliseHeader(header)) ?? null;
}

export type RosterMapping = Partial<Record<RosterField, number | null>>;

/** Field → column index for a header row; the first column wins when two name the same field. */
export function autoMapping(headers: readonly string[]): Record<RosterField, number | null> {
  const mapping = Object.fromEntries(ROSTER_FIELDS.map((f) => [f, null])) as Record<RosterField, number | null>;
  headers.forEach((header, index) => {
    const field = fieldOfHeader(header);
    if (field && mapping[field] === null) mapping[field] = index;
  });
  return mapping;
}

/** How many distinct fields a row of cells names. */
export function headerScore(cells: readonly string[]): number {
  const fields = new Set<RosterField>();
  for (const cell of cells) {
    const field = fieldOfHeader(cell);
    if (field) fields.add(field);
  }
  return fields.size;
}

/** How many rows from the top are searched for the header row. */
export const HEADER_SCAN_ROWS = 10;

/**
 * The index (into `rows`) of the header row: among the first rows, the one naming the most fields
 * (the earliest on a tie). Merged title rows and blank rows above it name none. When no row names a
 * field, the first non-empty row is taken, so the columns can still be mapped by hand.
 */
export function detectHeaderRow(rows: readonly (readonly string[])[]): number {
  let best = -1;
  let bestScore = 0;
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const score = headerScore(rows[i] ?? []);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return best;
  const firstFilled = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  return firstFilled === -1 ? 0 : firstFilled;
}
