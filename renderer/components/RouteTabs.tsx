import { Link as RouterLink, useLocation } from 'react-router';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';

export interface RouteTab {
  id: string;
  /** The route the tab links to; the first tab's is the section's own path. */
  path: string;
  label: string;
}

/**
 * A section's tabs as links to its routes, so each tab has an address (back, reload and links
 * land on it). The first tab is the section's index: it is selected unless the address lies
 * under another tab's path (e.g. a team's page under 服务队). A page that lies under none but
 * belongs to one (a hand-in opened from 报送情况) names it in `selected`.
 */
export function RouteTabs({ tabs, label, scrollable = false, selected }: { tabs: readonly RouteTab[]; label: string; scrollable?: boolean; selected?: string | undefined }) {
  const { pathname } = useLocation();
  const current = selected ?? tabs.slice(1).find((tab) => pathname.startsWith(tab.path))?.id ?? tabs[0]?.id;
  return (
    <Tabs value={current} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }} aria-label={label} variant={scrollable ? 'scrollable' : 'standard'}>
      {tabs.map((tab) => (
        <Tab key={tab.id} value={tab.id} label={tab.label} component={RouterLink} to={tab.path} />
      ))}
    </Tabs>
  );
}
