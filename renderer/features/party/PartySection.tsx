/**
 * 党组织: the branches (/party), all members with filters (/party/members), who is behind with dues
 * (/party/arrears), and one branch with its committee, members, meetings and dues (/party/branches/:id).
 */
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import Box from '@mui/material/Box';
import { RouteTabs } from '../../components/RouteTabs';
import { useTranslation } from 'react-i18next';
import { ArrearsPage } from './ArrearsPage';
import { BranchDetailPage } from './BranchDetailPage';
import { BranchListPage } from './BranchListPage';
import { MembersPage } from './MembersPage';

const TABS = [
  { id: 'branches', path: '/party' },
  { id: 'members', path: '/party/members' },
  { id: 'arrears', path: '/party/arrears' },
] as const;

function SectionTabs() {
  const { t } = useTranslation();
  return <RouteTabs tabs={TABS.map((tab) => ({ ...tab, label: t(`party.tabs.${tab.id}`) }))} label={t('nav.party')} />;
}

function WithTabs({ children }: { children: ReactNode }) {
  return (
    <Box sx={{ maxWidth: 1400 }}>
      <SectionTabs />
      {children}
    </Box>
  );
}

export function PartySection() {
  return (
    <Routes>
      <Route index element={<WithTabs><BranchListPage /></WithTabs>} />
      <Route path="members" element={<WithTabs><MembersPage /></WithTabs>} />
      <Route path="arrears" element={<WithTabs><ArrearsPage /></WithTabs>} />
      <Route path="branches/:id" element={<BranchDetailPage />} />
      <Route path="*" element={<Navigate to="/party" replace />} />
    </Routes>
  );
}
