/**
 * 学习活动: the month calendar (/activities), the plain list (/activities/list) and one activity
 * with its sign-ups and attendance (/activities/:id).
 */
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import Box from '@mui/material/Box';
import { RouteTabs } from '../../components/RouteTabs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ActivityDetailPage } from './ActivityDetailPage';
import { ActivityListView } from './ActivityListView';
import { CalendarView } from './CalendarView';

function WithTabs({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const tabs = [
    { id: 'calendar', path: '/activities', label: t('activities.tabs.calendar') },
    { id: 'list', path: '/activities/list', label: t('activities.tabs.list') },
  ];
  return (
    <Box sx={{ maxWidth: 1500 }}>
      <PageHeader title={t('activities.title')} intro={t('activities.intro')} />
      <RouteTabs tabs={tabs} label={t('activities.title')} />
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
