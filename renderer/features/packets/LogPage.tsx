/** 日志: every packet sent and received (when, which way, kind, peer, records, by whom, the file). */
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/dates';
import type { PacketLogEntry } from '../../../shared/schemas/packets';
import { ListPage } from '../../components/ListPage';
import { currentLanguage } from '../../i18n';
import { request } from '../../rpc';
import { formatSize } from '../../components/labels';
import { packetKeys } from './common';
import { useSavePacket } from './files';

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

export function LogPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const log = useQuery({ queryKey: [...packetKeys.log], queryFn: () => request('packets.log', { limit: 500 }) });
  const saveFile = useSavePacket();

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
                    </TableCell>
                    <TableCell>{e.username}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatSize(e.sizeBytes)}</TableCell>
                    <TableCell>
                      {e.direction === 'out' && e.fileName ? (
                        <Button size="small" onClick={() => saveFile.mutate(e.fileName)}>
                          {t('packets.log.download')}
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
    </ListPage>
  );
}
