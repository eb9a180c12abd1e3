import { Link } from 'react-router';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../state';
import { sectionsFor } from '../../sections';
import { ConflictCount } from './ConflictCount';
import { VisitCounts } from './VisitCounts';
import { MorningView } from '../reports';
import { READERS } from '../../../shared/roles';

/** Welcome, the office's identity, and shortcuts to what this role can open. */
export function HomePage() {
  const { t } = useTranslation();
  const { info, user } = useSession();
  const office = info.office;
  const shortcuts = sectionsFor(user.role).filter((s) => s.id !== 'home');
  const facts: { label: string; value: string }[] = [
    { label: t('home.officeName'), value: office?.name ?? t('common.dash') },
    { label: t('home.areaCode'), value: office?.areaCode ?? t('common.dash') },
    { label: t('home.mode'), value: office ? t(`mode.${office.mode}`) : t('common.dash') },
    { label: t('home.yourRole'), value: t(`role.${user.role}`) },
  ];
  return (
    <Box sx={{ maxWidth: 1100 }}>
      <Typography variant="h4" component="h1" sx={{ fontWeight: 600, mb: 2 }}>
        {t('home.welcome', { name: user.displayName })}
      </Typography>
      <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {t('home.officeTitle')}
        </Typography>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', lg: 'repeat(4, 1fr)' }, gap: 2, m: 0 }}
        >
          {facts.map((f) => (
            <Box key={f.label}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {f.label}
              </Typography>
              <Typography component="dd" sx={{ m: 0, fontSize: '1.15rem', fontWeight: 500 }}>
                {f.value}
              </Typography>
            </Box>
          ))}
        </Box>
      </Paper>
      <ConflictCount />
      {/* The office head's morning view for those who read the office's figures; grid workers keep their own visit counts. */}
      {READERS.includes(user.role) ? <MorningView /> : <VisitCounts />}
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        {t('home.shortcuts')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 2 }}>
        {shortcuts.map((s) => {
          const Icon = s.icon;
          return (
            <Card key={s.id} variant="outlined">
              <CardActionArea component={Link} to={s.path} sx={{ height: '100%' }}>
                <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
                  <Icon color="primary" fontSize="large" />
                  <Typography sx={{ fontSize: '1.1rem', fontWeight: 500 }}>{t(`nav.${s.id}`)}</Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          );
        })}
      </Box>
    </Box>
  );
}
