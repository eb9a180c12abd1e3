import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/dates';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { currentLanguage } from '../../../i18n';
import { request } from '../../../rpc';
import { personKeys } from '../../../components/queryKeys';
import { describeChanges, describeEntry } from './history';

/** 变更记录: every change to the person's record, health archive and contacts, newest first. */
export function HistorySection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const history = useQuery({ queryKey: personKeys.history(personId), queryFn: () => request('persons.history', { id: personId, limit: 500 }) });
  return (
    <Box component="section">
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('persons.history.intro')}
      </Typography>
      <ErrorAlert error={history.error} sx={{ mb: 2 }} />
      {history.isPending ? <CircularProgress size={24} /> : null}
      {history.data && history.data.length === 0 ? <Typography color="text.secondary">{t('persons.history.empty')}</Typography> : null}
      {history.data && history.data.length > 0 ? (
        <Table size="small" aria-label={t('persons.detail.tabs.history')}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 170 }}>{t('persons.history.time')}</TableCell>
              <TableCell sx={{ width: 110 }}>{t('persons.history.user')}</TableCell>
              <TableCell sx={{ width: 150 }}>{t('persons.history.what')}</TableCell>
              <TableCell>{t('persons.history.changes')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {history.data.map((entry) => {
              const lines = describeChanges(entry);
              return (
                <TableRow key={entry.id} sx={{ verticalAlign: 'top' }}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, currentLanguage())}</TableCell>
                  <TableCell>{entry.username === null || entry.username === 'system' ? t('audit.system') : entry.username}</TableCell>
                  <TableCell>{describeEntry(entry)}</TableCell>
                  <TableCell>
                    {lines.map((line, i) => (
                      <Typography key={i} variant="body2">
                        {line}
                      </Typography>
                    ))}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
    </Box>
  );
}
