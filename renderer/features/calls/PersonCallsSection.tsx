/** A person's calls and walk-ins, on their page, with 登记 for a new one about them. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../components/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useServerToday } from '../../components/serverToday';
import { request } from '../../rpc';
import { CallDialog } from './CallDialog';
import { CallTable } from './CallTable';
import { callKeys } from './common';

export function PersonCallsSection({ personId, personName }: { personId: string; personName: string }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const { today } = useServerToday();
  const [adding, setAdding] = useState(false);
  const query = { personId, limit: 100 };
  const calls = useQuery({ queryKey: callKeys.list(query), queryFn: () => request('calls.list', query) });
  return (
    <Paper variant="outlined" component="section" sx={{ p: 2, mt: 2 }} aria-labelledby="person-calls-title">
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" id="person-calls-title" sx={{ flex: 1 }}>
          {t('calls.person.title')}
        </Typography>
        {canWrite ? (
          <Button startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            {t('calls.actions.add')}
          </Button>
        ) : null}
      </Box>
      <ErrorAlert error={calls.error} />
      {calls.data && calls.data.rows.length === 0 ? <Typography color="text.secondary">{t('calls.person.empty')}</Typography> : null}
      {calls.data && calls.data.rows.length > 0 ? <CallTable rows={calls.data.rows} canWrite={canWrite} showPerson={false} /> : null}
      <CallDialog open={adding} today={today} person={adding ? { id: personId, name: personName, address: '' } : null} onClose={() => setAdding(false)} />
    </Paper>
  );
}
