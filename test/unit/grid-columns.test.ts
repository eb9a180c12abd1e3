/**
 * Column widths by what a column holds: never narrower than its header (with the buttons that show
 * beside it on hover) or its kind, written widths grow with the large font, addresses take the room left.
 */
import { describe, expect, it } from 'vitest';
import { fitColumns, textWidth, type KindColumn } from '../../renderer/components/gridColumns';

type Row = { id: string };
const FONT = 'sans-serif';

describe('fitColumns', () => {
  const columns: KindColumn<Row>[] = [
    { field: 'gender', kind: 'short', headerName: '性别', width: 40, sortable: false },
    { field: 'idNumber', kind: 'idNumber', headerName: '身份证号', width: 100, sortable: false },
    { field: 'address', kind: 'address', headerName: '住址', sortable: false },
    { field: 'politicalStatus', headerName: '政治面貌', width: 30 },
  ];

  it('gives each column room for its header and its kind, whatever width was written', () => {
    const [gender, idNumber, address, political] = fitColumns(columns, { fontPx: 15, fontFamily: FONT });
    // 性别 in a 40-px column read 性…: now the header and two padding sides fit.
    expect(gender?.width).toBeGreaterThanOrEqual(textWidth('性别', 15, FONT) + 20);
    // 18 digits at 15 px.
    expect(idNumber?.minWidth).toBeGreaterThanOrEqual(Math.ceil(18 * 0.55 * 15) + 20);
    expect(idNumber?.width).toBe(idNumber?.minWidth);
    // A sortable column's header leaves room for the sort arrow; one with a menu, for the menu button too.
    const plain = textWidth('政治面貌', 15, FONT) + 20;
    expect(political?.width).toBeGreaterThan(plain + 30);
    const [, , , withMenu] = fitColumns(columns, { fontPx: 15, fontFamily: FONT, columnMenu: true });
    expect(withMenu?.width).toBeGreaterThan((political?.width ?? 0) + 30);
    // The address takes the room left, never less than its kind.
    expect(address).toMatchObject({ flex: 1 });
    expect(address?.width).toBeUndefined();
    expect(address?.minWidth).toBeGreaterThanOrEqual(9 * 15);
    // The kind is the helper's own: the grid never sees it.
    expect(address).not.toHaveProperty('kind');
  });

  it('widens every column with the large font', () => {
    const normal = fitColumns(columns, { fontPx: 15, fontFamily: FONT });
    const large = fitColumns(columns, { fontPx: 19, fontFamily: FONT });
    for (let i = 0; i < columns.length; i++) {
      expect(large[i]?.minWidth ?? 0).toBeGreaterThan(normal[i]?.minWidth ?? 0);
    }
    const wide: KindColumn<Row>[] = [{ field: 'unit', kind: 'text', headerName: '原单位', width: 300 }];
    expect(fitColumns(wide, { fontPx: 19, fontFamily: FONT })[0]?.width).toBe(380);
  });
});
