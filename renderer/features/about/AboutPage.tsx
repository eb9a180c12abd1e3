import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { request } from '../../rpc';

export function AboutPage() {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => request('app.info', {}) });
  const rows: { label: string; value: string }[] = info.data
    ? [
        { label: t('about.appName'), value: t('app.name') },
        { label: t('about.version'), value: info.data.version },
        { label: t('about.dataDir'), value: info.data.dataDir },
        { label: t('about.databasePath'), value: info.data.databasePath },
        { label: t('about.logFile'), value: info.data.logFile },
        { label: t('about.transport'), value: t(`about.transports.${info.data.transport}`) },
        { label: t('about.schemaVersion'), value: String(info.data.schemaVersion) },
      ]
    : [];
  return (
    <Box sx={{ maxWidth: 900 }}>
      <PageHeader title={t('about.title')} />
      <ErrorAlert error={info.error} />
      {info.isPending ? <Typography>{t('common.loading')}</Typography> : null}
      {rows.length > 0 ? (
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 3, rowGap: 1.5, m: 0 }}>
            {rows.map((r) => (
              <Box key={r.label} sx={{ display: 'contents' }}>
                <Typography component="dt" color="text.secondary">
                  {r.label}
                </Typography>
                <Typography component="dd" sx={{ m: 0, wordBreak: 'break-all' }}>
                  {r.value}
                </Typography>
              </Box>
            ))}
          </Box>
        </Paper>
      ) : null}
    </Box>
  );
}
