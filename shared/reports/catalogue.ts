/**
 * The catalogue of indicators (统计指标), defined once for the office and the county bureau alike:
 * each has a stable key and a version, its labels, how it reads a period, its breakdowns and its
 * measures. main/services/reports/indicators.ts has one implementation per key, parameterised by
 * office (origin_office), so a number means the same wherever it is computed; the renderer and the
 * command line read their labels from here.
 *
 * A measure is a count or a sum over the facts of an indicator (persons, visits, records) that can
 * be added up across grids, contacts and offices; a derived figure (a rate, an average) is computed
 * from two summed measures after adding up, never averaged. A measure marked `incomplete` counts
 * facts whose inputs are missing (ADL 未评估, 出生日期未登记): the figure says so instead of counting
 * them as zero. Change what an indicator counts → raise its version.
 */
import type { PeriodUse, Campaign } from './period';
import { CAMPAIGNS } from './period';

export type Language = 'zh-CN' | 'en';
export interface Labels {
  'zh-CN': string;
  en: string;
}

const L = (zh: string, en: string): Labels => ({ 'zh-CN': zh, en });

/** Units of figures. */
export const UNITS = ['人', '人次', '%', '小时', '元', '个', '次', '岁', '天', '月'] as const;
export type Unit = (typeof UNITS)[number];
export const UNIT_EN: Record<Unit, string> = { 人: 'persons', 人次: 'person-times', '%': '%', 小时: 'hours', 元: 'yuan', 个: 'units', 次: 'times', 岁: 'years', 天: 'days', 月: 'months' };

/** Breakdowns (维度). Coded ones are labelled here; the others carry names from the records (grids, users, branches, offices). */
export const DIMS = [
  'office',
  'grid',
  'contact',
  'rtype',
  'sex',
  'ageBand',
  'unitLevel',
  'unitKind',
  'living',
  'adl',
  'month',
  'reason',
  'category',
  'branch',
  'meetingKind',
  'activityKind',
  'volunteerKind',
  'helperKind',
  'recorder',
] as const;
export type Dim = (typeof DIMS)[number];

export const DIM_LABELS: Record<Dim, Labels> = {
  office: L('单位', 'Office'),
  grid: L('网格', 'Grid'),
  contact: L('责任联系人', 'Responsible contact'),
  rtype: L('离休/退休', 'Retirement type'),
  sex: L('性别', 'Sex'),
  ageBand: L('年龄段', 'Age band'),
  unitLevel: L('原单位级别', 'Level of the original unit'),
  unitKind: L('单位性质', 'Kind of unit'),
  living: L('居住情况', 'Living situation'),
  adl: L('自理能力', 'Daily living (ADL)'),
  month: L('月份', 'Month'),
  reason: L('走访事由', 'Reason'),
  category: L('需求类别', 'Category'),
  branch: L('党支部', 'Branch'),
  meetingKind: L('活动类型', 'Kind of meeting'),
  activityKind: L('活动类型', 'Kind of activity'),
  volunteerKind: L('志愿者类别', 'Kind of volunteer'),
  helperKind: L('帮扶人类型', 'Kind of helper'),
  recorder: L('记录人', 'Recorded by'),
};

/** The values of coded breakdowns, in the order they are shown. */
export const DIM_VALUES: Partial<Record<Dim, Record<string, Labels>>> = {
  rtype: { lixiu: L('离休', 'Retired (lixiu)'), tuixiu: L('退休', 'Retired (tuixiu)') },
  sex: { male: L('男', 'Male'), female: L('女', 'Female') },
  ageBand: {
    under60: L('60岁以下', 'Under 60'),
    '60to69': L('60–69岁', '60–69'),
    '70to79': L('70–79岁', '70–79'),
    '80to89': L('80–89岁', '80–89'),
    '90to99': L('90–99岁', '90–99'),
    '100plus': L('100岁及以上', '100 and over'),
  },
  unitLevel: {
    central: L('中直', 'Central'),
    provincial: L('省直', 'Provincial'),
    municipal: L('市直', 'Municipal'),
    county: L('县直', 'County'),
    enterprise: L('企业', 'Enterprise'),
    other: L('其他或未登记', 'Other or not recorded'),
  },
  // 单位性质 as recorded; unrecorded, an enterprise-level unit counts as an enterprise and the rest say 未登记.
  unitKind: {
    government: L('行政机关', 'Government body'),
    institution: L('事业单位', 'Public institution'),
    enterprise: L('企业', 'Enterprise'),
    other: L('其他', 'Other'),
  },
  living: {
    alone: L('独居', 'Alone'),
    empty_nest: L('空巢', 'Empty nest'),
    with_children: L('与子女同住', 'With children'),
    institution: L('养老机构', 'In a care home'),
    other: L('其他或未登记', 'Other or not recorded'),
  },
  adl: { intact: L('能力完好', 'Intact'), mild: L('轻度受损', 'Mild'), moderate: L('中度受损', 'Moderate'), severe: L('重度受损', 'Severe') },
  reason: {
    routine: L('日常走访', 'Routine'),
    spring_festival: L('春节走访', 'Spring Festival'),
    chongyang: L('重阳走访', 'Double Ninth'),
    party_day: L('七一走访', 'July 1st'),
    birthday: L('生日走访', 'Birthday'),
    hospitalisation: L('住院探视', 'Hospital visit'),
    condolence: L('吊唁慰问', 'Condolence'),
    assessment: L('能力评估', 'Capability assessment'),
    ad_hoc: L('临时走访', 'Ad hoc'),
  },
  category: {
    home_care: L('居家养老', 'Home care'),
    medical: L('医疗保健', 'Medical'),
    recreation: L('文体活动', 'Recreation'),
    hardship: L('困难帮扶', 'Hardship'),
    emotional: L('精神慰藉', 'Emotional'),
    other: L('其他', 'Other'),
  },
  meetingKind: { organisational: L('组织生活', 'Branch meeting'), theme_day: L('主题党日', 'Theme day'), study: L('学习', 'Study'), other: L('其他', 'Other') },
  activityKind: {
    political_study: L('政治学习', 'Political study'),
    culture_sports: L('文体活动', 'Culture and sports'),
    health_talk: L('健康讲座', 'Health talk'),
    interest_group: L('兴趣小组', 'Interest group'),
    visit: L('参观', 'Visit'),
    other: L('其他', 'Other'),
  },
  volunteerKind: { retiree: L('离退休干部', 'Retired official'), resident: L('居民', 'Resident'), unit: L('单位志愿者', 'Unit volunteer'), other: L('其他', 'Other') },
  helperKind: { staff: L('工作人员', 'Staff'), volunteer: L('志愿者', 'Volunteer'), unit: L('帮扶单位', 'Unit'), retiree: L('离退休干部', 'Retired official') },
};

