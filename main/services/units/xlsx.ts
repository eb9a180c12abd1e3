/**
 * The feedback to a unit as an .xlsx workbook: a title, the unit and the range, one row per person
 * with Chinese headers and values, sensible widths, the header frozen; totals below.
 */
import { xlsxBuffer, loadExcel } from '../spreadsheet';
import type { FeedbackRow, UnitFeedback } from '../../../shared/schemas/units';
import type { RequestCategory } from '../../../shared/schemas/requests';
import { UNIT_LEVEL_LABELS } from '../roster/values';

const STATUS = { active: '在册', moved_out: '迁出', deceased: '去世' } as const;
const GENDER = { male: '男', female: '女' } as const;
const NEED = { home_care: '居家养老', medical: '医疗保健', recreation: '文体活动', hardship: '困难帮扶', emotional: '精神慰藉', other: '其他' } as const satisfies Record<
  RequestCategory,
  string
>;
const RELATION = { original_unit: '在原单位', community: '已转入社区' } as const;

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The cells of one person in the workbook: plain Chinese text, several items of a kind one per line. */
export function feedbackCells(r: FeedbackRow): Record<string, string | number> {
  const statusText = [STATUS[r.status], ...r.statusChanges.map((c) => `${md(c.date)}${STATUS[c.status]}${c.destination ? `（${c.destination}）` : ''}`)];
  const adl =
    r.adlTotal === null
      ? '未评估'
      : `${r.adlTotal}分（${r.adlDate ?? ''}）${r.adlChange === null ? '' : r.adlChange === 0 ? '，无变化' : r.adlChange > 0 ? `，升${r.adlChange}分` : `，降${-r.adlChange}分`}`;
  return {
    name: r.name,
    gender: GENDER[r.gender],
    age: r.age,
    status: statusText.join('；'),
    adl,
    checkups: r.checkups.map((c) => `${c.date} ${c.institution}${c.summary ? `：${c.summary}` : ''}`).join('\n') || '无',
    hospitalisations:
      r.hospitalisations.map((h) => `${h.date}${h.endDate ? `至${h.endDate}` : '起'} ${h.institution}${h.summary ? `：${h.summary}` : ''}`).join('\n') || '无',
    visits: r.visits,
    lastVisit: r.lastVisitDate ?? '无',
    needs: r.needsRaised.map((n) => `${NEED[n.category]}：${n.description}`).join('\n') || '无',
    needsResolved: r.needsResolved,
    party: r.party
      ? `${r.party.branchName}；组织关系${RELATION[r.party.relationHeld]}${
          r.party.relationHeld === 'original_unit' && r.party.unitPartyContact ? `（原单位联系人：${r.party.unitPartyContact}）` : ''
        }；参加组织生活${r.party.meetingsAttended}/${r.party.meetingsHeld}次；党费已交${r.party.duesMonthsPaid}个月${
          r.party.duesMonthsBehind > 0 ? `，欠${r.party.duesMonthsBehind}个月` : ''
        }`
      : '—',
  };
}

const COLUMNS: { key: string; header: string; width: number }[] = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'age', header: '年龄', width: 6 },
  { key: 'status', header: '在册状态及变化', width: 18 },
  { key: 'adl', header: '自理能力（Barthel）', width: 20 },
  { key: 'checkups', header: '体检', width: 28 },
  { key: 'hospitalisations', header: '住院', width: 30 },
  { key: 'visits', header: '走访次数', width: 9 },
  { key: 'lastVisit', header: '最近走访', width: 12 },
  { key: 'needs', header: '提出的需求', width: 30 },
  { key: 'needsResolved', header: '已解决需求', width: 10 },
  { key: 'party', header: '党组织生活', width: 36 },
];

export function feedbackFileName(f: UnitFeedback): string {
  const safe = f.unit.name.replace(/[\\/:*?"<>|]/g, '');
  return `情况反馈-${safe}-${f.from.replaceAll('-', '')}-${f.to.replaceAll('-', '')}.xlsx`;
}

export async function feedbackWorkbook(f: UnitFeedback): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'CadreCare';
  const sheet = workbook.addWorksheet('情况反馈', {
    views: [{ state: 'frozen', ySplit: 4, xSplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' },
  });
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const last = COLUMNS.length;
  sheet.mergeCells(1, 1, 1, last);
  const title = sheet.getCell(1, 1);
  title.value = '离退休干部在社区情况反馈表';
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 28;
  sheet.mergeCells(2, 1, 2, last);
  const unitLine = [
    `原工作单位：${f.unit.name}（${UNIT_LEVEL_LABELS[f.unit.level].label}）`,
    f.unit.retireeDepartment ? `离退休工作部门：${f.unit.retireeDepartment}` : '',
    f.unit.partyContact ? `党组织联系人：${f.unit.partyContact}${f.unit.partyPhone ? ` ${f.unit.partyPhone}` : ''}` : '',
  ].filter((s) => s !== '');
  sheet.getCell(2, 1).value = unitLine.join('    ');
  sheet.mergeCells(3, 1, 3, last);
  sheet.getCell(3, 1).value = `反馈期间：${f.from} 至 ${f.to}    反馈单位：${f.officeName}    制表日期：${f.generatedOn}`;
  const header = sheet.getRow(4);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8EA9C1' } } };
  });
  header.height = 22;
  for (const r of f.rows) {
    const row = sheet.addRow(feedbackCells(r));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.addRow({});
  const t = f.totals;
  const totals = sheet.addRow({
    name: `合计：${t.persons}人；走访${t.visits}次；住院${t.hospitalisations}人次；提出需求${t.needsRaised}项，解决${t.needsResolved}项；组织关系在原单位的党员${t.partyAtUnit}人`,
  });
  sheet.mergeCells(totals.number, 1, totals.number, last);
  totals.font = { bold: true };
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: last } };
  return xlsxBuffer(workbook);
}
