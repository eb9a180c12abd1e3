/**
 * 日志: every packet sent and received (when, which way, kind, peer, records, by whom, the file), and
 * 撤销这次导入 for a packet received: it is refused, with the records named, when any of them was
 * changed or used here since (later edits are never overwritten).
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/dates';
import type { PacketLogEntry } from '../../../shared/schemas/packets';
import { ApiError } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ListPage } from '../../components/ListPage';
import { useNotify } from '../../components/Notifier';
import { EVERY_KEY } from '../../components/queryKeys';
import { useWrite } from '../../components/useWrite';
import { currentLanguage } from '../../i18n';
import { request } from '../../rpc';
import { formatSize } from '../../components/labels';
import { packetKeys, tableLabel } from './common';
import { useSavePacket } from './files';

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

interface BlockingRow {
  table: string;
  id: string;
  person: string;
  why: string;
}

/** The records an undo was refused for (IMPORT_UNDO_BLOCKED), as the service named them. */
function blockingRows(err: unknown): BlockingRow[] {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_UNDO_BLOCKED') return [];
  const rows = err.details?.['rows'];
  if (!Array.isArray(rows)) return [];
  return rows.filter((r): r is BlockingRow => typeof r === 'object' && r !== null && typeof (r as BlockingRow).table === 'string' && typeof (r as BlockingRow).id === 'string');
}

export function LogPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const log = useQuery({ queryKey: [...packetKeys.log], queryFn: () => request('packets.log', { limit: 500 }) });
  const saveFile = useSavePacket();
  const notify = useNotify();
  const [undoing, setUndoing] = useState<PacketLogEntry | null>(null);
  const undo = useWrite({
    write: (packetId: string) => request('packets.undoImport', { packetId }),
    invalidates: EVERY_KEY,
    onSuccess: (r) => {
      setUndoing(null);
      notify(t('packets.log.undoDone', { name: r.sender, deleted: r.deleted, restored: r.restored }));
    },
  });
  const blocked = blockingRows(undo.error);

  const reportTotals = (e: PacketLogEntry): string => {
    const totals = e.report['totals'] as Record<string, number> | undefined;
    if (!totals) return '';
    return t('packets.log.reportLine', { inserted: totals['inserted'] ?? 0, updated: totals['updated'] ?? 0, unchanged: totals['unchanged'] ?? 0, conflicts: totals['conflicts'] ?? 0 });
  };

  return (
    <ListPage
      title={t('packets.log.title')}
      intro={t('packets.log.intro')}
      error={log.error ?? saveFile.error}
      grid={
        log.data && log.data.entries.length > 0 ? (
          <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={t('packets.log.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('packets.log.when')}</TableCell>
                  <TableCell>{t('packets.log.direction')}</TableCell>
                  <TableCell>{t('packets.log.kind')}</TableCell>
                  <TableCell>{t('packets.log.peer')}</TableCell>
                  <TableCell align="right">{t('packets.log.records')}</TableCell>
                  <TableCell>{t('packets.log.result')}</TableCell>
                  <TableCell>{t('packets.log.user')}</TableCell>
                  <TableCell>{t('packets.log.size')}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {log.data.entries.map((e) => (
                  <TableRow key={`${e.direction}-${e.packetId}`}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.loggedAt, lang)}</TableCell>
                    <TableCell>{t(`packets.log.dir.${e.direction}`)}</TableCell>
                    <TableCell>{t(`packets.kinds.${e.kind}`)}</TableCell>
                    <TableCell>{e.peerName || t('common.dash')}</TableCell>
                    <TableCell align="right">{total(e.counts)}</TableCell>
                    <TableCell>
                      {e.kind === 'receipt' && e.direction === 'out' ? t('common.dash') : e.direction === 'in' ? reportTotals(e) : e.ackedAt ? t('packets.log.acked', { time: formatDateTime(e.ackedAt, lang) }) : t('packets.log.notAcked')}
                      {e.undoneAt ? (
                        <Typography variant="body2" color="warning.dark">
                          {t('packets.log.undone', { time: formatDateTime(e.undoneAt, lang), name: e.undoneBy ?? '' })}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>{e.username}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatSize(e.sizeBytes)}</TableCell>
                    <TableCell>
                      {e.direction === 'out' && e.fileName ? (
                        <Button size="small" onClick={() => saveFile.mutate(e.fileName)}>
                          {t('packets.log.download')}
                        </Button>
                      ) : null}
                      {e.undoable ? (
                        <Button
                          size="small"
                          color="warning"
                          sx={{ whiteSpace: 'nowrap' }}
                          onClick={() => {
                            undo.reset();
                            setUndoing(e);
                          }}
                        >
                          {t('packets.log.undo')}
                        </Button>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        ) : null
      }
    >
      {log.data && log.data.entries.length === 0 ? <Alert severity="info">{t('packets.log.empty')}</Alert> : null}
      <ConfirmDialog
        open={undoing !== null}
        title={t('packets.log.undoTitle')}
        confirmLabel={t('packets.log.undoConfirm')}
        danger
        busy={undo.isPending}
        confirmDisabled={blocked.length > 0}
        error={undo.error}
        onConfirm={() => undoing && undo.mutate(undoing.packetId)}
        onCancel={() => setUndoing(null)}
      >
        {undoing ? (
          <>
            <Typography sx={{ mb: 1 }}>
              {t('packets.log.undoBody', { name: undoing.peerName, kind: t(`packets.kinds.${undoing.kind}`), time: formatDateTime(undoing.loggedAt, lang) })}
            </Typography>
            <Typography sx={{ mb: 1 }}>{t('packets.log.undoKeeps')}</Typography>
            {blocked.length > 0 ? (
              <Table size="small" aria-label={t('packets.log.blockedRows')} sx={{ mt: 2 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('packets.table')}</TableCell>
                    <TableCell>{t('packets.log.blockedPerson')}</TableCell>
                    <TableCell>{t('packets.log.blockedWhy')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {blocked.map((r) => (
                    <TableRow key={`${r.table}-${r.id}`}>
                      <TableCell>{tableLabel(r.table)}</TableCell>
                      <TableCell>{r.person || r.id}</TableCell>
                      <TableCell>{t(`packets.log.why.${r.why}`, { defaultValue: r.why })}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </>
        ) : null}
      </ConfirmDialog>
    </ListPage>
  );
}
