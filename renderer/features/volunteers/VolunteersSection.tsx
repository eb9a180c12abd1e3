/**
 * 志愿服务 (发挥作用): 概览 with the year's totals and the 光荣榜 (/volunteers), the teams
 * (/volunteers/teams, one team /volunteers/teams/:id), the volunteers (/volunteers/people, one
 * volunteer /volunteers/people/:id) and the service records (/volunteers/services).
 */
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import Box from '@mui/material/Box';
import { RouteTabs } from '../../components/RouteTabs';
import { useTranslation } from 'react-i18next';
import { OverviewPage } from './OverviewPage';
import { TeamsPage } from './TeamsPage';
import { TeamDetailPage } from './TeamDetailPage';
import { VolunteersPage } from './VolunteersPage';
import { VolunteerDetailPage } from './VolunteerDetailPage';
import { ServicesPage } from './ServicesPage';

const TABS = [
  { id: 'overview', path: '/volunteers' },
  { id: 'teams', path: '/volunteers/teams' },
  { id: 'people', path: '/volunteers/people' },
  { id: 'services', path: '/volunteers/services' },
] as const;

function SectionTabs() {
  const { t } = useTranslation();
  return <RouteTabs tabs={TABS.map((tab) => ({ ...tab, label: t(`volunteers.tabs.${tab.id}`) }))} label={t('volunteers.title')} />;
}

function WithTabs({ children }: { children: ReactNode }) {
  return (
    <Box sx={{ maxWidth: 1400 }}>
      <SectionTabs />
      {children}
    </Box>
  );
}

export function VolunteersSection() {
  return (
    <Routes>
      <Route index element={<WithTabs><OverviewPage /></WithTabs>} />
      <Route path="teams" element={<WithTabs><TeamsPage /></WithTabs>} />
      <Route path="teams/:id" element={<WithTabs><TeamDetailPage /></WithTabs>} />
      <Route path="people" element={<WithTabs><VolunteersPage /></WithTabs>} />
      <Route path="people/:id" element={<WithTabs><VolunteerDetailPage /></WithTabs>} />
      <Route path="services" element={<WithTabs><ServicesPage /></WithTabs>} />
      <Route path="*" element={<Navigate to="/volunteers" replace />} />
    </Routes>
  );
}
