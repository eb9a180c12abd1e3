/**
 * 人员移交: everything a worker who leaves is responsible for (persons as primary or backup contact,
 * their open visits, open service requests, grids) goes to another in one step. The preview lists
 * exactly what will move; applying moves that, and says so.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useTranslation } from 'react-i18next';
import { transferInputSchema, type TransferPlan } from '../../../shared/schemas/assignments';
import { optionalText } from '../../../shared/schemas/common';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormTextField } from '../../components/FormTextField';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { zodIssueMessage } from '../../i18n';
import { request } from '../../rpc';
import { CARE_KEYS } from '../../components/queryKeys';
import { useWrite } from '../../components/useWrite';
import { label } from '../../components/labels';
import { useContactUsers } from '../../components/lookups';
import { UserSelect } from '../../components/UserSelect';

function Summary({ plan }: { plan: TransferPlan }) {
  const { t } = useTranslation();
  const facts = [
    { key: 'persons', count: plan.persons.length },
    { key: 'visits', count: plan.openVisits.length },
    { key: 'requests', count: plan.openRequests.length },
    { key: 'grids', count: plan.grids.length },
  ];
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', my: 1 }}>
      {facts.map((f) => (
        <Chip key={f.key} color={f.count > 0 ? 'primary' : 'default'} label={t(`transfer.counts.${f.key}`, { count: f.count })} />
      ))}
    </Box>
  );
}

/** What assignments.transferApply takes: the one leaving, the one taking over, and why. */
const transferFormSchema = transferInputSchema.extend({ reason: optionalText(200) });

export function TransferPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const users = useContactUsers();
  const { control, handleSubmit, watch } = useForm({
    resolver: zodResolver(transferFormSchema, { error: zodIssueMessage }),
    defaultValues: { fromUserId: '', toUserId: '', reason: '' },
  });
  const [fromId, toId] = watch(['fromUserId', 'toUserId']);
  const [done, setDone] = useState<TransferPlan | null>(null);
  const nameOf = (id: string) => (users.data ?? []).find((u) => u.id === id)?.displayName ?? '';

  const preview = useWrite({ write: (who: { fromUserId: string; toUserId: string }) => request('assignments.transferPreview', who) });
  const apply = useWrite({
    write: (input: z.output<typeof transferFormSchema>) => request('assignments.transferApply', input),
    invalidates: CARE_KEYS,
    onSuccess: (plan) => {
      setDone(plan);
      preview.reset();
      notify(t('transfer.done', { from: nameOf(plan.fromUserId), to: nameOf(plan.toUserId), count: plan.persons.length }));
    },
  });
  const plan = preview.data && preview.data.fromUserId === fromId && preview.data.toUserId === toId ? preview.data : null;
  const nothing = plan !== null && plan.persons.length + plan.openVisits.length + plan.openRequests.length + plan.grids.length === 0;

  // Everyone who holds something can be the one leaving, including disabled accounts.
  const leaving = (users.data ?? []).filter((u) => u.primaryCount + u.backupCount + u.grids.length > 0 || u.id === fromId);

  return (
    <Box sx={{ maxWidth: 1100 }}>
      <Button component={RouterLink} to="/grids" startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {t('grids.backToList')}
      </Button>
      <PageHeader title={t('transfer.title')} intro={t('transfer.intro')} />
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
          <Controller
            control={control}
            name="fromUserId"
            render={({ field }) => (
              <TextField
                select
                label={t('transfer.from')}
                value={users.data ? field.value : ''}
                onChange={(e) => {
                  field.onChange(e.target.value);
                  setDone(null);
                }}
                helperText={t('transfer.fromHelp')}
              >
                {leaving.map((u) => (
                  <MenuItem key={u.id} value={u.id}>
                    {t('transfer.fromOption', { name: u.displayName, primary: u.primaryCount, backup: u.backupCount })}
                    {u.disabled ? t('transfer.disabledSuffix') : ''}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
          <Controller
            control={control}
            name="toUserId"
            render={({ field }) => (
              <UserSelect
                label={t('transfer.to')}
                value={field.value}
                onChange={(id) => {
                  field.onChange(id);
                  setDone(null);
                }}
                exclude={fromId ? [fromId] : []}
              />
            )}
          />
        </Box>
        <Button variant="outlined" onClick={() => preview.mutate({ fromUserId: fromId, toUserId: toId })} disabled={!fromId || !toId || preview.isPending} sx={{ mt: 1 }}>
          {t('transfer.preview')}
        </Button>
        <ErrorAlert error={preview.error} sx={{ mt: 2 }} />
      </Paper>

      {done ? (
        <Alert severity="success" sx={{ mt: 2 }}>
          {t('transfer.done', { from: nameOf(done.fromUserId), to: nameOf(done.toUserId), count: done.persons.length })}
          <Summary plan={done} />
        </Alert>
      ) : null}

      {plan ? (
        <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 }, mt: 2 }}>
          <Typography variant="h6" component="h2">
            {t('transfer.previewTitle', { from: nameOf(plan.fromUserId), to: nameOf(plan.toUserId) })}
          </Typography>
          <Summary plan={plan} />
          {nothing ? <Alert severity="info">{t('transfer.nothing', { name: nameOf(plan.fromUserId) })}</Alert> : null}
          {plan.persons.length > 0 ? (
            <Table size="small" aria-label={t('transfer.personsTable')} sx={{ mt: 1 }}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('persons.fields.name')}</TableCell>
                  <TableCell>{t('contacts.role')}</TableCell>
                  <TableCell>{t('persons.fields.grid')}</TableCell>
                  <TableCell>{t('persons.fields.address')}</TableCell>
                  <TableCell>{t('transfer.note')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {plan.persons.map((p) => (
                  <TableRow key={`${p.personId}-${p.role}`}>
                    <TableCell sx={{ fontWeight: 600 }}>{p.name}</TableCell>
                    <TableCell>{label('contactRole', p.role)}</TableCell>
                    <TableCell>{p.gridName ?? ''}</TableCell>
                    <TableCell>{p.address}</TableCell>
                    <TableCell>{p.replacesOtherRole ? t('transfer.replacesOtherRole') : ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
          {plan.grids.length > 0 ? <Typography sx={{ mt: 2 }}>{t('transfer.gridsLine', { grids: plan.grids.map((g) => g.name).join('、') })}</Typography> : null}
          {plan.openRequests.length > 0 ? (
            <Typography sx={{ mt: 1 }}>
              {t('transfer.requestsLine', { list: plan.openRequests.map((r) => `${r.personName}（${label('requestCategory', r.category)}）`).join('、') })}
            </Typography>
          ) : null}
          {!nothing ? (
            <>
              <FormTextField control={control} name="reason" label={t('contacts.reason')} helperText={t('transfer.reasonHelp')} slotProps={{ htmlInput: { maxLength: 200 } }} />
              <ErrorAlert error={apply.error} sx={{ mt: 1 }} />
              <Button variant="contained" sx={{ mt: 2 }} onClick={() => void handleSubmit((v) => apply.mutate(v))()} disabled={apply.isPending}>
                {t('transfer.apply', { count: plan.persons.length, to: nameOf(plan.toUserId) })}
              </Button>
            </>
          ) : null}
        </Paper>
      ) : null}
    </Box>
  );
}
