/**
 * 走访慰问情况汇总表 (one campaign: 春节, 重阳, 七一 or 整寿 of a year), as sent to the bureau after
 * each campaign: persons due and visited per category (离休/退休, sex, age, living situation, self-
 * care), coverage, how they were visited, 慰问金 and gifts; then the same per grid and per responsible
 * contact with the office's goal. All from the catalogue's campaign indicator.
 */
import { campaignKey, indicator, type Dim, type IndicatorDef } from '../../../../shared/reports/catalogue';
import { campaignLabel, type Campaign, type ResolvedPeriod } from '../../../../shared/reports/period';
import type { FormCheck, FormTable, RagStatus } from '../../../../shared/schemas/reports';
import { computeFor, crossTab, figuresOf, periodOf, sumWhere, type CrossRow } from '../engine';
import type { ReportContext } from '../scope';
import { check, group, groupCheck, header, nonNegativeCheck, single, type Cell, type Row } from './table';

export const CAMPAIGN_VERSION = 1;
export const CAMPAIGN_TITLE = '走访慰问情况汇总表';

const DIMS: Dim[] = ['rtype', 'sex', 'ageBand', 'living', 'adl'];
const COLUMN_NAMES = ['应走访', '已走访', '覆盖率', '登门', '电话', '医院', '视频', '慰问金', '送慰问金或慰问品'];

function cellsOf(d: IndicatorDef, rows: readonly CrossRow[], match: (string | null | undefined)[]): Cell[] {
  const f = figuresOf(d, sumWhere(d, rows, match));
  return [f['due'] ?? 0, f['visited'] ?? 0, f['coverage'] ?? null, f['home'] ?? 0, f['phone'] ?? 0, f['hospital'] ?? 0, f['video'] ?? 0, f['giftFen'] ?? 0, f['giftPersons'] ?? 0];
}

const at = (dim: Dim, value: string | null): (string | null | undefined)[] => DIMS.map((d) => (d === dim ? value : undefined));

const RAG_TEXT: Record<RagStatus, string> = { green: '达标', amber: '接近目标', red: '未达标' };

