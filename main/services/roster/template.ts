/**
 * The empty roster template: the roster sheet with the headers the import matches and one example
 * row, and a second sheet explaining each column in Chinese.
 */
import { xlsxBuffer, loadExcel } from '../spreadsheet';
import { checkCharacter } from '../../../shared/idcard';
import { ROSTER_COLUMNS } from './headers';
import { addRosterSheet, cellValueOf, type RosterPerson } from './export';
import {
  GENDER_LABELS,
  labelList,
  LIVING_SITUATION_LABELS,
  POLITICAL_STATUS_LABELS,
  RETIREMENT_TYPE_LABELS,
  UNIT_KIND_LABELS,
  UNIT_LEVEL_LABELS,
} from './values';

export const TEMPLATE_FILE_NAME = '离退休干部名册-导入模板.xlsx';
export const HELP_SHEET_NAME = '填写说明';

const EXAMPLE_ID_FIRST17 = '14070219450315001';

/** The example row: a valid person, so the template imports without errors as it is. */
export const TEMPLATE_EXAMPLE: RosterPerson = {
  name: '张建国',
  gender: 'male',
  ethnicity: '汉族',
  idNumber: EXAMPLE_ID_FIRST17 + checkCharacter(EXAMPLE_ID_FIRST17),
  birthDate: '1945-03-15',
  phones: ['13800138000', '0354-1234567'],
  retirementType: 'tuixiu',
  retirementDate: '2005-04-01',
  originalUnit: '县水利局',
  unitLevel: 'county',
  unitKind: 'government',
  formerPosition: '副局长',
  rank: '副处级',
  politicalStatus: 'cpc',
  community: '幸福里社区',
  grid: '第一网格',
  address: '幸福里小区3号楼2单元501',
  livingSituation: 'empty_nest',
  householdRegistration: '山西省晋中市榆次区',
  notes: '示例行，填写前请删除',
};

const CHOICES: Partial<Record<string, string[]>> = {
  gender: labelList(GENDER_LABELS),
  unitLevel: labelList(UNIT_LEVEL_LABELS),
  unitKind: labelList(UNIT_KIND_LABELS),
  politicalStatus: labelList(POLITICAL_STATUS_LABELS),
  retirementType: labelList(RETIREMENT_TYPE_LABELS),
  livingSituation: labelList(LIVING_SITUATION_LABELS),
};

const GENERAL_HELP = [
  '1. 在“离退休干部名册”表中，一行填写一位离退休干部；第一行是列名，请不要修改。',
  '2. 第二行是示例，填写自己的名单前请删除示例行。',
  '3. 身份证号一列已设为“文本”格式；从别的表格复制身份证号时，请用“选择性粘贴 → 数值”，不要让它变成数字。',
  '4. 身份证号已在系统中的人，导入时会更新其信息（表中空着的格子不会清除原有内容）；其他人作为新人员登记。',
  '5. 导入前程序会逐行检查，并指出有问题的行号和列名；改正后重新导入即可。',
  '6. 也可以使用本单位原有的名册：列名与下表中的列名或常见写法（如“身份证号码”“家庭住址”）相同即可自动识别。',
];

export async function templateBuffer(): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'CadreCare';
  const sheet = addRosterSheet(workbook, [TEMPLATE_EXAMPLE]);
  sheet.getRow(2).font = { italic: true, color: { argb: 'FF808080' } };

  const help = workbook.addWorksheet(HELP_SHEET_NAME);
  help.columns = [
    { key: 'header', width: 14 },
    { key: 'required', width: 8 },
    { key: 'help', width: 70 },
    { key: 'choices', width: 40 },
    { key: 'example', width: 26 },
  ];
  const title = help.addRow(['离退休干部名册填写说明']);
  title.font = { bold: true, size: 14 };
  help.mergeCells(1, 1, 1, 5);
  for (const line of GENERAL_HELP) {
    const row = help.addRow([line]);
    help.mergeCells(row.number, 1, row.number, 5);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  const head = help.addRow(['列名', '必填', '填写说明', '可选的值', '示例']);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  });
  for (const c of ROSTER_COLUMNS) {
    const example = cellValueOf(TEMPLATE_EXAMPLE, c.field);
    const row = help.addRow([
      c.header,
      c.required ? '是' : '',
      c.aliases.length > 0 ? `${c.help}（也可写作：${c.aliases.slice(0, 4).join('、')}）` : c.help,
      CHOICES[c.field]?.join('、') ?? '',
      example instanceof Date ? example.toISOString().slice(0, 10) : (example ?? ''),
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  return xlsxBuffer(workbook);
}

/** The template as a file for the renderer to save. */
export async function templateFile(): Promise<{ fileName: string; base64: string }> {
  return { fileName: TEMPLATE_FILE_NAME, base64: (await templateBuffer()).toString('base64') };
}