/** What a missing value of a breakdown is called. */
export const DIM_NONE: Record<Dim, Labels> = {
  office: L('（未知单位）', '(unknown office)'),
  grid: L('未分网格', 'No grid'),
  contact: L('无责任联系人', 'No responsible contact'),
  rtype: L('未登记', 'Not recorded'),
  sex: L('未登记', 'Not recorded'),
  ageBand: L('出生日期未登记', 'No birth date'),
  unitLevel: L('未登记', 'Not recorded'),
  unitKind: L('未登记', 'Not recorded'),
  living: L('未登记', 'Not recorded'),
  adl: L('未评估', 'Not assessed'),
  month: L('—', '—'),
  reason: L('—', '—'),
  category: L('—', '—'),
  branch: L('（无支部）', '(no branch)'),
  meetingKind: L('—', '—'),
  activityKind: L('—', '—'),
  volunteerKind: L('—', '—'),
  helperKind: L('—', '—'),
  recorder: L('（未知）', '(unknown)'),
};

export type Aggregate = 'sum' | 'min' | 'max' | 'median';

export interface MeasureDef {
  key: string;
  label: Labels;
  unit: Unit;
  agg: Aggregate;
  /** Stored as an integer of a smaller unit: minutes → 小时 (60), fen → 元 (100). */
  divisor?: number;
  /** 0/1 per fact: the number opens the list of the facts behind it. */
  drill?: boolean;
  /** Counts facts whose inputs are missing; shown as such, never as zero of something else. */
  incomplete?: boolean;
  /** Used only to compute a derived figure; not shown on its own. */
  hidden?: boolean;
}

export interface DerivedDef {
  key: string;
  label: Labels;
  unit: '%' | '岁' | '天';
  /** ratio: num ÷ den × 100; mean: num ÷ den. */
  kind: 'ratio' | 'mean';
  num: string;
  den: string;
  decimals: number;
}

/** Columns of a drill-down list: the person's own (the engine fills them) or a fact's (x:…). */
export const PERSON_COLUMNS = ['name', 'sex', 'age', 'rtype', 'grid', 'contact', 'address', 'phone'] as const;
export type PersonColumn = (typeof PERSON_COLUMNS)[number];

export const PERSON_COLUMN_LABELS: Record<PersonColumn, Labels> = {
  name: L('姓名', 'Name'),
  sex: L('性别', 'Sex'),
  age: L('年龄', 'Age'),
  rtype: L('类别', 'Type'),
  grid: L('网格', 'Grid'),
  contact: L('责任联系人', 'Contact'),
  address: L('住址', 'Address'),
  phone: L('电话', 'Phone'),
};

/** Codes that fact columns carry besides those of the breakdowns. */
export const CODES: Record<string, Record<string, Labels>> = {
  ...(DIM_VALUES as Record<string, Record<string, Labels>>),
  branchKind: { branch: L('党支部', 'Branch'), temporary: L('临时党支部', 'Temporary branch'), station: L('老党员活动站', 'Station'), group: L('活动小组', 'Group') },
  method: { home: L('登门', 'At home'), phone: L('电话', 'By phone'), hospital: L('医院探望', 'In hospital'), video: L('视频', 'By video') },
  requestStatus: { open: L('待处理', 'Open'), in_progress: L('处理中', 'In progress'), resolved: L('已解决', 'Resolved'), declined: L('婉拒', 'Declined') },
};

