/**
 * The table scaffold of the A4 list layouts (走访清单, 值班记录, 情况反馈表): fixed column widths in
 * millimetres, and a table head of two rows — the masthead (office, title, what the sheet covers)
 * and the column heads — which the browser repeats at the top of every printed page.
 */
import type { ReactNode } from 'react';

/** Column key and width in mm; a layout's widths add up to the 190 mm between A4's 10 mm margins. */
export type SheetColumns<K extends string = string> = readonly (readonly [K, number])[];

export function SheetTableHead<K extends string>({ columns, masthead, heading }: { columns: SheetColumns<K>; masthead: ReactNode; heading: (key: K) => string }) {
  return (
    <>
      <colgroup>
        {columns.map(([key, width]) => (
          <col key={key} style={{ width: `${width}mm` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th className="masthead" colSpan={columns.length}>
            {masthead}
          </th>
        </tr>
        <tr>
          {columns.map(([key]) => (
            <th key={key} className="cols">
              {heading(key)}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}

