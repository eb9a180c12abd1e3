/**
 * 走访清单 on paper (#/print/visit-list/2026-11-0007): A4 portrait, the office, the list number and
 * the print date at the top of every page (they are rows of the table head, which the browser repeats
 * on every page), the column heads repeated too, page x / y at the foot. One row per person, in
 * walking order (grid, then address, as main sorted them), with empty columns for the visit date, what
 * was found and a signature. Each row carries a QR code of its list and row beside its number, and
 * the head of every page the list's code (payload: shared/listCodes.ts), so a scanner in 录入走访结果
 * opens the list and jumps to the row; the writing columns keep their widths.
 */
import { Fragment } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/dates';
import { currentLanguage } from '../i18n';
import { request } from '../rpc';
import { valueLabel } from '../components/labels';
import { careKeys } from '../components/queryKeys';
import { label } from '../components/labels';
import { listSubject } from '../features/lists';
import { PrintFrame } from './PrintFrame';
import { VISIT_LIST_CSS } from './printCss';
import { SheetTableHead } from './SheetTable';
import { useListCodes } from './listCodes';

/** Column widths in mm; they add up to the 190 mm between A4's 10 mm margins. */
const COLUMNS = [
  // The row number and, beside it, the row's code for a scanner (a 7 mm QR code).
  ['no', 14.5],
  ['name', 15],
  ['gender', 6.5],
  ['age', 6.5],
  ['address', 26],
  ['phone', 20],
  ['flags', 12.5],
  ['reason', 21],
  ['lastVisit', 16],
  ['visitDate', 16],
  ['findings', 23],
  ['signature', 13],
] as const;

export function VisitListPrint() {
  const { t } = useTranslation();
  const { listNo = '' } = useParams();
  const list = useQuery({ queryKey: careKeys.list(listNo), queryFn: () => request('lists.get', { listNo }) });
  const data = list.data;
  const wrongKind = data !== undefined && data.kind !== 'visit_list';
  const title = t('print.visitListTitle', { listNo });
  const { codes, error: codesError } = useListCodes(data !== undefined && !wrongKind ? data : undefined);

  return (
    <PrintFrame
      title={title}
      css={VISIT_LIST_CSS}
      pageNumbers
      ready={data !== undefined && !wrongKind && codes !== undefined}
      error={list.error ?? codesError ?? (wrongKind ? { code: 'NOT_FOUND' } : null)}
    >
      {data ? (
        <div className="print-sheet vl">
          <table className="vl">
            <SheetTableHead
              columns={COLUMNS}
              heading={(key) => t(`print.col.${key}`)}
              masthead={
                <>
                  <div className="vl-head">
                    <span className="office">{data.officeName}</span>
                    <span className="title">{t('print.visitListHeading')}</span>
                    <span className="no">{t('print.listNo', { listNo: data.listNo })}</span>
                    <span className="code page-code" role="img" aria-label={t('print.pageCode', { listNo: data.listNo })} dangerouslySetInnerHTML={{ __html: codes?.page ?? '' }} />
                  </div>
                  <div className="vl-sub">
                    <span>{listSubject(data.params)}</span>
                    <span>{t('print.rowsCount', { count: data.rows.length })}</span>
                    <span>{t('print.printedAt', { time: formatDateTime(data.printedAt, currentLanguage()), name: data.printedByName ?? '' })}</span>
                  </div>
                </>
              }
            />
            <tbody>
              {data.rows.map((r, i) => (
                <Fragment key={r.row}>
                  {i === 0 || data.rows[i - 1]?.grid !== r.grid ? (
                    <tr className="group">
                      <td colSpan={COLUMNS.length}>{r.grid || t('grids.noGrid')}</td>
                    </tr>
                  ) : null}
                  <tr>
                    <td className="no">
                      <div>
                        <span className="n">{r.row}</span>
                        <span className="code" role="img" aria-label={t('print.rowCode', { row: r.row })} dangerouslySetInnerHTML={{ __html: codes?.rows.get(r.row) ?? '' }} />
                      </div>
                    </td>
                    <td className="name">{r.name}</td>
                    <td className="c">{valueLabel('gender', r.gender)}</td>
                    <td className="c">{r.age}</td>
                    <td>{r.address}</td>
                    <td className="num">{r.phone}</td>
                    <td className="flags">
                      {r.flags.map((f) => (
                        <span key={f}>{label('riskFlag', f)}</span>
                      ))}
                    </td>
                    <td className="reason">
                      {r.visits.length === 0 ? t('print.noPlan') : null}
                      {r.visits.map((v) => (
                        <div key={v.plannedVisitId}>
                          {label('visitReason', v.reason)} <span className="due">{v.dueDate.slice(5)}</span>
                        </div>
                      ))}
                    </td>
                    <td className="num">{r.lastVisitDate ?? t('print.never')}</td>
                    <td />
                    <td />
                    <td />
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </table>
          <div className="vl-end">
            <span>{t('print.visitorSign')}</span>
            <span>{t('print.checkerSign')}</span>
            <span>{t('print.returnDate')}</span>
          </div>
        </div>
      ) : null}
    </PrintFrame>
  );
}
