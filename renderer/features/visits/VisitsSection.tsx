/**
 * 走访: the worklist (/visits), service requests (/visits/requests), printed lists (/visits/lists)
 * and entering a list's results (/visits/lists/:listNo), recording a visit (/visits/record/:personId).
 */
import type { ReactNode } from 'react';
import { Link as RouterLink, Navigate, Route, Routes, useLocation } from 'react-router';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useTranslation } from 'react-i18next';
import { ListsPage } from '../lists';
import { ResultEntryPage } from '../lists';
import { RequestsPage } from '../requests';
import { useCanVisit } from '../../components/access';
import { RecordVisitPage } from './RecordVisitPage';
import { WorklistPage } from './WorklistPage';

const TABS = [
  { id: 'worklist', path: '/visits' },
  { id: 'requests', path: '/visits/requests' },
  { id: 'lists', path: '/visits/lists' },
] as const;

function SectionTabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = TABS.find((tab) => tab.path !== '/visits' && pathname.startsWith(tab.path))?.id ?? 'worklist';
  return (
    <Tabs value={current} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }} aria-label={t('nav.visits')}>
      {TABS.map((tab) => (
        <Tab key={tab.id} value={tab.id} label={t(`visits.tabs.${tab.id}`)} component={RouterLink} to={tab.path} />
      ))}
    </Tabs>
  );
}

function WithTabs({ children }: { children: ReactNode }) {
  return (
    <Box sx={{ maxWidth: 1500 }}>
      <SectionTabs />
      {children}
    </Box>
  );
}

export function VisitsSection() {
  const canVisit = useCanVisit();
  const toList = <Navigate to="/visits" replace />;
  return (
    <Routes>
      <Route index element={<WithTabs><WorklistPage /></WithTabs>} />
      <Route path="requests" element={<WithTabs><RequestsPage /></WithTabs>} />
      <Route path="lists" element={<WithTabs><ListsPage /></WithTabs>} />
      <Route path="lists/:listNo" element={canVisit ? <Box sx={{ maxWidth: 1500 }}><ResultEntryPage /></Box> : toList} />
      <Route path="record/:personId" element={canVisit ? <RecordVisitPage /> : toList} />
      <Route path="*" element={toList} />
    </Routes>
  );
}
