/**
 * One unit (/units/:id): its details and contacts, the retirees of the registry linked to it (each a
 * link to their record), and the situation feedback to the unit for a period (print, .xlsx).
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/schemas/units';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { BackButton, DetailFallback } from '../../components/DetailFallback';
import { useNotify } from '../../components/Notifier';
import { request } from '../../rpc';
import { PERSON_STATUS_COLOURS as STATUS_COLOURS, valueLabel } from '../../components/labels';
import { useCanWrite } from '../../components/access';
import { invalidateUnits, unitKeys } from './common';
import { useWrite } from '../../components/useWrite';
import { FeedbackPanel } from './FeedbackPanel';
import { UnitDialog } from './UnitDialog';

function Fact({ label, value, wide }: { label: string; value: string; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <Box sx={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, fontSize: '1.05rem', whiteSpace: 'pre-wrap', color: value ? 'text.primary' : 'text.disabled' }}>
        {value || t('persons.detail.notFilled')}
      </Typography>
    </Box>
  );
}

const withPhone = (name: string, phone: string) => [name, phone].filter((s) => s !== '').join('  ');

function UnitFacts({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const f = (key: string) => t(`units.fields.${key}`);
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(3, 1fr)' }, gap: 2, m: 0, mt: 2 }}>
      <Fact label={f('retireeDepartment')} value={unit.retireeDepartment} />
      <Fact label={t('units.contact')} value={withPhone(unit.contactPerson, unit.contactPhone)} />
      <Fact label={t('units.partyContactLine')} value={withPhone(unit.partyContact, unit.partyPhone)} />
      <Fact label={f('address')} value={unit.address} wide />
      {unit.notes ? <Fact label={f('notes')} value={unit.notes} wide /> : null}
    </Box>
  );
}

export function UnitDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canWrite = useCanWrite();
  const detail = useQuery({ queryKey: unitKeys.detail(id), queryFn: () => request('units.get', { id }) });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useWrite({
    write: () => request('units.delete', { id }),
    onSuccess: async () => {
      notify(t('units.deleted', { name: detail.data?.unit.name ?? '' }));
      setDeleting(false);
      // Away from the page first, so the deleted unit is not asked for again here.
      await navigate('/units', { replace: true });
      await invalidateUnits(queryClient);
    },
    // A refusal may mean the unit got linked persons meanwhile: read it again so the dialog says so.
    onError: () => invalidateUnits(queryClient),
  });

  const back = <BackButton to="/units" label={t('units.backToList')} />;
  if (detail.error || !detail.data) return <DetailFallback back={back} error={detail.error} maxWidth={1400} />;
  const { unit, persons } = detail.data;
  const inUse = unit.personCount > 0;
  return (
    <Box sx={{ maxWidth: 1400 }}>
      {back}
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <Box sx={{ flex: '1 1 360px' }}>
            <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="h4" component="h1" sx={{ fontWeight: 600 }}>
                {unit.name}
              </Typography>
              <Chip label={valueLabel('unitLevel', unit.level)} color="primary" variant="outlined" />
            </Box>
            <Typography sx={{ mt: 1, fontSize: '1.1rem' }}>
              {unit.personCount === unit.activeCount
                ? t('units.detailCount', { count: unit.activeCount })
                : t('units.detailCountWithGone', { count: unit.activeCount, all: unit.personCount })}
            </Typography>
          </Box>
          {canWrite ? (
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
              <Button variant="contained" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
                {t('units.edit')}
              </Button>
              <Button color="error" startIcon={<DeleteIcon />} onClick={() => setDeleting(true)}>
                {t('units.delete')}
              </Button>
            </Box>
          ) : null}
        </Box>
        <UnitFacts unit={unit} />
      </Paper>

      <Paper variant="outlined" component="section" sx={{ p: { xs: 2, md: 3 }, mt: 2 }} aria-labelledby="unit-persons-title">
        <Typography variant="h6" component="h2" id="unit-persons-title">
          {t('units.personsTitle')}
        </Typography>
        {persons.length === 0 ? (
          <Typography color="text.secondary" sx={{ py: 2 }}>
            {canWrite ? t('units.noPersonsWrite') : t('units.noPersons')}
          </Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={t('units.personsTitle')}>
              <TableHead>
                <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                  <TableCell sx={{ width: 100 }}>{t('persons.fields.name')}</TableCell>
                  <TableCell sx={{ width: 60 }}>{t('persons.fields.gender')}</TableCell>
                  <TableCell sx={{ width: 60 }}>{t('persons.fields.age')}</TableCell>
                  <TableCell sx={{ width: 140 }}>{t('persons.fields.formerPosition')}</TableCell>
                  <TableCell sx={{ width: 100 }}>{t('persons.fields.politicalStatus')}</TableCell>
                  <TableCell>{t('persons.fields.address')}</TableCell>
                  <TableCell sx={{ width: 130 }}>{t('persons.fields.phones')}</TableCell>
                  <TableCell sx={{ width: 80 }}>{t('persons.fields.status')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {persons.map((p) => (
                  <TableRow key={p.id} hover>
                    <TableCell>
                      <Link component={RouterLink} to={`/persons/${p.id}`} sx={{ fontWeight: 600 }}>
                        {p.name}
                      </Link>
                    </TableCell>
                    <TableCell>{valueLabel('gender', p.gender)}</TableCell>
                    <TableCell>{p.age}</TableCell>
                    <TableCell>{p.formerPosition}</TableCell>
                    <TableCell>{valueLabel('politicalStatus', p.politicalStatus)}</TableCell>
                    <TableCell>{p.address}</TableCell>
                    <TableCell>{p.phones.join('、')}</TableCell>
                    <TableCell>
                      <Chip size="small" color={STATUS_COLOURS[p.status]} label={valueLabel('status', p.status)} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </Paper>

      <FeedbackPanel unitId={unit.id} />

      <UnitDialog open={editing} unit={unit} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={deleting}
        title={t('units.deleteTitle', { name: unit.name })}
        confirmLabel={t('units.delete')}
        danger
        busy={remove.isPending}
        // While retirees are linked the dialog only explains why it cannot be deleted: the confirm
        // button stays disabled, and a refusal (someone linked a person meanwhile) is not said twice.
        confirmDisabled={inUse}
        error={inUse ? null : remove.error}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
      >
        {inUse ? <Alert severity="warning">{t('units.deleteInUse', { count: unit.personCount })}</Alert> : <Typography>{t('units.deleteText')}</Typography>}
      </ConfirmDialog>
    </Box>
  );
}
