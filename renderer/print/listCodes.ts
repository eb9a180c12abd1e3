/**
 * QR codes of a printed visit list (payload: shared/listCodes.ts), drawn as SVG by bwip-js: vector
 * paths, so they print as sharp as the text at any resolution. bwip-js is loaded only by the print
 * pages that draw codes, not with the app.
 */
import { useQuery } from '@tanstack/react-query';
import { pageCodeText, rowCodeText } from '../../shared/listCodes';

export interface ListCodeSvgs {
  page: string;
  rows: ReadonlyMap<number, string>;
}

/** SVG markup of the page code and of each row's code. Level M: a smudge or a pen stroke on a code still reads. */
async function drawCodes(areaCode: string, listNo: string, rows: readonly number[]): Promise<ListCodeSvgs> {
  const { qrcode, drawingSVG } = await import('bwip-js/browser');
  const draw = (text: string) => {
    // eclevel is a BWIPP option the typings leave out; bwip-js passes every option on.
    const options = { bcid: 'qrcode', text, eclevel: 'M' };
    return qrcode(options, drawingSVG());
  };
  return { page: draw(pageCodeText(areaCode, listNo)), rows: new Map(rows.map((r) => [r, draw(rowCodeText(areaCode, listNo, r))])) };
}

/** The codes of a list, once drawn (undefined until then). */
export function useListCodes(list: { areaCode: string; listNo: string; rows: readonly { row: number }[] } | undefined): { codes: ListCodeSvgs | undefined; error: unknown } {
  const q = useQuery({
    queryKey: ['listCodes', list?.areaCode, list?.listNo, list?.rows.length],
    queryFn: () => drawCodes(list?.areaCode ?? '', list?.listNo ?? '', list?.rows.map((r) => r.row) ?? []),
    enabled: list !== undefined,
    staleTime: Infinity,
  });
  return { codes: q.data, error: q.error };
}
