/**
 * 数据包: key cards and the trust list (/packets), export (/packets/export), import (/packets/import),
 * the log (/packets/log) and conflicts (/packets/conflicts).
 */
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import Box from '@mui/material/Box';
import { RouteTabs } from '../../components/RouteTabs';
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
  return <RouteTabs tabs={TABS.map((tab) => ({ ...tab, label: t(`packets.tabs.${tab.id}`) }))} label={t('nav.packets')} scrollable />;
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
