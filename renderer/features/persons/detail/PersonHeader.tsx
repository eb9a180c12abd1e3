import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import EditIcon from '@mui/icons-material/Edit';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import type { PersonDetail } from '../../../../shared/schemas/persons';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useNotify } from '../../../components/Notifier';
import { request } from '../../../rpc';
import { listPath } from '../common';
import { BAND_COLOURS, PERSON_STATUS_COLOURS as STATUS_COLOURS, valueLabel } from '../../../components/labels';
import { adlBand } from '../../../../shared/barthel';
import { PERSON_WRITES, personKeys } from '../../../components/queryKeys';
import { useCanWrite } from '../../../components/access';
import { StatusDialog } from './StatusDialog';
import { label, withPhone } from '../../../components/labels';
import { useWrite } from '../../../components/useWrite';

/** Name, photo, age and status; the warnings to act on; and the actions on the whole record. */
export function PersonHeader({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const { person, warnings } = detail;
  const [statusOpen, setStatusOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useWrite({
    write: () => request('persons.delete', { id: person.id }),
    onSuccess: async () => {
      notify(t('persons.detail.deleted', { name: person.name }));
      // The deleted record is not asked for again: its page is left for the list.
      queryClient.removeQueries({ queryKey: personKeys.detail(person.id) });
      await Promise.all(PERSON_WRITES.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      void navigate(listPath(), { replace: true });
    },
  });

  const statusLabel = valueLabel('status', person.status);
  const band = person.latestAdlTotal === null ? null : adlBand(person.latestAdlTotal);
  return (
    <>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 }, display: 'flex', gap: 3, alignItems: 'center', flexWrap: 'wrap' }}>
        <Avatar
          src={person.photo ?? undefined}
          alt={t('persons.detail.photoAlt', { name: person.name })}
          variant="rounded"
          sx={{ width: 80, height: 100, fontSize: '2rem', bgcolor: 'primary.light' }}
        >
          {person.name.slice(0, 1)}
        </Avatar>
        <Box sx={{ flex: '1 1 280px', minWidth: 0 }}>
          <Typography variant="h4" component="h1" sx={{ fontWeight: 600 }}>
            {person.name}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mt: 1 }}>
            <Typography sx={{ fontSize: '1.1rem' }}>
              {valueLabel('gender', person.gender)} · {t('persons.detail.age', { age: person.age })} · {valueLabel('retirementType', person.retirementType)}
            </Typography>
            <Chip
              color={STATUS_COLOURS[person.status]}
              variant={person.status === 'active' ? 'outlined' : 'filled'}
              label={person.status !== 'active' && person.statusDate ? t('persons.detail.since', { status: statusLabel, date: person.statusDate }) : statusLabel}
            />
            {person.highRisk ? <Chip color="error" variant="outlined" label={label('riskFlag', 'high_risk')} /> : null}
            {band && person.latestAdlTotal !== null ? (
              <Chip color={BAND_COLOURS[band]} label={`${t('persons.fields.adl')} ${person.latestAdlTotal} · ${valueLabel('adlBand', band)}`} />
            ) : null}
          </Box>
          <Typography color="text.secondary" sx={{ mt: 0.5, fontVariantNumeric: 'tabular-nums' }}>
            {person.idNumber}
            {person.phones.length > 0 ? ` · ${person.phones.join('、')}` : ''}
          </Typography>
          <Typography sx={{ mt: 0.5 }} data-testid="person-contact">
            {detail.contacts.primary
              ? t('care.headerContact', { name: withPhone(detail.contacts.primary.userName, detail.contacts.primary.userPhone), grid: person.grid || t('grids.noGrid') })
              : t('care.headerNoContact', { grid: person.grid || t('grids.noGrid') })}
          </Typography>
        </Box>
        {canWrite ? (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="contained" startIcon={<EditIcon />} component={RouterLink} to={`/persons/${person.id}/edit`}>
              {t('persons.actions.edit')}
            </Button>
            <Button variant="outlined" startIcon={<SwapHorizIcon />} onClick={() => setStatusOpen(true)}>
              {t('persons.actions.changeStatus')}
            </Button>
            <Button variant="outlined" color="error" startIcon={<DeleteIcon />} onClick={() => setDeleting(true)}>
              {t('persons.actions.delete')}
            </Button>
          </Box>
        ) : null}
      </Paper>
      {warnings.map((w) => (
        <Alert key={w} severity="warning" sx={{ mt: 1.5 }}>
          {t(`warnings.${w}`)}
        </Alert>
      ))}
      <StatusDialog person={person} open={statusOpen} onClose={() => setStatusOpen(false)} />
      <ConfirmDialog
        open={deleting}
        title={t('persons.detail.deleteTitle', { name: person.name })}
        confirmLabel={t('persons.detail.deleteConfirm')}
        danger
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
      >
        <Typography>{t('persons.detail.deleteBody')}</Typography>
      </ConfirmDialog>
    </>
  );
}
