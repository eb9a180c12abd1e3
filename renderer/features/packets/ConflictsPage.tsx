/**
 * 冲突: records edited here and at another office since they last agreed. Each is shown side by side,
 * field by field; the person keeps this office's version, takes the other one, or picks per field.
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../shared/schemas/packets';
import { formatDateTime } from '../../../shared/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { currentLanguage } from '../../i18n';
import { call, request } from '../../rpc';
import { columnLabel, packetKeys, tableLabel, valueText } from './common';

type Side = 'local' | 'remote';

function ConflictDetail({ conflict, onResolved }: { conflict: Conflict; onResolved: () => Promise<void> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [picks, setPicks] = useState<Record<string, Side>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const local = conflict.local;
  const fields = conflict.differing;

  useEffect(() => {
    setPicks(Object.fromEntries(conflict.differing.map((f) => [f, 'local' as Side])));
    setError(null);
  }, [conflict.id, conflict.differing]);

  const resolve = async (choice: Side | 'merge') => {
    setBusy(true);
    setError(null);
    const input = choice === 'merge' ? { id: conflict.id, choice, fields: picks } : { id: conflict.id, choice };
    const result = await call('conflicts.resolve', input);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    notify(t('packets.conflicts.resolved', { label: conflict.label || tableLabel(conflict.table) }));
    await onResolved();
  };

  const picked = Object.values(picks);
  const allLocal = picked.every((p) => p === 'local');
  const allRemote = picked.length > 0 && picked.every((p) => p === 'remote');

  return (
    <Paper variant="outlined" sx={{ p: 2.5 }}>
      <Typography variant="h6" component="h2">
        {t('packets.conflicts.detailTitle', { label: conflict.label || t('common.dash'), table: tableLabel(conflict.table) })}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t(`packets.conflicts.kind.${conflict.kind}`, { name: conflict.senderName })}
      </Typography>
      {local === null ? <Alert severity="info" sx={{ mb: 1.5 }}>{t('packets.conflicts.noLocal')}</Alert> : null}
      <Table size="small" aria-label={t('packets.conflicts.compare')}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: '18%' }}>{t('packets.conflicts.field')}</TableCell>
            <TableCell sx={{ width: '41%' }}>{t('packets.conflicts.local')}</TableCell>
            <TableCell sx={{ width: '41%' }}>{t('packets.conflicts.remote', { name: conflict.senderName })}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {fields.map((f) => {
            const pick = picks[f] ?? 'local';
            const cell = (side: Side, value: unknown) => (
              <TableCell
                onClick={() => setPicks({ ...picks, [f]: side })}
                sx={{ cursor: 'pointer', bgcolor: pick === side ? 'action.selected' : undefined, outline: pick === side ? '2px solid' : undefined, outlineColor: side === 'local' ? 'primary.light' : 'success.light', outlineOffset: -2 }}
              >
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                  <Radio size="small" checked={pick === side} onChange={() => setPicks({ ...picks, [f]: side })} slotProps={{ input: { 'aria-label': `${columnLabel(f)}：${side === 'local' ? t('packets.conflicts.useLocal') : t('packets.conflicts.useRemote')}` } }} />
                  <span>{valueText(f, value)}</span>
                </Box>
              </TableCell>
            );
            return (
              <TableRow key={f}>
                <TableCell sx={{ fontWeight: 600 }}>{columnLabel(f)}</TableCell>
                {cell('local', local?.[f])}
                {cell('remote', conflict.remote[f])}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {t('packets.conflicts.sameElsewhere')}
      </Typography>
      <ErrorAlert error={error} sx={{ mt: 2 }} />
      <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
        <Button variant="contained" disabled={busy} onClick={() => void resolve(allLocal ? 'local' : allRemote ? 'remote' : 'merge')}>
          {t('packets.conflicts.savePicked')}
        </Button>
        <Button variant="outlined" disabled={busy} onClick={() => void resolve('local')}>
          {t('packets.conflicts.keepLocal')}
        </Button>
        <Button variant="outlined" disabled={busy} onClick={() => void resolve('remote')}>
          {t('packets.conflicts.takeRemote', { name: conflict.senderName })}
        </Button>
      </Box>
    </Paper>
  );
}

export function ConflictsPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: [...packetKeys.conflicts, 'open'], queryFn: () => request('conflicts.list', { status: 'open', limit: 500 }) });
  const [selected, setSelected] = useState<string | null>(null);
  const rows = list.data?.rows ?? [];
  const current = rows.find((r) => r.id === selected) ?? rows[0] ?? null;

  const refresh = async () => {
    setSelected(null);
    await queryClient.invalidateQueries({ queryKey: packetKeys.conflicts });
    await queryClient.invalidateQueries({ queryKey: ['persons'] });
  };

  return (
    <Box>
      <PageHeader title={t('packets.conflicts.title')} intro={t('packets.conflicts.intro')} />
      <ErrorAlert error={list.error} sx={{ mb: 2 }} />
      {list.data && rows.length === 0 ? <Alert severity="success">{t('packets.conflicts.none')}</Alert> : null}
      {rows.length > 0 ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '300px 1fr' }, gap: 2, alignItems: 'start' }}>
          <Paper variant="outlined">
            <Typography sx={{ px: 2, pt: 1.5, fontWeight: 600 }}>{t('packets.conflicts.open', { count: list.data?.total ?? rows.length })}</Typography>
            <List dense aria-label={t('packets.conflicts.title')}>
              {rows.map((r) => (
                <ListItemButton key={r.id} selected={current?.id === r.id} onClick={() => setSelected(r.id)}>
                  <ListItemText
                    primary={`${r.label || t('common.dash')} · ${tableLabel(r.table)}`}
                    secondary={t('packets.conflicts.from', { name: r.senderName, time: formatDateTime(r.detectedAt, lang) })}
                  />
                </ListItemButton>
              ))}
            </List>
          </Paper>
          {current ? <ConflictDetail key={current.id} conflict={current} onResolved={refresh} /> : null}
        </Box>
      ) : null}
    </Box>
  );
}