export interface FactColumn {
  key: string;
  label: Labels;
  /** How the value is written: a day, a stored timestamp (shown as its local day), money in fen, minutes, or a code of one of CODES. */
  format?: 'date' | 'timestamp' | 'fen' | 'minutes' | { codes: string };
}

export type Group = 'persons' | 'care' | 'visits' | 'campaigns' | 'requests' | 'party' | 'life';

export const GROUP_LABELS: Record<Group, Labels> = {
  persons: L('人员情况', 'Persons'),
  care: L('生活与照护', 'Living and care'),
  visits: L('走访', 'Visits'),
  campaigns: L('节日及整寿走访慰问', 'Campaign visits'),
  requests: L('服务需求', 'Service requests'),
  party: L('党组织', 'Party'),
  life: L('学习活动、志愿服务与结对帮扶', 'Activities, volunteering and pairs'),
};

export interface IndicatorDef {
  key: string;
  version: number;
  group: Group;
  label: Labels;
  /** What it counts and how, for the reader (shown beside the figure and in `report list`). */
  description: Labels;
  use: PeriodUse;
  campaign?: Campaign;
  breakdowns: readonly Dim[];
  measures: readonly MeasureDef[];
  derived: readonly DerivedDef[];
  /** The figure that stands for the indicator (a measure's or a derived figure's key). */
  headline: string;
  /** Its facts are persons (the list shows the person's columns) or records. */
  facts: 'person' | 'record';
  columns: readonly (PersonColumn | FactColumn)[];
  /** Coverage against the office's goal for the campaign, coloured red/amber/green. */
  goal?: { figure: string };
}

const m = (key: string, zh: string, en: string, unit: Unit, extra: Partial<MeasureDef> = {}): MeasureDef => ({ key, label: L(zh, en), unit, agg: 'sum', drill: true, ...extra });
const ratio = (key: string, zh: string, en: string, num: string, den: string): DerivedDef => ({ key, label: L(zh, en), unit: '%', kind: 'ratio', num, den, decimals: 1 });
const col = (key: string, zh: string, en: string, format?: FactColumn['format']): FactColumn => (format === undefined ? { key, label: L(zh, en) } : { key, label: L(zh, en), format });

const PERSON_BREAKDOWNS: readonly Dim[] = ['office', 'grid', 'contact', 'rtype', 'sex', 'ageBand', 'living', 'adl'];
const PERSON_LIST: readonly PersonColumn[] = ['name', 'sex', 'age', 'rtype', 'grid', 'contact', 'address', 'phone'];

function campaignIndicator(c: Campaign, zh: string, en: string): IndicatorDef {
  return {
    key: `visits.campaign.${c}`,
    version: 1,
    group: 'campaigns',
    label: L(`${zh}走访慰问`, `${en} visits`),
    description: L(
      `按走访规则当年应${zh}走访的人（计划未取消），已走访与未走访人数、覆盖率及慰问金；覆盖率对照本单位设定的目标显示红黄绿。`,
      `Persons due a ${en} visit that year by the visit rules (plans not cancelled): visited, not visited, coverage and gifts; coverage is coloured against the office's goal.`,
    ),
    use: 'campaign',
    campaign: c,
    breakdowns: PERSON_BREAKDOWNS,
    measures: [
      m('due', '应走访', 'Due', '人'),
      m('visited', '已走访', 'Visited', '人'),
      m('notVisited', '未走访', 'Not visited', '人'),
      m('missed', '已逾期未走访', 'Missed', '人'),
      m('open', '尚在走访期内', 'Still open', '人'),
      m('home', '登门', 'At home', '人'),
      m('phone', '电话', 'By phone', '人'),
      m('hospital', '医院探望', 'In hospital', '人'),
      m('video', '视频', 'By video', '人'),
      m('giftFen', '慰问金', 'Gifts of money', '元', { divisor: 100, drill: false }),
      m('giftPersons', '送慰问金或慰问品', 'With gifts', '人'),
      m('cancelled', '人工取消', 'Cancelled by hand', '人'),
    ],
    derived: [ratio('coverage', '覆盖率', 'Coverage', 'visited', 'due')],
    headline: 'coverage',
    facts: 'person',
    columns: [...PERSON_LIST, col('due', '应走访日期', 'Due', 'date'), col('done', '走访日期', 'Visited on', 'date'), col('method', '方式', 'How', { codes: 'method' }), col('gift', '慰问金（元）', 'Gift (yuan)', 'fen'), col('giftItems', '慰问品', 'Gift items')],
    goal: { figure: 'coverage' },
  };
}

