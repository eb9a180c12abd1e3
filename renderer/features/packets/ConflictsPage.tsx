/**
 * 冲突: records edited here and at another office since they last agreed. Each is shown side by side,
 * field by field; the person keeps this office's version, takes the other one, or picks per field.
 */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
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
import { resolveConflictSchema, type Conflict } from '../../../shared/schemas/packets';
import { formatDateTime } from '../../../shared/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { EVERY_KEY } from '../../components/queryKeys';
import { useWrite } from '../../components/useWrite';
import { currentLanguage, zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { columnLabel, packetKeys, tableLabel, valueText } from './common';

type Side = 'local' | 'remote';

/** Which side each differing column takes: the `fields` of conflicts.resolve. */
const picksSchema = z.object({ picks: resolveConflictSchema.shape.fields.unwrap() });
type Picks = z.output<typeof picksSchema>;

const allLocal = (fields: readonly string[]): Picks => ({ picks: Object.fromEntries(fields.map((f) => [f, 'local' as Side])) });

function ConflictDetail({ conflict, onResolved }: { conflict: Conflict; onResolved: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { handleSubmit, reset, setValue, watch } = useForm<Picks>({
    resolver: zodResolver(picksSchema, { error: zodIssueMessage }),
    defaultValues: allLocal(conflict.differing),
  });
  const picks = watch('picks');
  const resolve = useWrite({
    write: (choice: Side | { merge: Picks['picks'] }) =>
      request('conflicts.resolve', typeof choice === 'string' ? { id: conflict.id, choice } : { id: conflict.id, choice: 'merge', fields: choice.merge }),
    // The record may be a person's: their pages show the kept version.
    invalidates: EVERY_KEY,
    onSuccess: () => {
      notify(t('packets.conflicts.resolved', { label: conflict.label || tableLabel(conflict.table) }));
      onResolved();
    },
  });
  const busy = resolve.isPending;
  const local = conflict.local;
  const fields = conflict.differing;

  const { reset: resetResolve } = resolve;
  useEffect(() => {
    reset(allLocal(conflict.differing));
    resetResolve();
  }, [conflict.id, conflict.differing, reset, resetResolve]);

  const choose = (f: string, side: Side) => setValue('picks', { ...picks, [f]: side });
  const savePicked = handleSubmit((v) => {
    const sides = Object.values(v.picks);
    if (sides.every((p) => p === 'local')) resolve.mutate('local');
    else if (sides.length > 0 && sides.every((p) => p === 'remote')) resolve.mutate('remote');
    else resolve.mutate({ merge: v.picks });
  });

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
                onClick={() => choose(f, side)}
                sx={{ cursor: 'pointer', bgcolor: pick === side ? 'action.selected' : undefined, outline: pick === side ? '2px solid' : undefined, outlineColor: side === 'local' ? 'primary.light' : 'success.light', outlineOffset: -2 }}
              >
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                  <Radio size="small" checked={pick === side} onChange={() => choose(f, side)} slotProps={{ input: { 'aria-label': `${columnLabel(f)}：${side === 'local' ? t('packets.conflicts.useLocal') : t('packets.conflicts.useRemote')}` } }} />
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
      <ErrorAlert error={resolve.error} sx={{ mt: 2 }} />
      <Box sx={{ display: 'flex', gap: 1, mt: 2, flexWrap: 'wrap' }}>
        <Button variant="contained" disabled={busy} onClick={() => void savePicked()}>
          {t('packets.conflicts.savePicked')}
        </Button>
        <Button variant="outlined" disabled={busy} onClick={() => resolve.mutate('local')}>
          {t('packets.conflicts.keepLocal')}
        </Button>
        <Button variant="outlined" disabled={busy} onClick={() => resolve.mutate('remote')}>
          {t('packets.conflicts.takeRemote', { name: conflict.senderName })}
        </Button>
      </Box>
    </Paper>
  );
}

export function ConflictsPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const list = useQuery({ queryKey: [...packetKeys.conflicts, 'open'], queryFn: () => request('conflicts.list', { status: 'open', limit: 500 }) });
  const [selected, setSelected] = useState<string | null>(null);
  const rows = list.data?.rows ?? [];
  const current = rows.find((r) => r.id === selected) ?? rows[0] ?? null;

  return (
    <Box>
      <PageHeader title={t('packets.conflicts.title')} intro={t('packets.conflicts.intro')} />
      <ErrorAlert error={list.error} sx={{ mb: 2 }} />
      {list.data && rows.length === 0 ? <Alert severity="success">{t('packets.conflicts.none')}</Alert> : null}
      {rows.length > 0 ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '300px 1fr' }, gap: 2, alignItems: 'start' }}>
          <Paper variant="outlined">
            <Typography sx={{ px: 2, pt: 1.5, fontWeight: 600 }}>{t(list.data?.capped ? 'packets.conflicts.openCapped' : 'packets.conflicts.open', { count: list.data?.total ?? rows.length })}</Typography>
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
          {current ? <ConflictDetail key={current.id} conflict={current} onResolved={() => setSelected(null)} /> : null}
        </Box>
      ) : null}
    </Box>
  );
}
