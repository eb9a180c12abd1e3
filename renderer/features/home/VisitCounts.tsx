import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { request } from '../../rpc';
import { careKeys } from '../../components/queryKeys';
import { useCanVisit, useSeesOthers } from '../../components/access';

function Count({ label, count, tone, to }: { label: string; count: number | undefined; tone: string; to: string }) {
  return (
    <Button component={RouterLink} to={to} sx={{ display: 'block', textAlign: 'left', border: 1, borderColor: 'divider', borderLeft: `6px solid ${tone}`, px: 2, py: 1 }}>
      <Typography sx={{ color: tone, fontWeight: 600 }}>{label}</Typography>
      <Typography sx={{ fontSize: '1.9rem', fontWeight: 700, lineHeight: 1.2, color: count ? tone : 'text.disabled', fontVariantNumeric: 'tabular-nums' }}>{count ?? '…'}</Typography>
    </Button>
  );
}

/** 走访 at a glance on the home page: the visits overdue and due now, the reader's own and (staff) the office's. */
export function VisitCounts() {
  const { t } = useTranslation();
  const canVisit = useCanVisit();
  const seesOthers = useSeesOthers();
  const mineQuery = { limit: 1 } as const;
  const officeQuery = { scope: 'all', limit: 1 } as const;
  const mine = useQuery({ queryKey: careKeys.worklist(mineQuery), queryFn: () => request('visits.worklist', mineQuery), enabled: canVisit });
  const office = useQuery({ queryKey: careKeys.worklist(officeQuery), queryFn: () => request('visits.worklist', officeQuery), enabled: seesOthers });
  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        {t('home.visitsTitle')}
      </Typography>
      <ErrorAlert error={mine.error ?? office.error} sx={{ mb: 2 }} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' }, gap: 2 }}>
        {canVisit ? (
          <>
            <Count label={t('home.myOverdue')} count={mine.data?.personCounts.overdue} tone="#c62828" to="/visits?status=overdue" />
            <Count label={t('home.myDue')} count={mine.data?.personCounts.due} tone="#e65100" to="/visits?status=due" />
          </>
        ) : null}
        {seesOthers ? (
          <>
            <Count label={t('home.officeOverdue')} count={office.data?.personCounts.overdue} tone="#c62828" to="/visits?who=all&status=overdue" />
            <Count label={t('home.officeDue')} count={office.data?.personCounts.due} tone="#e65100" to="/visits?who=all&status=due" />
          </>
        ) : null}
      </Box>
    </Paper>
  );
}