export const INDICATORS: readonly IndicatorDef[] = [
  {
    key: 'persons.headcount',
    version: 1,
    group: 'persons',
    label: L('在册人数', 'On the register'),
    description: L(
      '统计日在册的离退休干部：统计日或之前登记、当天未迁出也未去世。',
      'Retired officials on the register on the day: registered by then, neither moved out nor died by then.',
    ),
    use: 'asOf',
    breakdowns: [...PERSON_BREAKDOWNS, 'unitLevel', 'unitKind'],
    measures: [
      m('total', '合计', 'Total', '人'),
      m('lixiu', '离休', 'Lixiu', '人'),
      m('tuixiu', '退休', 'Tuixiu', '人'),
      m('kindUnrecorded', '单位性质未登记', 'Kind of unit not recorded', '人', { incomplete: true }),
    ],
    derived: [],
    headline: 'total',
    facts: 'person',
    columns: PERSON_LIST,
  },
  {
    key: 'persons.changes',
    version: 1,
    group: 'persons',
    label: L('人员变动', 'Changes'),
    description: L(
      '期内新增（期内登记且登记时在册）、迁出、去世（期末仍为该状态）；去世率 = 去世 ÷（期初在册 + 新增）。期初在册 + 新增 − 迁出 − 去世 = 期末在册。',
      'New (registered in the period, on the register then), moved out and died (still so at the end); death rate = died ÷ (on the register at the start + new).',
    ),
    use: 'range',
    breakdowns: ['office', 'grid', 'rtype', 'sex'],
    measures: [
      m('start', '期初在册', 'At the start', '人'),
      m('new', '新增', 'New', '人'),
      m('movedOut', '迁出', 'Moved out', '人'),
      m('died', '去世', 'Died', '人'),
      m('end', '期末在册', 'At the end', '人'),
      m('exposed', '期内在册', 'On the register in the period', '人', { hidden: true }),
    ],
    derived: [{ key: 'deathRate', label: L('去世率', 'Death rate'), unit: '%', kind: 'ratio', num: 'died', den: 'exposed', decimals: 2 }],
    headline: 'new',
    facts: 'person',
    columns: [...PERSON_LIST, col('registered', '登记日期', 'Registered', 'timestamp'), col('statusDate', '变动日期', 'Changed on', 'date'), col('destination', '去向', 'Destination')],
  },
  {
    key: 'persons.age',
    version: 1,
    group: 'persons',
    label: L('年龄结构', 'Ages'),
    description: L('统计日在册人员的周岁年龄（2月29日出生者在平年3月1日满岁）；出生日期未登记的单独列出，不计入平均年龄。', 'Whole years on the day (born 29 February: a year older on 1 March in common years); persons without a birth date are shown apart and left out of the average.'),
    use: 'asOf',
    breakdowns: ['office', 'grid', 'rtype', 'sex'],
    measures: [
      m('total', '合计', 'Total', '人'),
      m('under60', '60岁以下', 'Under 60', '人'),
      m('a60to69', '60–69岁', '60–69', '人'),
      m('a70to79', '70–79岁', '70–79', '人'),
      m('a80to89', '80–89岁', '80–89', '人'),
      m('a90to99', '90–99岁', '90–99', '人'),
      m('a100plus', '100岁及以上', '100 and over', '人'),
      m('over80', '80岁以上', '80 and over', '人'),
      m('over90', '90岁以上（高龄）', '90 and over', '人'),
      m('over100', '100岁以上', '100 and over', '人'),
      m('noBirthDate', '出生日期未登记', 'No birth date', '人', { incomplete: true }),
      m('withAge', '有出生日期', 'With a birth date', '人', { hidden: true }),
      m('sumAge', '年龄合计', 'Sum of ages', '岁', { hidden: true, drill: false }),
      m('minAge', '最小年龄', 'Youngest', '岁', { agg: 'min', drill: false }),
      m('maxAge', '最大年龄', 'Oldest', '岁', { agg: 'max', drill: false }),
    ],
    derived: [{ key: 'averageAge', label: L('平均年龄', 'Average age'), unit: '岁', kind: 'mean', num: 'sumAge', den: 'withAge', decimals: 1 }],
    headline: 'averageAge',
    facts: 'person',
    columns: [...PERSON_LIST, col('birthDate', '出生日期', 'Born', 'date')],
  },
  {
    key: 'persons.living',
    version: 1,
    group: 'care',
    label: L('居住情况', 'Living situation'),
    description: L('统计日在册人员按档案中的居住情况（档案只记当前情况）。', 'Persons on the register by the living situation their record gives (the record keeps the current one only).'),
    use: 'asOf',
    breakdowns: PERSON_BREAKDOWNS,
    measures: [
      m('total', '合计', 'Total', '人'),
      m('alone', '独居', 'Alone', '人'),
      m('emptyNest', '空巢', 'Empty nest', '人'),
      m('withChildren', '与子女同住', 'With children', '人'),
      m('institution', '养老机构', 'In a care home', '人'),
      m('other', '其他或未登记', 'Other or not recorded', '人'),
    ],
    derived: [],
    headline: 'alone',
    facts: 'person',
    columns: PERSON_LIST,
  },
  {
    key: 'persons.adl',
    version: 1,
    group: 'care',
    label: L('自理能力（ADL）', 'Daily living (ADL)'),
    description: L(
      '统计日前最近一次 Barthel 评估：100 完好，65–95 轻度，45–60 中度，≤40 重度；没有评估的单列“未评估”，评估已超过一年的另计。',
      'The latest Barthel assessment by the day: 100 intact, 65–95 mild, 45–60 moderate, ≤40 severe; persons never assessed are shown as such, assessments older than a year counted apart.',
    ),
    use: 'asOf',
    breakdowns: PERSON_BREAKDOWNS,
    measures: [
      m('total', '合计', 'Total', '人'),
      m('intact', '能力完好', 'Intact', '人'),
      m('mild', '轻度受损', 'Mild', '人'),
      m('moderate', '中度受损', 'Moderate', '人'),
      m('severe', '重度受损', 'Severe', '人'),
      m('unassessed', 'ADL 未评估', 'Not assessed', '人', { incomplete: true }),
      m('stale', '评估超过一年', 'Assessed over a year ago', '人'),
    ],
    derived: [],
    headline: 'severe',
    facts: 'person',
    columns: [...PERSON_LIST, col('adlTotal', 'Barthel 总分', 'Barthel total'), col('adlDate', '评估日期', 'Assessed on', 'date')],
  },
  {
    key: 'persons.capability',
    version: 1,
    group: 'care',
    label: L('老年人能力等级（GB/T 42195）', 'Capability grade (GB/T 42195)'),
    description: L(
      '统计日前最近一次按 GB/T 42195-2022 完成的老年人能力评估的等级（含等级变更）：能力完好、轻度失能、中度失能、重度失能、完全失能；草稿不算评估，没有评估的单列“未评估”，评估已超过一年的另计。',
      'The grade of the latest completed GB/T 42195-2022 assessment by the day (after the adjustment rules); drafts do not count, persons never assessed are shown as such, assessments older than a year counted apart.',
    ),
    use: 'asOf',
    breakdowns: PERSON_BREAKDOWNS,
    measures: [
      m('total', '合计', 'Total', '人'),
      m('intact', '能力完好', 'Capable', '人'),
      m('mild', '轻度失能', 'Mildly impaired', '人'),
      m('moderate', '中度失能', 'Moderately impaired', '人'),
      m('severe', '重度失能', 'Severely impaired', '人'),
      m('complete', '完全失能', 'Completely impaired', '人'),
      m('unassessed', '能力未评估', 'Not assessed', '人', { incomplete: true }),
      m('stale', '评估超过一年', 'Assessed over a year ago', '人'),
    ],
    derived: [],
    headline: 'complete',
    facts: 'person',
    columns: [...PERSON_LIST, col('capabilityTotal', '总分', 'Total'), col('capabilityGrade', '能力等级', 'Grade'), col('capabilityDate', '评估日期', 'Assessed on', 'date')],
  },
  {
    key: 'persons.contacts',
    version: 1,
    group: 'care',
    label: L('联系人落实', 'Contacts'),
    description: L('统计日在册人员中：没有责任联系人（分片包干）、没有紧急联系人、未分网格的人数。', 'Persons on the register without a responsible contact, without an emergency contact, or in no grid.'),
    use: 'asOf',
    breakdowns: ['office', 'grid', 'rtype', 'sex', 'ageBand'],
    measures: [
      m('total', '合计', 'Total', '人'),
      m('noResponsible', '无责任联系人', 'No responsible contact', '人'),
      m('noEmergency', '无紧急联系人', 'No emergency contact', '人'),
      m('noGrid', '未分网格', 'In no grid', '人'),
      m('withResponsible', '有责任联系人', 'With a responsible contact', '人', { hidden: true }),
    ],
    derived: [ratio('responsibleRate', '责任联系人落实率', 'With a responsible contact', 'withResponsible', 'total')],
    headline: 'noResponsible',
    facts: 'person',
    columns: PERSON_LIST,
  },
  {
    key: 'persons.hospital',
    version: 1,
    group: 'care',
    label: L('住院', 'In hospital'),
    description: L('统计日正在住院的人（住院已登记、出院日期未到或未填）；住院超过 90 天仍未填出院日期的另计，请核实。', 'Persons in hospital on the day (admitted, not yet discharged or no discharge date); stays over 90 days without a discharge date are counted apart to be checked.'),
    use: 'asOf',
    breakdowns: PERSON_BREAKDOWNS,
    measures: [m('inHospital', '住院中', 'In hospital', '人'), m('noDischarge90', '住院超过90天未填出院', 'Over 90 days, no discharge date', '人', { incomplete: true })],
    derived: [],
    headline: 'inHospital',
    facts: 'person',
    columns: [...PERSON_LIST, col('since', '入院日期', 'Admitted', 'date'), col('institution', '医院', 'Hospital')],
  },
  {
    key: 'visits.plan',
    version: 1,
    group: 'visits',
    label: L('走访计划完成', 'Planned visits'),
    description: L(
      '应走访日期在期内的计划走访（已取消的不计）：已完成、逾期（过了应走访日、尚未超过期限）、漏访（超过期限未走访）、未到期；责任联系人按应走访日当天计。',
      'Planned visits due in the period (cancelled ones left out): done, overdue (past due, not yet missed), missed, not yet due; the contact is the one responsible on the due date.',
    ),
    use: 'range',
    breakdowns: [...PERSON_BREAKDOWNS, 'month', 'reason'],
    measures: [
      m('planned', '计划', 'Planned', '人次'),
      m('done', '已完成', 'Done', '人次'),
      m('doneLate', '其中逾期完成', 'Done late', '人次'),
      m('overdue', '逾期', 'Overdue', '人次'),
      m('missed', '漏访', 'Missed', '人次'),
      m('pending', '未到期', 'Not yet due', '人次'),
      m('cancelled', '已取消', 'Cancelled', '人次'),
    ],
    derived: [ratio('completion', '完成率', 'Completion', 'done', 'planned')],
    headline: 'completion',
    facts: 'person',
    columns: [...PERSON_LIST, col('reason', '事由', 'Reason', { codes: 'reason' }), col('due', '应走访日期', 'Due', 'date'), col('done', '完成日期', 'Done on', 'date')],
  },
  {
    key: 'visits.records',
    version: 1,
    group: 'visits',
    label: L('走访人次', 'Visits made'),
    description: L('走访日期在期内的走访记录，按方式；慰问金按记录合计。', 'Visit records dated in the period, by how; gifts of money summed.'),
    use: 'range',
    breakdowns: ['office', 'grid', 'recorder', 'reason', 'month'],
    measures: [
      m('records', '走访', 'Visits', '人次'),
      m('home', '登门', 'At home', '人次'),
      m('phone', '电话', 'By phone', '人次'),
      m('hospital', '医院探望', 'In hospital', '人次'),
      m('video', '视频', 'By video', '人次'),
      m('giftFen', '慰问金', 'Gifts of money', '元', { divisor: 100, drill: false }),
      m('gifts', '送慰问金或慰问品', 'With gifts', '人次'),
    ],
    derived: [],
    headline: 'records',
    facts: 'person',
    columns: [
      ...PERSON_LIST,
      col('date', '走访日期', 'Date', 'date'),
      col('method', '方式', 'How', { codes: 'method' }),
      col('reason', '事由', 'Reason', { codes: 'reason' }),
      col('visitors', '走访人', 'Visitors'),
      col('gift', '慰问金（元）', 'Gift (yuan)', 'fen'),
      col('giftItems', '慰问品', 'Gift items'),
    ],
  },
  campaignIndicator('spring_festival', '春节', 'Spring Festival'),
  campaignIndicator('chongyang', '重阳', 'Double Ninth'),
  campaignIndicator('party_day', '七一', 'July 1st'),
  campaignIndicator('birthday', '整寿', 'Milestone birthday'),
  ...(['hospitalisation', 'condolence'] as const).map(
    (reason): IndicatorDef => ({
      key: reason === 'hospitalisation' ? 'visits.hospital' : 'visits.condolence',
      version: 1,
      group: 'visits',
      label: reason === 'hospitalisation' ? L('住院探视及时率', 'Hospital visits in time') : L('吊唁慰问及时率', 'Condolence visits in time'),
      description:
        reason === 'hospitalisation'
          ? L('入院日期在期内的住院探视：在规定天数内探视的占已到期的比例；期限未到的不计入。', 'Hospital visits for admissions in the period: the share made within the days the rules give, of those whose time is up.')
          : L('去世日期在期内的吊唁慰问：在规定天数内慰问的占已到期的比例；期限未到的不计入。', 'Condolence visits for deaths in the period: the share made within the days the rules give, of those whose time is up.'),
      use: 'range',
      breakdowns: ['office', 'grid', 'contact'],
      measures: [
        m('due', '应探视', 'Due', '人次'),
        m('onTime', '按时', 'In time', '人次'),
        m('late', '逾期完成', 'Late', '人次'),
        m('notDone', '未完成', 'Not done', '人次'),
        m('notYetDue', '期限未到', 'Time not yet up', '人次'),
        m('counted', '已到期', 'Time up', '人次', { hidden: true }),
      ],
      derived: [ratio('timeliness', '及时率', 'In time', 'onTime', 'counted')],
      headline: 'timeliness',
      facts: 'person',
      columns: [...PERSON_LIST, col('event', reason === 'hospitalisation' ? '入院日期' : '去世日期', 'Event', 'date'), col('due', '期限', 'Due by', 'date'), col('done', '完成日期', 'Done on', 'date')],
    }),
  ),
  {
    key: 'requests.summary',
    version: 1,
    group: 'requests',
    label: L('服务需求办理', 'Service requests'),
    description: L(
      '期内提出、办结（解决或婉拒）的需求；期末仍未办结的，以及其中提出已超过规定天数（设置中可改，默认 15 天）的；办结天数取中位数。',
      'Requests raised and closed (resolved or declined) in the period; those still open at its end, and of them those older than the days set (15 by default); the median days to resolve.',
    ),
    use: 'range',
    breakdowns: ['office', 'category', 'grid'],
    measures: [
      m('opened', '提出', 'Raised', '人次'),
      m('resolved', '已解决', 'Resolved', '人次'),
      m('declined', '婉拒', 'Declined', '人次'),
      m('openAtEnd', '期末未办结', 'Open at the end', '人次'),
      m('openPastDue', '超期未办结', 'Open past due', '人次'),
      m('daysToResolve', '办结天数（中位数）', 'Days to resolve (median)', '天', { agg: 'median', drill: false }),
    ],
    derived: [],
    headline: 'openPastDue',
    facts: 'person',
    columns: [
      ...PERSON_LIST,
      col('category', '类别', 'Category', { codes: 'category' }),
      col('description', '需求', 'Request'),
      col('raised', '提出日期', 'Raised', 'date'),
      col('closed', '办结日期', 'Closed', 'date'),
      col('status', '状态', 'Status', { codes: 'requestStatus' }),
    ],
  },
  {
    key: 'party.members',
    version: 1,
    group: 'party',
    label: L('党员', 'Party members'),
    description: L('统计日在社区党组织中的在册党员（组织关系在社区或仍在原单位）。', 'Members in the community\'s party organisation on the day (relation held here or still at the original unit).'),
    use: 'asOf',
    breakdowns: ['office', 'branch', 'grid', 'rtype', 'sex', 'ageBand'],
    measures: [m('members', '党员', 'Members', '人'), m('atCommunity', '组织关系在社区', 'Relation here', '人'), m('atUnit', '组织关系在原单位', 'Relation at the unit', '人')],
    derived: [],
    headline: 'members',
    facts: 'person',
    columns: [...PERSON_LIST, col('branch', '党支部', 'Branch'), col('joined', '入党日期', 'Joined the party', 'date')],
  },
  {
    key: 'party.branches',
    version: 1,
    group: 'party',
    label: L('党组织', 'Party organisations'),
    description: L('统计日已成立的社区离退休干部党组织，按类型。', 'The community\'s party organisations of retired officials on the day, by kind.'),
    use: 'asOf',
    breakdowns: ['office'],
    measures: [
      m('total', '合计', 'Total', '个'),
      m('branch', '党支部', 'Branches', '个'),
      m('temporary', '临时党支部', 'Temporary branches', '个'),
      m('station', '老党员活动站', 'Stations', '个'),
      m('group', '活动小组', 'Groups', '个'),
    ],
    derived: [],
    headline: 'total',
    facts: 'record',
    columns: [col('name', '名称', 'Name'), col('kind', '类型', 'Kind', { codes: 'branchKind' }), col('founded', '成立日期', 'Founded', 'date'), col('members', '现有党员', 'Members')],
  },
  {
    key: 'party.meetings',
    version: 1,
    group: 'party',
    label: L('组织生活', 'Branch life'),
    description: L('期内开展的组织生活、主题党日和学习；出席率 = 出席人次 ÷ 应出席人次。', 'Meetings, theme days and study in the period; attendance = present ÷ expected.'),
    use: 'range',
    breakdowns: ['office', 'branch', 'meetingKind'],
    measures: [
      m('meetings', '开展次数', 'Meetings', '次'),
      m('expected', '应出席', 'Expected', '人次', { drill: false }),
      m('present', '出席', 'Present', '人次', { drill: false }),
    ],
    derived: [ratio('attendanceRate', '出席率', 'Attendance', 'present', 'expected')],
    headline: 'meetings',
    facts: 'record',
    columns: [col('date', '日期', 'Date', 'date'), col('branch', '党支部', 'Branch'), col('kind', '类型', 'Kind', { codes: 'meetingKind' }), col('topic', '主题', 'Topic'), col('attendance', '出席/应出席', 'Present / expected')],
  },
  {
    key: 'party.dues',
    version: 1,
    group: 'party',
    label: L('党费欠缴', 'Dues in arrears'),
    description: L(
      '截至统计日已结束的月份（当年 1 月起）未交党费的在册党员、欠缴月数，金额按各人最近一次交纳额估算；从未交过、无法估算金额的单独列出。',
      'Members behind with this year\'s dues for the months ended by the day, months behind, and the amount at each one\'s last payment; those who never paid (no amount to go by) are shown apart.',
    ),
    use: 'asOf',
    breakdowns: ['office', 'branch', 'grid'],
    measures: [
      m('persons', '欠缴人数', 'Members behind', '人'),
      m('months', '欠缴月数', 'Months behind', '月', { drill: false }),
      m('amountFen', '欠缴金额（估）', 'Amount (estimated)', '元', { divisor: 100, drill: false }),
      m('unknownAmount', '无法估算金额', 'Amount unknown', '人', { incomplete: true }),
    ],
    derived: [],
    headline: 'persons',
    facts: 'person',
    columns: [...PERSON_LIST, col('branch', '党支部', 'Branch'), col('months', '欠缴月份', 'Months'), col('lastPaid', '最近交纳月份', 'Last paid')],
  },
  {
    key: 'activities.sessions',
    version: 1,
    group: 'life',
    label: L('学习活动', 'Activities'),
    description: L('期内已举办的学习和活动场次、参加人次（按出勤记录）；有报名但未记录出勤的场次单独列出。', 'Activities held in the period and attendances (by the attendance recorded); those with sign-ups but no attendance recorded are shown apart.'),
    use: 'range',
    breakdowns: ['office', 'activityKind'],
    measures: [m('sessions', '场次', 'Sessions', '次'), m('attended', '参加', 'Attendances', '人次', { drill: false }), m('unrecorded', '未记录出勤', 'Attendance not recorded', '次', { incomplete: true })],
    derived: [],
    headline: 'attended',
    facts: 'record',
    columns: [col('date', '日期', 'Date', 'date'), col('title', '名称', 'Title'), col('kind', '类型', 'Kind', { codes: 'activityKind' }), col('place', '地点', 'Place'), col('attended', '参加人数', 'Attended')],
  },
  {
    key: 'volunteers.hours',
    version: 1,
    group: 'life',
    label: L('志愿服务', 'Volunteering'),
    description: L('期内有服务记录的志愿者人数、服务次数和时长。', 'Volunteers with services in the period, services and hours.'),
    use: 'range',
    breakdowns: ['office', 'volunteerKind'],
    measures: [
      m('volunteers', '志愿者', 'Volunteers', '人'),
      m('retirees', '其中离退休干部', 'Of them retired officials', '人'),
      m('services', '服务次数', 'Services', '次', { drill: false }),
      m('minutes', '服务时长', 'Hours', '小时', { divisor: 60, drill: false }),
    ],
    derived: [],
    headline: 'minutes',
    facts: 'record',
    columns: [col('name', '姓名', 'Name'), col('kind', '类别', 'Kind', { codes: 'volunteerKind' }), col('services', '服务次数', 'Services'), col('minutes', '时长（小时）', 'Hours', 'minutes')],
  },
  {
    key: 'pairs.contact',
    version: 1,
    group: 'life',
    label: L('结对帮扶联系', 'Assistance pairs'),
    description: L('期内进行中的结对，以及期内至少联系过一次的结对。', 'Pairs running in the period, and those with at least one contact in it.'),
    use: 'range',
    breakdowns: ['office', 'grid', 'helperKind'],
    measures: [m('active', '进行中的结对', 'Pairs running', '个'), m('contacted', '期内有联系', 'Contacted', '个'), m('notContacted', '期内未联系', 'Not contacted', '个')],
    derived: [ratio('contactRate', '联系率', 'Contacted', 'contacted', 'active')],
    headline: 'contactRate',
    facts: 'person',
    columns: [...PERSON_LIST, col('helper', '帮扶人', 'Helper'), col('from', '开始日期', 'From', 'date'), col('lastContact', '最近联系', 'Last contact', 'date')],
  },
];

