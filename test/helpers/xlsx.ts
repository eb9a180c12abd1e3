/**
 * A long roster as an .xlsx, made directly (zip + XML) so a test can have tens of thousands of rows
 * in a moment. Its parts are in the order Excel writes them: the sheet before the shared strings.
 */
import zlib from 'node:zlib';
import { makeIdNumber } from './persons';

interface Part {
  name: string;
  data: Buffer;
}

/** A zip of the parts, deflated, in the order given. */
export function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const packed = zlib.deflateRawSync(part.data);
    const crc = zlib.crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(part.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i: number) => String.fromCharCode(65 + i);
const DIGITS = '零一二三四五六七八九';
/** A name of Chinese characters only (names may not hold digits), different for every i. */
const nameOf = (i: number) => `张${[...String(i)].map((d) => DIGITS[Number(d)]).join('')}`;

/**
 * A roster of `rows` valid persons under a header row: names and addresses as shared strings,
 * ID numbers as inline strings, birth dates as date cells (a number with a date style).
 */
export function longRosterXlsx(rows: number): Buffer {
  const shared: string[] = ['姓名', '性别', '公民身份号码', '出生日期', '离退休类别', '现住址', '男', '女', '退休'];
  const index = new Map(shared.map((s, i) => [s, i]));
  const sharedIndex = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = shared.length;
      shared.push(s);
      index.set(s, i);
    }
    return i;
  };
  const sheet: string[] = ['<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  const header = [0, 1, 2, 3, 4, 5].map((s, c) => `<c r="${column(c)}1" t="s"><v>${s}</v></c>`).join('');
  sheet.push(`<row r="1">${header}</row>`);
  const epoch = Date.UTC(1899, 11, 30);
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    const male = i % 2 === 0;
    const birth = `${1930 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    const id = makeIdNumber(birth, male ? 'male' : 'female', i % 400, String(110101 + Math.floor(i / 400)));
    const serial = (Date.parse(`${birth}T00:00:00Z`) - epoch) / 86_400_000;
    sheet.push(
      `<row r="${r}">` +
        `<c r="A${r}" t="s"><v>${sharedIndex(nameOf(i))}</v></c>` +
        `<c r="B${r}" t="s"><v>${male ? 6 : 7}</v></c>` +
        `<c r="C${r}" t="inlineStr"><is><t>${id}</t></is></c>` +
        `<c r="D${r}" s="1"><v>${serial}</v></c>` +
        `<c r="E${r}" t="s"><v>8</v></c>` +
        `<c r="F${r}" t="s"><v>${sharedIndex(`幸福里${i}号`)}</v></c>` +
        `</row>`,
    );
  }
  sheet.push('</sheetData></worksheet>');
  const strings = shared.map((s) => `<si><t>${escape(s)}</t></si>`).join('');
  return zip([
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
          '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
          '</Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet.join(''), 'utf8') },
    {
      name: 'xl/styles.xml',
      data: xml(
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
          '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
          '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
          '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
          '</styleSheet>',
      ),
    },
    { name: 'xl/sharedStrings.xml', data: xml(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${strings}</sst>`) },
  ]);
}