export function campaignForm(rc: ReportContext, text: string): { tables: FormTable[]; notes: string[]; checks: FormCheck[]; period: ResolvedPeriod; campaign: Campaign } {
  const c = (text.split(':')[0] ?? '') as Campaign;
  const d = indicator(campaignKey(c)) as IndicatorDef;
  const period = periodOf(rc, d, text);
  const rows = crossTab(rc, d, period, DIMS);
  const total = single('合计', cellsOf(d, rows, DIMS.map(() => undefined)), true);
  const part = (dim: Dim, items: [string | null, string][]) => items.map(([code, label]) => ({ label, cells: cellsOf(d, rows, at(dim, code)) }));
  const rtype = group('类别', part('rtype', [['lixiu', '离休干部'], ['tuixiu', '退休干部']]));
  const sex = group('性别', part('sex', [['male', '男'], ['female', '女']]));
  const age = group(
    '年龄',
    part('ageBand', [
      ['under60', '60岁以下'],
      ['60to69', '60–69岁'],
      ['70to79', '70–79岁'],
      ['80to89', '80–89岁'],
      ['90to99', '90–99岁'],
      ['100plus', '100岁及以上'],
      [null, '出生日期未登记'],
    ]),
  );
  const living = group(
    '居住情况',
    part('living', [
      ['alone', '独居'],
      ['empty_nest', '空巢'],
      ['with_children', '与子女同住'],
      ['institution', '养老机构'],
      ['other', '其他或未登记'],
    ]),
  );
  const adl = group(
    '自理能力',
    part('adl', [
      ['intact', '能力完好'],
      ['mild', '轻度受损'],
      ['moderate', '中度受损'],
      ['severe', '重度受损'],
      [null, '未评估'],
    ]),
  );
  const first: FormTable = {
    id: 'categories',
    title: '一、走访慰问情况',
    header: [
      header([['类别', 2, 2], ['应走访（人）', 1, 2], ['已走访（人）', 1, 2], ['覆盖率（%）', 1, 2], ['走访方式（人）', 4], ['慰问金（元）', 1, 2], ['送慰问金或慰问品（人）', 1, 2]]),
      header([['登门'], ['电话'], ['医院'], ['视频']]),
    ],
    columnUnits: ['count', 'count', 'percent', 'count', 'count', 'count', 'count', 'yuan', 'count'],
    labelColumns: 2,
    rows: [total, ...rtype, ...sex, ...age, ...living, ...adl],
  };

  const byDim = (dim: 'grid' | 'contact', title: string, id: string, label: string): FormTable => {
    const r = computeFor(rc, d, period, dim);
    const lines = r.rows.map((row) =>
      single(row.name ?? (row.key === null ? (dim === 'grid' ? '未分网格' : '无责任联系人') : row.key), [
        row.figures['due'] ?? 0,
        row.figures['visited'] ?? 0,
        row.figures['coverage'] ?? null,
        row.figures['giftFen'] ?? 0,
        row.status ? RAG_TEXT[row.status] : '—',
      ]),
    );
    return {
      id,
      title,
      header: [header([[label], ['应走访（人）'], ['已走访（人）'], ['覆盖率（%）'], ['慰问金（元）'], [`对照目标（${r.goal?.target ?? 100}%）`]])],
      columnUnits: ['count', 'count', 'percent', 'yuan', 'text'],
      labelColumns: 1,
      rows: [
        ...lines,
        single('合计', [r.figures['due'] ?? 0, r.figures['visited'] ?? 0, r.figures['coverage'] ?? null, r.figures['giftFen'] ?? 0, r.goal?.status ? RAG_TEXT[r.goal.status] : '—'], true),
      ],
    };
  };
  const grids = byDim('grid', '二、分网格情况', 'grids', '网格');
  const contacts = byDim('contact', '三、分责任联系人情况', 'contacts', '责任联系人');

  const visitedOverDue: string[] = [];
  const over100: string[] = [];
  const methods: string[] = [];
  for (const t of [first, grids, contacts]) {
    for (const row of t.rows) {
      const [due, visited, coverage] = row.cells as [number, number, number | null];
      const name = row.labels.map((l) => l.text).filter((x) => x !== '').join('·');
      if (visited > due) visitedOverDue.push(`“${name}” 已走访 ${visited}，应走访 ${due}`);
      if (coverage !== null && coverage > 100) over100.push(`“${name}” ${coverage}%`);
      if (t === first) {
        const m = (row.cells.slice(3, 7) as number[]).reduce((a, b) => a + b, 0);
        if (m !== visited) methods.push(`“${name}” 各方式之和 ${m}，已走访 ${visited}`);
      }
    }
  }
  const subtotal = (t: FormTable): Row => t.rows[t.rows.length - 1] as Row;
  const numericColumns = (r: Row): Row => ({ ...r, cells: r.cells.map((c, i) => ([0, 1, 3, 4, 5, 6, 7, 8].includes(i) ? c : null)) });
  const firstTotal = numericColumns(total);
  const checks: FormCheck[] = [
    check('visitedWithinDue', '已走访不超过应走访', visitedOverDue),
    check('coverageMax', '覆盖率不超过 100%', over100),
    groupCheck('rtypeSum', '离休 + 退休 = 合计', rtype.map(numericColumns), firstTotal, COLUMN_NAMES),
    groupCheck('sexSum', '男 + 女 = 合计', sex.map(numericColumns), firstTotal, COLUMN_NAMES),
    groupCheck('ageSum', '各年龄段之和 = 合计', age.map(numericColumns), firstTotal, COLUMN_NAMES),
    check('methodSum', '各走访方式之和 = 已走访', methods),
    groupCheck('gridSum', '各网格之和 = 合计', grids.rows.slice(0, -1).map((r) => ({ ...r, cells: r.cells.slice(0, 2) })), { ...subtotal(grids), cells: subtotal(grids).cells.slice(0, 2) }, ['应走访', '已走访']),
    groupCheck(
      'contactSum',
      '各责任联系人之和 = 合计',
      contacts.rows.slice(0, -1).map((r) => ({ ...r, cells: r.cells.slice(0, 2) })),
      { ...subtotal(contacts), cells: subtotal(contacts).cells.slice(0, 2) },
      ['应走访', '已走访'],
    ),
    nonNegativeCheck([first, grids, contacts]),
  ];
  const f = figuresOf(d, sumWhere(d, rows, DIMS.map(() => undefined)));
  const r = computeFor(rc, d, period);
  const notes = [
    `应走访指按走访规则${period.campaign?.year ?? ''}年${campaignLabel(c)}应走访、计划未取消的人员；已走访指已记录走访的人员。覆盖率目标 ${r.goal?.target ?? 100}%（本单位设置）。`,
    ...((f['open'] ?? 0) > 0 ? [`尚在走访期内、还可走访 ${f['open']} 人，上表按统计时点计。`] : []),
    ...((f['cancelled'] ?? 0) > 0 ? [`经工作人员取消走访 ${f['cancelled']} 人，未计入应走访。`] : []),
  ];
  return { tables: [first, grids, contacts], notes, checks, period, campaign: c };
}
