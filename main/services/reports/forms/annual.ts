/**
 * 离退休干部基本情况统计表 (annual, as of 31 December), laid out as the bureau's paper form: one
 * table of items by 离休/退休 and 男/女 (persons and their changes over the year, ages, the level
 * and kind of the original unit, living situation, self-care, party members), a second of ages and
 * the death rate; each figure is one of the catalogue's, counted for the year.
 *
 * 单位性质 is counted as recorded on the person; where it is not, an enterprise-level unit counts as
 * an enterprise and the rest as 未登记, a row of its own, so the kinds still add up to the total.
 */
import { indicator, type IndicatorDef } from '../../../../shared/reports/catalogue';
import type { ResolvedPeriod } from '../../../../shared/reports/period';
import type { FormCheck, FormTable } from '../../../../shared/schemas/reports';
import { crossTab, figuresOf, periodOf, sumWhere, type CrossRow } from '../engine';
import type { ReportContext } from '../scope';
import { check, group, groupCheck, header, nonNegativeCheck, single, sumCheck, type Row } from './table';

export const ANNUAL_VERSION = 1;
export const ANNUAL_TITLE = '离退休干部基本情况统计表';

const COLUMN_NAMES = ['合计', '离休小计', '离休男', '离休女', '退休小计', '退休男', '退休女'];

/** The seven columns: all, then 离休 (all, 男, 女), then 退休 (all, 男, 女). */
const COLUMNS: [string | undefined, string | undefined][] = [
  [undefined, undefined],
  ['lixiu', undefined],
  ['lixiu', 'male'],
  ['lixiu', 'female'],
  ['tuixiu', undefined],
  ['tuixiu', 'male'],
  ['tuixiu', 'female'],
];

function def(key: string): IndicatorDef {
  return indicator(key) as IndicatorDef;
}

/** The seven cells of a measure, the rows matching `rest` on the dims after rtype and sex. */
function cells(d: IndicatorDef, rows: readonly CrossRow[], measure: string, rest: (string | null | undefined)[] = []): number[] {
  return COLUMNS.map(([rtype, sex]) => Number(sumWhere(d, rows, [rtype, sex, ...rest])[measure] ?? 0));
}

export interface AnnualForm {
  tables: FormTable[];
  notes: string[];
  checks: FormCheck[];
}

