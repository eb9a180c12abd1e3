/**
 * 学习活动: the month calendar (/activities), the plain list (/activities/list) and one activity
 * with its sign-ups and attendance (/activities/:id).
 */
import type { ReactNode } from 'react';
import { Link as RouterLink, Navigate, Route, Routes, useLocation } from 'react-router';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ActivityDetailPage } from './ActivityDetailPage';
import { ActivityListView } from './ActivityListView';
import { CalendarView } from './CalendarView';

function WithTabs({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = pathname.startsWith('/activities/list') ? 'list' : 'calendar';
  return (
    <Box sx={{ maxWidth: 1500 }}>
      <PageHeader title={t('activities.title')} intro={t('activities.intro')} />
      <Tabs value={current} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }} aria-label={t('activities.title')}>
        <Tab value="calendar" label={t('activities.tabs.calendar')} component={RouterLink} to="/activities" />
        <Tab value="list" label={t('activities.tabs.list')} component={RouterLink} to="/activities/list" />
      </Tabs>
      {children}
    </Box>
  );
}

export function ActivitiesSection() {
  return (
    <Routes>
      <Route index element={<WithTabs><CalendarView /></WithTabs>} />
      <Route path="list" element={<WithTabs><ActivityListView /></WithTabs>} />
      <Route path=":id" element={<ActivityDetailPage />} />
      <Route path="*" element={<Navigate to="/activities" replace />} />
    </Routes>
  );
}
