/**
 * What a scanned code on a printed visit list points to (payload: shared/listCodes.ts): this
 * office's list, and the row on it. Everything else is refused with what it is: not one of our
 * codes, a code of a newer layout, another office's list (named when its key card is trusted here),
 * a cancelled list, a list of service cards, a row not on the list.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { AppError, fieldError } from '../../../shared/errors';
import { parseListCode } from '../../../shared/listCodes';
import type { User } from '../../../shared/schemas/user';
import { getOffice } from '../app/office';
import { getList } from './lists';

export interface ResolvedListCode {
  listNo: string;
  /** The row scanned; null for a page code. */
  row: number | null;
  /** Who is on that row, to say so on screen. */
  name: string | null;
}

export function resolveListCode(db: Db, user: User | null, text: string): ResolvedListCode {
  const parsed = parseListCode(text);
  if (!parsed.ok) {
    if (parsed.reason === 'unknown_version') throw new AppError('LIST_CODE_NEWER', 'The code was printed by a newer version of the app.', { text: text.trim().slice(0, 60) });
    throw new AppError('LIST_CODE_UNREADABLE', 'This is not the code of a visit list.', { text: text.trim().slice(0, 60) });
  }
  const { areaCode, listNo, row } = parsed.code;
  const own = getOffice(db)?.areaCode ?? '';
  if (areaCode !== own) {
    const known = cachedStatement(db, 'SELECT name FROM trusted_offices WHERE area_code = ? ORDER BY updated_at DESC LIMIT 1').get(areaCode) as { name: string } | undefined;
    throw new AppError('LIST_CODE_OTHER_OFFICE', `List ${listNo} belongs to another office (${areaCode}).`, {
      listNo,
      areaCode,
      office: known ? `${known.name} ${areaCode}` : areaCode,
    });
  }
  const list = getList(db, listNo, user);
  if (list.kind !== 'visit_list') throw fieldError('listNo', 'list.notVisitList');
  if (row === null) return { listNo, row: null, name: null };
  const onPaper = list.rows.find((r) => r.row === row);
  if (!onPaper) throw new AppError('LIST_CODE_NO_SUCH_ROW', `List ${listNo} has no row ${row}.`, { listNo, row });
  return { listNo, row, name: onPaper.name };
}
