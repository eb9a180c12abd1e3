/**
 * 数据包: key cards and the trust list (/packets), export (/packets/export), import (/packets/import),
 * the log (/packets/log) and conflicts (/packets/conflicts).
 */
import type { ReactNode } from 'react';
import { Link as RouterLink, Navigate, Route, Routes, useLocation } from 'react-router';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useTranslation } from 'react-i18next';
import { ConflictsPage } from './ConflictsPage';
import { ExportPage } from './ExportPage';
import { ImportPage } from './ImportPage';
import { KeysPage } from './KeysPage';
import { LogPage } from './LogPage';

const TABS = [
  { id: 'keys', path: '/packets' },
  { id: 'export', path: '/packets/export' },
  { id: 'import', path: '/packets/import' },
  { id: 'log', path: '/packets/log' },
  { id: 'conflicts', path: '/packets/conflicts' },
] as const;

function SectionTabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = TABS.find((tab) => tab.path !== '/packets' && pathname.startsWith(tab.path))?.id ?? 'keys';
  return (
    <Tabs value={current} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }} aria-label={t('nav.packets')} variant="scrollable">
      {TABS.map((tab) => (
        <Tab key={tab.id} value={tab.id} label={t(`packets.tabs.${tab.id}`)} component={RouterLink} to={tab.path} />
      ))}
    </Tabs>
  );
}

function WithTabs({ children }: { children: ReactNode }) {
  return (
    <Box sx={{ maxWidth: 1300 }}>
      <SectionTabs />
      {children}
    </Box>
  );
}

export function PacketsSection() {
  return (
    <Routes>
      <Route index element={<WithTabs><KeysPage /></WithTabs>} />
      <Route path="export" element={<WithTabs><ExportPage /></WithTabs>} />
      <Route path="import" element={<WithTabs><ImportPage /></WithTabs>} />
      <Route path="log" element={<WithTabs><LogPage /></WithTabs>} />
      <Route path="conflicts" element={<WithTabs><ConflictsPage /></WithTabs>} />
      <Route path="*" element={<Navigate to="/packets" replace />} />
    </Routes>
  );
}
