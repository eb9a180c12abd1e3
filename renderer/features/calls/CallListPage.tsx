/**
 * 来电来访登记 (/calls): the log, newest first, or one day's calls in the order they came (the duty
 * handover, printable as 值班记录); searchable by name, phone or words said; exported to .xlsx as filtered.
 */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import PrintIcon from '@mui/icons-material/Print';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../components/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { SearchField } from '../../components/SearchField';
import { useServerToday } from '../../components/serverToday';
import { request } from '../../rpc';
import { OfficeFilter, useCountyOffices } from '../reports';
import { CallDialog } from './CallDialog';
import { CallTable } from './CallTable';
import { callKeys, openCallsDayPrint } from './common';

export function CallListPage() {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const { today } = useServerToday();
  const [q, setQ] = useState('');
  const [day, setDay] = useState('');
  const [adding, setAdding] = useState(false);
  const [blocked, setBlocked] = useState(false);
  const county = useCountyOffices();
  const [office, setOffice] = useState('');
  const oneDay = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
  const filter = { ...(q ? { q } : {}), ...(oneDay ? { from: oneDay, to: oneDay } : {}), ...(county && office ? { office } : {}) };
  const query = { ...filter, limit: 200 };
  const calls = useQuery({ queryKey: callKeys.list(query), queryFn: () => request('calls.list', query), placeholderData: keepPreviousData });

  return (
    <Box sx={{ maxWidth: 1400 }}>
      <PageHeader
        title={t('calls.title')}
        intro={t('calls.intro')}
        actions={
          <Box sx={{ display: 'flex', gap: 1 }}>
            <ExportButton channel="reports.exportCalls" input={filter} disabled={calls.data?.total === 0} />
            <Button startIcon={<PrintIcon />} onClick={() => setBlocked(!openCallsDayPrint(oneDay ?? today))}>
              {t('calls.actions.print')}
            </Button>
            {canWrite ? (
              <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
                {t('calls.actions.add')}
              </Button>
            ) : null}
          </Box>
        }
      />
      {blocked ? (
        <Alert severity="warning" sx={{ mb: 1 }} onClose={() => setBlocked(false)}>
          {t('print.blocked')}
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', gap: 2, mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <OfficeFilter county={county} value={office} onChange={setOffice} />
          <SearchField value={q} onCommit={setQ} icon="small" size="small" label={t('calls.actions.search')} sx={{ width: 320 }} />
          <TextField size="small" label={t('calls.actions.day')} placeholder="2026-11-27" value={day} onChange={(e) => setDay(e.target.value.trim())} sx={{ width: 180 }} />
          <Button size="small" onClick={() => setDay(today)}>
            {today}
          </Button>
          {day ? (
            <Button size="small" onClick={() => setDay('')}>
              {t('calls.actions.allDays')}
            </Button>
          ) : null}
          <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
            {t('calls.total', { count: calls.data?.total ?? 0 })}
          </Typography>
        </Box>
        <ErrorAlert error={calls.error} />
        {calls.data ? <CallTable rows={calls.data.rows} canWrite={canWrite} officeNames={county?.names} /> : null}
      </Paper>
      <CallDialog open={adding} today={today} onClose={() => setAdding(false)} />
    </Box>
  );
}
