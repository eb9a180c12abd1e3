import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';

/** The frame of the screens before the shell: setup and login. */
export function AuthLayout({ title, subtitle, width = 480, children }: { title: string; subtitle?: string; width?: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', p: 2, bgcolor: 'background.default' }}
    >
      <Paper elevation={2} sx={{ width: '100%', maxWidth: width, p: { xs: 3, sm: 4 } }}>
        <Typography variant="overline" color="primary" sx={{ display: 'block', fontSize: '0.9rem', letterSpacing: 1 }}>
          {t('app.name')}
        </Typography>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {subtitle ? (
          <Typography color="text.secondary" sx={{ mt: 1 }}>
            {subtitle}
          </Typography>
        ) : null}
        <Box sx={{ mt: 2 }}>{children}</Box>
      </Paper>
    </Box>
  );
}