export const INDICATOR_KEYS = INDICATORS.map((i) => i.key);

const BY_KEY = new Map(INDICATORS.map((i) => [i.key, i]));

export function indicator(key: string): IndicatorDef | undefined {
  return BY_KEY.get(key);
}

export function campaignKey(c: Campaign): string {
  return `visits.campaign.${c}`;
}

export const CAMPAIGN_KEYS = CAMPAIGNS.map(campaignKey);

export function measureDef(def: IndicatorDef, key: string): MeasureDef | undefined {
  return def.measures.find((x) => x.key === key);
}

/** The label of a figure (measure or derived) of an indicator. */
export function figureLabel(def: IndicatorDef, key: string, language: Language = 'zh-CN'): string {
  const f = def.measures.find((x) => x.key === key) ?? def.derived.find((x) => x.key === key);
  return f ? f.label[language] : key;
}

export function figureUnit(def: IndicatorDef, key: string): Unit {
  return (def.measures.find((x) => x.key === key) ?? def.derived.find((x) => x.key === key))?.unit ?? '人';
}

/** The label of a value of a breakdown: a coded value's own, a record's name, or what a missing value is called. */
export function dimValueLabel(dim: Dim, key: string | null, name: string | null, language: Language = 'zh-CN'): string {
  if (key === null || key === '') return DIM_NONE[dim][language];
  const coded = DIM_VALUES[dim]?.[key];
  if (coded) return coded[language];
  if (dim === 'month' && /^\d{4}-\d{2}$/.test(key)) return language === 'zh-CN' ? `${Number(key.slice(5))}月` : key;
  return name ?? key;
}

/** Decimals a figure is written with: a derived figure's own; 元 two, 小时 one, counts none. */
export function figureDecimals(def: IndicatorDef, key: string): number {
  const derived = def.derived.find((x) => x.key === key);
  if (derived) return derived.decimals;
  const unit = def.measures.find((x) => x.key === key)?.unit;
  return unit === '元' ? 2 : unit === '小时' ? 1 : 0;
}

/** A number as a figure is written (grouped digits, fixed decimals, % after a rate); — for none. */
export function formatNumber(value: number | null, unit: Unit, decimals: number): string {
  if (value === null) return '—';
  const text = value.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return unit === '%' ? `${text}%` : text;
}

export function formatFigure(def: IndicatorDef, key: string, value: number | null): string {
  return formatNumber(value, figureUnit(def, key), figureDecimals(def, key));
}