export function annualForm(rc: ReportContext, year: string): AnnualForm & { period: ResolvedPeriod } {
  const headcount = def('persons.headcount');
  const period = periodOf(rc, def('persons.changes'), year);
  const asOfPeriod = periodOf(rc, headcount, year);
  const byLevel = crossTab(rc, headcount, asOfPeriod, ['rtype', 'sex', 'unitLevel', 'unitKind', 'living', 'adl']);
  const changes = crossTab(rc, def('persons.changes'), period, ['rtype', 'sex']);
  const ages = crossTab(rc, def('persons.age'), asOfPeriod, ['rtype', 'sex']);
  const members = crossTab(rc, def('party.members'), periodOf(rc, def('party.members'), year), ['rtype', 'sex']);
  const ch = def('persons.changes');
  const ag = def('persons.age');

  const end = cells(headcount, byLevel, 'total');
  const persons = group('人数', [
    { label: '年初在册', cells: cells(ch, changes, 'start') },
    { label: '本年新增', cells: cells(ch, changes, 'new') },
    { label: '本年迁出', cells: cells(ch, changes, 'movedOut') },
    { label: '本年去世', cells: cells(ch, changes, 'died') },
    { label: '年末在册', cells: end, total: true },
  ]);
  const ageBands = group('年龄（年末）', [
    { label: '60岁以下', cells: cells(ag, ages, 'under60') },
    { label: '60–69岁', cells: cells(ag, ages, 'a60to69') },
    { label: '70–79岁', cells: cells(ag, ages, 'a70to79') },
    { label: '80–89岁', cells: cells(ag, ages, 'a80to89') },
    { label: '90–99岁', cells: cells(ag, ages, 'a90to99') },
    { label: '100岁及以上', cells: cells(ag, ages, 'a100plus') },
    { label: '出生日期未登记', cells: cells(ag, ages, 'noBirthDate') },
  ]);
  const oldest = group('其中', [
    { label: '80岁以上', cells: cells(ag, ages, 'over80') },
    { label: '90岁以上（高龄）', cells: cells(ag, ages, 'over90') },
    { label: '100岁以上', cells: cells(ag, ages, 'over100') },
  ]);
  const levels: [string, string][] = [
    ['central', '中直'],
    ['provincial', '省直'],
    ['municipal', '市直'],
    ['county', '县直'],
    ['enterprise', '企业'],
    ['other', '其他或未登记'],
  ];
  const unitLevels = group(
    '原单位级别',
    levels.map(([code, label]) => ({ label, cells: cells(headcount, byLevel, 'total', [code]) })),
  );
  const kinds: [string | null, string][] = [
    ['government', '行政机关'],
    ['institution', '事业单位'],
    ['enterprise', '企业'],
    ['other', '其他'],
    [null, '未登记'],
  ];
  const unitKinds = group(
    '单位性质',
    kinds.map(([code, label]) => ({ label, cells: cells(headcount, byLevel, 'total', [undefined, code]) })),
  );
  const livingRows: [string, string][] = [
    ['alone', '独居'],
    ['empty_nest', '空巢'],
    ['with_children', '与子女同住'],
    ['institution', '养老机构'],
    ['other', '其他或未登记'],
  ];
  const living = group(
    '居住情况',
    livingRows.map(([code, label]) => ({ label, cells: cells(headcount, byLevel, 'total', [undefined, undefined, code]) })),
  );
  const adlRows: [string | null, string][] = [
    ['intact', '能力完好'],
    ['mild', '轻度受损'],
    ['moderate', '中度受损'],
    ['severe', '重度受损'],
    [null, '未评估'],
  ];
  const adl = group(
    '自理能力（ADL）',
    adlRows.map(([code, label]) => ({ label, cells: cells(headcount, byLevel, 'total', [undefined, undefined, undefined, code]) })),
  );
  const party = single('党员人数', cells(def('party.members'), members, 'members'));

  const main: FormTable = {
    id: 'basic',
    title: '一、基本情况',
    header: [header([['项目', 2, 2], ['合计', 1, 2], ['离休干部', 3], ['退休干部', 3]]), header([['小计'], ['男'], ['女'], ['小计'], ['男'], ['女']])],
    columnUnits: COLUMNS.map(() => 'count'),
    labelColumns: 2,
    rows: [...persons, ...ageBands, ...oldest, ...unitLevels, ...unitKinds, ...living, ...adl, party],
  };

  // Ages and the death rate by 离休/退休: figures of the same facts, derived after adding up.
  const rate = (rtype: string | undefined) => figuresOf(ch, sumWhere(ch, changes, [rtype, undefined]))['deathRate'] ?? null;
  const ageFig = (rtype: string | undefined) => figuresOf(ag, sumWhere(ag, ages, [rtype, undefined]));
  const groups: (string | undefined)[] = [undefined, 'lixiu', 'tuixiu'];
  const second: FormTable = {
    id: 'ages',
    title: '二、年龄及去世率',
    header: [header([['项目'], ['合计'], ['离休干部'], ['退休干部']])],
    columnUnits: ['years', 'years', 'years'],
    labelColumns: 1,
    rows: [
      single('平均年龄（岁）', groups.map((g) => ageFig(g)['averageAge'] ?? null)),
      { ...single('最小年龄（岁）', groups.map((g) => ageFig(g)['minAge'] ?? null)), unit: 'count' },
      { ...single('最大年龄（岁）', groups.map((g) => ageFig(g)['maxAge'] ?? null)), unit: 'count' },
      { ...single('去世率（%）', groups.map(rate)), unit: 'percent' },
    ],
  };

  const whole = persons[4] as Row;
  const balance: string[] = [];
  COLUMN_NAMES.forEach((name, i) => {
    const v = (r: Row) => Number(r.cells[i] ?? 0);
    const [start, arrived, moved, died, endRow] = persons as [Row, Row, Row, Row, Row];
    const expected = v(start) + v(arrived) - v(moved) - v(died);
    if (expected !== v(endRow)) balance.push(`${name}：年初 ${v(start)} + 新增 ${v(arrived)} − 迁出 ${v(moved)} − 去世 ${v(died)} = ${expected}，年末 ${v(endRow)}`);
  });
  const partyOver: string[] = [];
  COLUMN_NAMES.forEach((name, i) => {
    if (Number(party.cells[i] ?? 0) > Number(whole.cells[i] ?? 0)) partyOver.push(`${name}：党员 ${String(party.cells[i])}，在册 ${String(whole.cells[i])}`);
  });
  const countRows = main.rows.filter((r) => r.cells.every((c) => typeof c === 'number'));
  const checks: FormCheck[] = [
    sumCheck('rtypeSum', '离休 + 退休 = 合计', countRows, 0, [1, 4], ['合计', '离休', '退休']),
    sumCheck('sexSumLixiu', '离休：男 + 女 = 小计', countRows, 1, [2, 3], ['小计', '男', '女']),
    sumCheck('sexSumTuixiu', '退休：男 + 女 = 小计', countRows, 4, [5, 6], ['小计', '男', '女']),
    check('balance', '年初在册 + 新增 − 迁出 − 去世 = 年末在册', balance),
    groupCheck('ageBands', '各年龄段之和 = 年末在册', ageBands, whole, COLUMN_NAMES),
    groupCheck('unitLevels', '原单位级别各项之和 = 年末在册', unitLevels, whole, COLUMN_NAMES),
    groupCheck('unitKinds', '单位性质各项之和 = 年末在册', unitKinds, whole, COLUMN_NAMES),
    groupCheck('living', '居住情况各项之和 = 年末在册', living, whole, COLUMN_NAMES),
    groupCheck('adl', '自理能力各项之和 = 年末在册', adl, whole, COLUMN_NAMES),
    check('partyWithin', '党员人数不超过年末在册', partyOver),
    nonNegativeCheck([main, second]),
  ];

  const total = (rows: readonly CrossRow[], d: IndicatorDef, measure: string) => Number(sumWhere(d, rows, [undefined, undefined])[measure] ?? 0);
  const unassessed = Number(sumWhere(headcount, byLevel, [undefined, undefined, undefined, undefined, undefined, null])['total'] ?? 0);
  const noBirth = total(ages, ag, 'noBirthDate');
  const kindUnrecorded = total(byLevel, headcount, 'kindUnrecorded');
  const notes = [
    `年末在册指${asOfPeriod.asOf}在册、未迁出、未去世的离退休干部；本年新增指本年内登记且登记时在册的人员。`,
    ...(kindUnrecorded > 0 ? [`单位性质未登记 ${kindUnrecorded} 人：其中原单位级别为“企业”的计为企业，其余计入“未登记”。`] : []),
    ...(unassessed > 0 ? [`ADL 未评估 ${unassessed} 人（计入“未评估”，未计入其他各档）。`] : []),
    ...(noBirth > 0 ? [`出生日期未登记 ${noBirth} 人，未计入平均、最小、最大年龄。`] : []),
    ...(period.startsBeforeRecords ? [`本单位自 ${rc.recordsFrom} 起使用本系统，本年新增含启用时录入的人员。`] : []),
  ];
  return { tables: [main, second], notes, checks, period: asOfPeriod };
}
