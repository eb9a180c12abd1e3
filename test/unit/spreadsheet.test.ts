import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isFormulaLike, quoteCellText, unquoteCellText, xlsxBuffer } from '../../main/services/spreadsheet';

describe('formula-like text in spreadsheet cells', () => {
  it('quotes text a spreadsheet would run as a formula once the cell is edited', () => {
    for (const text of [
      '=1+1',
      '=HYPERLINK("http://evil.example","点我")',
      '+SUM(A1:A9)',
      '-1+cmd|\' /C calc\'!A0',
      '@SUM(1,1)',
      '\t=1+1',
      '\r=1+1',
      '-',
      '--',
      '+',
      '-（待补充）',
      '+86 转 分机',
    ]) {
      expect(isFormulaLike(text), text).toBe(true);
      expect(quoteCellText(text)).toBe(`'${text}`);
      expect(unquoteCellText(quoteCellText(text))).toBe(text);
    }
  });

  it('leaves ordinary text, phone numbers and plain numbers as they are', () => {
    for (const text of ['', '张三', '幸福里小区3号楼', '1=1', 'a@b.cn', '+86 138 0013 8000', '0354-1234567、+86 13800138000', '-5', '-1.5', '+(86) 351-1234567', '—', "'=already"]) {
      expect(isFormulaLike(text), text).toBe(false);
      expect(quoteCellText(text)).toBe(text);
    }
    // Reading back takes off only a quote that was put there.
    expect(unquoteCellText("'张三")).toBe("'张三");
    expect(unquoteCellText("'+86 138 0013 8000")).toBe("'+86 138 0013 8000");
  });

  it('every text cell of every sheet is quoted when the workbook is written; numbers, dates and formulas are not', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('一');
    sheet.addRow(['=1+1', -5, '-', '+86 138 0013 8000', new Date(Date.UTC(2026, 0, 1)), { formula: '1+1', result: 2 }]);
    sheet.mergeCells('A3:C3');
    sheet.getCell('A3').value = '@merged';
    sheet.getCell('A4').value = { richText: [{ text: '=rich' }, { text: ' text', font: { bold: true } }] };
    workbook.addWorksheet('二').addRow(['+SUM(A1)']);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await xlsxBuffer(workbook)) as unknown as ArrayBuffer);
    const one = back.getWorksheet('一');
    if (!one) throw new Error('no sheet');
    expect(one.getRow(1).values).toEqual([undefined, "'=1+1", -5, "'-", '+86 138 0013 8000', new Date(Date.UTC(2026, 0, 1)), { formula: '1+1', result: 2 }]);
    expect(one.getCell('A3').value).toBe("'@merged");
    expect(one.getCell('B3').value).toBe("'@merged");
    expect(one.getCell('A4').value).toEqual({ richText: [{ text: "'=rich" }, { text: ' text', font: { bold: true } }] });
    expect(back.getWorksheet('二')?.getCell('A1').value).toBe("'+SUM(A1)");
  });
});
