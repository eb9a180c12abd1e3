/**
 * On a person's page (tab 党组织与活动): the activities they signed up for or attended, newest
 * first, with this year's counts. Each row opens the activity.
 */
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { request } from '../../rpc';
import { AttendanceChip } from './ActivityDetailPage';
import { activityKeys, KIND_COLOURS, kindLabel, placeText } from './common';

export function PersonActivitiesSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: activityKeys.person(personId), queryFn: () => request('activities.forPerson', { personId }) });
  const data = mine.data;
  return (
    <Box component="section" aria-labelledby="person-activities-title" data-testid="person-activities">
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1, flexWrap: 'wrap' }}>
        <Typography id="person-activities-title" variant="h6" component="h2">
          {t('activities.person.title')}
        </Typography>
        {data ? (
          <Typography color="text.secondary">
            {t('activities.person.thisYear', { year: data.year, signedUp: data.signedUpThisYear, attended: data.attendedThisYear })}
          </Typography>
        ) : null}
      </Box>
      <ErrorAlert error={mine.error} />
      {data && data.rows.length === 0 ? <Typography color="text.secondary">{t('activities.person.empty')}</Typography> : null}
      {data && data.rows.length > 0 ? (
        <Table size="small" aria-labelledby="person-activities-title">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 110 }}>{t('activities.fields.date')}</TableCell>
              <TableCell sx={{ width: 110 }}>{t('activities.fields.kind')}</TableCell>
              <TableCell>{t('activities.fields.title')}</TableCell>
              <TableCell>{t('activities.fields.placeKind')}</TableCell>
              <TableCell sx={{ width: 120 }}>{t('activities.person.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.rows.map((r) => (
              <TableRow key={r.participantId} hover>
                <TableCell>{r.date}</TableCell>
                <TableCell>
                  <Box component="span" sx={{ px: 1, py: 0.25, borderRadius: 1, fontSize: 13, color: '#fff', bgcolor: KIND_COLOURS[r.kind], whiteSpace: 'nowrap' }}>
                    {kindLabel(r.kind)}
                  </Box>
                </TableCell>
                <TableCell>
                  <Link component={RouterLink} to={`/activities/${r.activityId}`}>
                    {r.title}
                  </Link>
                </TableCell>
                <TableCell>{placeText(r)}</TableCell>
                <TableCell>
                  <AttendanceChip signedUp={r.signedUp} attended={r.attended} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Box>
  );
}
