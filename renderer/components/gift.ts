/**
 * 慰问金 as a person types it (元, with up to two decimals) and as it is kept (fen, an integer, as
 * party dues are), for the visit form and the list result entry.
 */
import { asciiDigits } from '../../shared/digits';

/** Fen of a typed amount: 0 for nothing typed, NaN for text that is no amount. */
export function giftFenOf(text: string): number {
  const t = asciiDigits(text).trim().replace(/[,，]/g, '').replace(/元$/, '');
  if (t === '') return 0;
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return NaN;
  const [whole, part = ''] = t.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}

/** The amount of fen as a person reads it: '' for none, '300' or '300.50'. */
export function giftYuanText(fen: number): string {
  if (fen === 0) return '';
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}

