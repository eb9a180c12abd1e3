/**
 * 统计: 统计概览 (/reports) with the list behind every number (/reports/drill?…) and each indicator's
 * 分项 (/reports/indicator/<key>?period=…&by=…), 工作小结
 * (/reports/work), 统计报表 (/reports/forms) and a hand-in compared with the records now
 * (/reports/compare/<id>); at the county bureau also 县级汇总 (/reports/county) and 年度考核
 * (/reports/scorecard).
 */
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import Box from '@mui/material/Box';
import { useTranslation } from 'react-i18next';
import { RouteTabs } from '../../components/RouteTabs';
import { useSession } from '../../state';
import { ComparePage } from './ComparePage';
import { CountyPage } from './CountyPage';
import { ScorecardPage } from './ScorecardPage';
import { DashboardPage } from './DashboardPage';
import { DrillPage } from './DrillPage';
import { IndicatorPage } from './IndicatorPage';
import { FormsPage } from './FormsPage';
import { WorkSummaryPage } from './WorkSummaryPage';

const TABS = [
  { id: 'dashboard', path: '/reports' },
  { id: 'work', path: '/reports/work' },
  { id: 'forms', path: '/reports/forms' },
  { id: 'county', path: '/reports/county' },
  { id: 'scorecard', path: '/reports/scorecard' },
] as const;

function WithTabs({ children, handIn = false }: { children: ReactNode; handIn?: boolean }) {
  const { t } = useTranslation();
  const bureau = useSession().info.office?.mode === 'bureau';
  const tabs = TABS.filter((tab) => (tab.id !== 'county' && tab.id !== 'scorecard') || bureau);
  return (
    <Box sx={{ maxWidth: 1500 }}>
      <RouteTabs
        tabs={tabs.map((tab) => ({ ...tab, label: t(`reports.tabs.${tab.id}`) }))}
        label={t('reports.title')}
        // A hand-in is opened from the bureau's 报送情况 (县级汇总) or the office's 统计报表: that tab stays lit.
        selected={handIn ? (bureau ? 'county' : 'forms') : undefined}
      />
      {children}
    </Box>
  );
}

export function ReportsSection() {
  return (
    <Routes>
      <Route index element={<WithTabs><DashboardPage /></WithTabs>} />
      <Route path="drill" element={<WithTabs><DrillPage /></WithTabs>} />
      <Route path="indicator/:key" element={<WithTabs><IndicatorPage /></WithTabs>} />
      <Route path="work" element={<WithTabs><WorkSummaryPage /></WithTabs>} />
      <Route path="forms" element={<WithTabs><FormsPage /></WithTabs>} />
      <Route path="county" element={<WithTabs><CountyPage /></WithTabs>} />
      <Route path="scorecard" element={<WithTabs><ScorecardPage /></WithTabs>} />
      <Route path="compare/:id" element={<WithTabs handIn><ComparePage /></WithTabs>} />
      <Route path="*" element={<Navigate to="/reports" replace />} />
    </Routes>
  );
}
