/**
 * 统计报表 (/reports/forms?form=annual&period=2025 or form=campaign&period=chongyang:2025): the form
 * as the bureau's paper one, its checks, the signature fields and the note, 上报 (refused while a
 * check fails without a note, or before the period is over), .xlsx and A4 print, and the hand-ins
 * made so far with the figures each froze.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import PrintIcon from '@mui/icons-material/Print';
import SendIcon from '@mui/icons-material/Send';
import { useTranslation } from 'react-i18next';
import { CAMPAIGNS, campaignLabel, parsePeriod, type Campaign } from '../../../shared/reports/period';
import type { FormKind } from '../../../shared/schemas/reports';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/Notifier';
import { PageHeader } from '../../components/PageHeader';
import { useCanWrite } from '../../components/access';
import { useServerToday } from '../../components/serverToday';
import { useUrlFilters } from '../../components/useUrlFilters';
import { request } from '../../rpc';
import { useWrite } from '../../components/useWrite';
import { ExportButton } from '../../components/ExportButton';
import { FORM_TABLE_SX, FormTableView } from './FormTableView';
import { lang, reportKeys, yearsFrom } from './common';
import { formPrintHash, openReportPrint } from './printing';

export function FormsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCanWrite();
  const { today } = useServerToday();
  const [sp, setFilter] = useUrlFilters();
  const form = (sp.get('form') === 'campaign' ? 'campaign' : 'annual') as FormKind;
  const thisYear = Number(today.slice(0, 4));
  const defaultPeriod = form === 'annual' ? String(thisYear - 1) : `chongyang:${thisYear}`;
  const period = sp.get('period') ?? defaultPeriod;
  const parsed = parsePeriod(period);
  const year = parsed && 'year' in parsed ? parsed.year : thisYear;
  const campaign: Campaign = parsed?.kind === 'campaign' ? parsed.campaign : 'chongyang';
  const submissionId = sp.get('submission');
  const [fields, setFields] = useState({ note: '', headName: '', fillerName: '', fillerPhone: '' });
  const [confirming, setConfirming] = useState(false);
  const [blocked, setBlocked] = useState(false);

  const query = { form, period, ...(submissionId ? { submissionId } : {}) };
  const data = useQuery({ queryKey: reportKeys.form(query), queryFn: () => request('reports.form', query), retry: false });
  const history = useQuery({ queryKey: reportKeys.submissions({ form, period }), queryFn: () => request('reports.submissions', { form, period }) });
  const submit = useWrite({
    write: () => request('reports.submit', { form, period, ...fields }),
    invalidates: [reportKeys.all],
    onSuccess: () => {
      setConfirming(false);
      notify(t('reports.forms.submitted'));
    },
  });

  const f = data.data;
  const failed = f ? f.checks.filter((c) => !c.ok) : [];
  const years = yearsFrom(`${thisYear - 5}-01-01`, today);
  const setPeriod = (kind: FormKind, y: number, c: Campaign) => {
    setFilter('submission', '');
    setFilter('form', kind);
    setFilter('period', kind === 'annual' ? String(y) : `${c}:${y}`);
  };
  const small = { size: 'small', margin: 'none' } as const;
  return (
    <Box>
      <PageHeader title={t('reports.forms.title')} intro={t('reports.forms.intro')} />
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField select label={t('reports.forms.kind')} value={form} onChange={(e) => setPeriod(e.target.value as FormKind, year, campaign)} sx={{ width: 320 }} {...small}>
          <MenuItem value="annual">{t('reports.forms.annual')}</MenuItem>
          <MenuItem value="campaign">{t('reports.forms.campaign')}</MenuItem>
        </TextField>
        <TextField select label={t('reports.forms.year')} value={year} onChange={(e) => setPeriod(form, Number(e.target.value), campaign)} sx={{ width: 110 }} {...small}>
          {years.map((y) => (
            <MenuItem key={y} value={y}>
              {y}
            </MenuItem>
          ))}
        </TextField>
        {form === 'campaign' ? (
          <TextField select label={t('reports.forms.campaignName')} value={campaign} onChange={(e) => setPeriod(form, year, e.target.value as Campaign)} sx={{ width: 150 }} {...small}>
            {CAMPAIGNS.map((c) => (
              <MenuItem key={c} value={c}>
                {campaignLabel(c, lang())}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
        <Box sx={{ flex: 1 }} />
        <ExportButton channel="reports.formXlsx" input={query} disabled={!f} label={t('reports.forms.xlsx')} />
        <Button variant="outlined" startIcon={<PrintIcon />} disabled={!f} onClick={() => setBlocked(!openReportPrint(formPrintHash(form, period, submissionId, 'print')))}>
          {t('reports.forms.print')}
        </Button>
      </Paper>
      {blocked ? (
        <Alert severity="warning" sx={{ mb: 2 }} onClose={() => setBlocked(false)}>
          {t('print.blocked')}
        </Alert>
      ) : null}
      <ErrorAlert error={data.error} sx={{ mb: 2 }} />
      {f ? (
        <>
          {f.submission ? (
            <Alert severity="info" sx={{ mb: 2 }} action={<Button color="inherit" onClick={() => setFilter('submission', '')}>{t('reports.forms.viewCurrent')}</Button>}>
              {t('reports.forms.showingSubmitted', { date: f.submission.submittedOn })}
            </Alert>
          ) : null}
          {!f.submission && f.notYet ? <Alert severity="info" sx={{ mb: 2 }}>{f.notYet}</Alert> : null}
          <Paper variant="outlined" sx={{ p: 3, mb: 2, ...FORM_TABLE_SX }} data-testid="form-preview">
            {/* As wide as its widest table, centred: the title and the 填报单位 line stand over the tables as on paper. */}
            <Box sx={{ width: 'fit-content', minWidth: '60%', maxWidth: '100%', mx: 'auto' }}>
              <Typography variant="h5" component="h2" sx={{ textAlign: 'center', fontWeight: 700, letterSpacing: 2, mb: 1 }}>
                {f.title}
              </Typography>
              <Box sx={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mb: 1 }}>
                <Typography>{t('reports.print.formFrom', { office: f.officeName })}</Typography>
                <Typography>{t('reports.print.periodLine', { period: f.periodLabel })}</Typography>
                <Typography>{t('reports.print.asOf', { date: f.asOfLabel })}</Typography>
              </Box>
              {f.tables.map((table) => (
                <FormTableView key={table.id} table={table} />
              ))}
              {f.notes.length > 0 ? (
                <Box sx={{ fontSize: '0.9rem' }}>
                  <Typography sx={{ fontWeight: 600 }}>{t('reports.print.notes')}</Typography>
                  <ol style={{ margin: 0, paddingLeft: '1.5em' }}>
                    {f.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ol>
                </Box>
              ) : null}
            </Box>
          </Paper>
          {!f.submission ? (
            <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-label={t('reports.forms.checks')}>
              <Typography variant="h6" component="h2" sx={{ fontSize: '1.05rem' }}>
                {t('reports.forms.checks')}
              </Typography>
              <Alert severity={failed.length === 0 ? 'success' : 'warning'} sx={{ my: 1 }} data-testid="form-checks">
                {failed.length === 0 ? t('reports.forms.checksOk') : t('reports.forms.checksFailed', { count: failed.length })}
              </Alert>
              <List dense>
                {f.checks.map((c) => (
                  <ListItem key={c.key} disableGutters>
                    <ListItemIcon sx={{ minWidth: 32 }}>{c.ok ? <CheckCircleIcon color="success" fontSize="small" /> : <ErrorIcon color="error" fontSize="small" />}</ListItemIcon>
                    <ListItemText primary={c.text} />
                  </ListItem>
                ))}
              </List>
              {canWrite ? (
                <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 2, mt: 1 }}>
                  <TextField label={t('reports.forms.head')} value={fields.headName} onChange={(e) => setFields({ ...fields, headName: e.target.value })} {...small} />
                  <TextField label={t('reports.forms.filler')} value={fields.fillerName} onChange={(e) => setFields({ ...fields, fillerName: e.target.value })} {...small} />
                  <TextField label={t('reports.forms.phone')} value={fields.fillerPhone} onChange={(e) => setFields({ ...fields, fillerPhone: e.target.value })} {...small} />
                  <TextField
                    label={t('reports.forms.note')}
                    helperText={t('reports.forms.noteHelp')}
                    value={fields.note}
                    onChange={(e) => setFields({ ...fields, note: e.target.value })}
                    multiline
                    minRows={2}
                    error={failed.length > 0 && fields.note.trim() === ''}
                    sx={{ gridColumn: '1 / -1' }}
                    {...small}
                  />
                  <Box sx={{ gridColumn: '1 / -1', display: 'flex', gap: 2, alignItems: 'center' }}>
                    <Button variant="contained" startIcon={<SendIcon />} disabled={f.notYet !== null || (failed.length > 0 && fields.note.trim() === '')} onClick={() => setConfirming(true)}>
                      {t('reports.forms.submit')}
                    </Button>
                    <ErrorAlert error={submit.error} sx={{ flex: 1 }} />
                  </Box>
                </Box>
              ) : null}
            </Paper>
          ) : null}
        </>
      ) : null}
      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={t('reports.forms.history')}>
        <Typography variant="h6" component="h2" sx={{ fontSize: '1.05rem' }}>
          {t('reports.forms.history')}
        </Typography>
        {history.data && history.data.length === 0 ? <Typography color="text.secondary">{t('reports.forms.historyEmpty')}</Typography> : null}
        <List dense>
          {(history.data ?? []).map((s) => (
            <ListItem
              key={s.id}
              disableGutters
              secondaryAction={
                <Button size="small" onClick={() => setFilter('submission', s.id)} disabled={submissionId === s.id}>
                  {t('reports.forms.viewSubmitted')}
                </Button>
              }
            >
              <ListItemText
                primary={`${t('reports.forms.submittedLine', { date: s.submittedOn, name: s.submittedByName })}${s.note ? `（${t('reports.forms.withNote')}）` : ''}`}
                secondary={s.note || null}
              />
            </ListItem>
          ))}
        </List>
      </Paper>
      <ConfirmDialog
        open={confirming}
        title={t('reports.forms.submitTitle', { title: f?.title ?? '' })}
        confirmLabel={t('reports.forms.submit')}
        busy={submit.isPending}
        error={submit.error}
        onConfirm={() => submit.mutate()}
        onCancel={() => setConfirming(false)}
      >
        {t('reports.forms.submitText')}
      </ConfirmDialog>
    </Box>
  );
}
