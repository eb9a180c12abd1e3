import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { useTranslation } from 'react-i18next';
import type { HealthEvent, PersonDetail } from '../../../../shared/schemas/persons';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useNotify } from '../../../components/Notifier';
import { useConfirmedDelete } from '../../../components/useConfirmedDelete';
import { request } from '../../../rpc';
import { useCanWrite } from '../../../components/access';
import { personKeys } from '../../../components/queryKeys';
import { HealthEventDialog } from './HealthEventDialog';

const KIND_COLOURS = { checkup: 'info', hospitalisation: 'warning', note: 'default' } as const;

/** Check-ups, hospital stays and notes, newest first. */
export function HealthEvents({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const [editing, setEditing] = useState<{ event: HealthEvent | null } | null>(null);

  const deletion = useConfirmedDelete(async (item: HealthEvent) => {
    await request('health.deleteEvent', { id: item.id });
    notify(t('persons.health.eventDeleted'));
  }, personKeys.all);

  return (
    <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 } }} aria-labelledby="health-events-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="h6" component="h2" id="health-events-title" sx={{ flex: 1 }}>
          {t('persons.health.eventsTitle')}
        </Typography>
        {canWrite ? (
          <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setEditing({ event: null })}>
            {t('persons.health.eventAdd')}
          </Button>
        ) : null}
      </Box>
      {detail.healthEvents.length === 0 ? (
        <Typography color="text.secondary">{t('persons.health.eventsEmpty')}</Typography>
      ) : (
        <Table size="small" aria-label={t('persons.health.eventsTitle')}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 190 }}>{t('persons.health.eventDate')}</TableCell>
              <TableCell sx={{ width: 90 }}>{t('persons.health.eventKind')}</TableCell>
              <TableCell>{t('persons.health.institution')}</TableCell>
              <TableCell>{t('persons.health.summary')}</TableCell>
              {canWrite ? <TableCell align="right">{t('persons.health.actions')}</TableCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {detail.healthEvents.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{e.endDate ? `${e.date} – ${e.endDate}` : e.date}</TableCell>
                <TableCell>
                  <Chip size="small" color={KIND_COLOURS[e.kind]} variant="outlined" label={t(`persons.health.eventKinds.${e.kind}`)} />
                </TableCell>
                <TableCell>{e.institution}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{e.summary}</TableCell>
                {canWrite ? (
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <IconButton size="small" aria-label={t('persons.health.eventEditTitle')} onClick={() => setEditing({ event: e })}>
                      <EditIcon fontSize="small" />
                    </IconButton>
                    <IconButton size="small" aria-label={t('persons.health.eventDeleteTitle')} onClick={() => deletion.ask(e)}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <HealthEventDialog personId={detail.person.id} open={editing !== null} event={editing?.event ?? null} onClose={() => setEditing(null)} />
      <ConfirmDialog
        {...deletion.dialog}
        title={t('persons.health.eventDeleteTitle')}
        confirmLabel={t('persons.actions.delete')}
        danger
      >
        <Typography>
          {deletion.shown
            ? t('persons.health.eventDeleteBody', { date: deletion.shown.date, kind: t(`persons.health.eventKinds.${deletion.shown.kind}`), summary: deletion.shown.summary })
            : ''}
        </Typography>
      </ConfirmDialog>
    </Paper>
  );
}
