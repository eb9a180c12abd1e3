/**
 * The one list of the app's sections, in menu order, without their pages (features/shell/sectionPages.tsx
 * maps each built section to its page), so any page may read the menu without importing every other page.
 * A section that is not built yet appears neither in the menu nor in the routes.
 */
import type SvgIcon from '@mui/material/SvgIcon';
import HomeIcon from '@mui/icons-material/Home';
import FolderSharedIcon from '@mui/icons-material/FolderShared';
import GridViewIcon from '@mui/icons-material/GridView';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import FlagIcon from '@mui/icons-material/Flag';
import CelebrationIcon from '@mui/icons-material/Celebration';
import Inventory2Icon from '@mui/icons-material/Inventory2';
import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import HandshakeIcon from '@mui/icons-material/Handshake';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import ApartmentIcon from '@mui/icons-material/Apartment';
import BarChartIcon from '@mui/icons-material/BarChart';
import SettingsIcon from '@mui/icons-material/Settings';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import BackupIcon from '@mui/icons-material/Backup';
import HistoryIcon from '@mui/icons-material/History';
import InfoIcon from '@mui/icons-material/Info';
import { ADMIN_ONLY, ALL_ROLES, READERS, WRITERS, type Role } from '../shared/roles';

export interface Section {
  /** Also the menu label's i18n key: `nav.<id>`. */
  id: 'home' | 'persons' | 'grids' | 'visits' | 'party' | 'activities' | 'volunteers' | 'pairs' | 'calls' | 'units' | 'packets' | 'reports' | 'settings' | 'users' | 'backup' | 'audit' | 'about';
  /** Route path under the shell ('/' for home). */
  path: string;
  icon: typeof SvgIcon;
  /** Who sees it; main checks every call anyway. */
  roles: readonly Role[];
  group: 'work' | 'system';
  /** The page has routes of its own below `path` (list, detail, forms). */
  nested?: boolean;
  built: boolean;
}


export const SECTIONS: readonly Section[] = [
  { id: 'home', path: '/', icon: HomeIcon, roles: ALL_ROLES, group: 'work', built: true },
  { id: 'persons', path: '/persons', icon: FolderSharedIcon, roles: ALL_ROLES, group: 'work', nested: true, built: true },
  { id: 'grids', path: '/grids', icon: GridViewIcon, roles: ALL_ROLES, group: 'work', nested: true, built: true },
  { id: 'visits', path: '/visits', icon: DirectionsWalkIcon, roles: ALL_ROLES, group: 'work', nested: true, built: true },
  { id: 'party', path: '/party', icon: FlagIcon, roles: READERS, group: 'work', nested: true, built: true },
  { id: 'activities', path: '/activities', icon: CelebrationIcon, roles: READERS, group: 'work', nested: true, built: true },
  { id: 'volunteers', path: '/volunteers', icon: VolunteerActivismIcon, roles: READERS, group: 'work', nested: true, built: true },
  { id: 'pairs', path: '/pairs', icon: HandshakeIcon, roles: READERS, group: 'work', nested: true, built: true },
  { id: 'calls', path: '/calls', icon: PhoneInTalkIcon, roles: READERS, group: 'work', nested: true, built: true },
  { id: 'units', path: '/units', icon: ApartmentIcon, roles: READERS, group: 'work', nested: true, built: true },
  { id: 'packets', path: '/packets', icon: Inventory2Icon, roles: WRITERS, group: 'work', nested: true, built: true },
  { id: 'reports', path: '/reports', icon: BarChartIcon, roles: READERS, group: 'work', nested: true, built: true },
  { id: 'settings', path: '/settings', icon: SettingsIcon, roles: ALL_ROLES, group: 'system', built: true },
  { id: 'users', path: '/users', icon: ManageAccountsIcon, roles: ADMIN_ONLY, group: 'system', built: true },
  { id: 'backup', path: '/backup', icon: BackupIcon, roles: ADMIN_ONLY, group: 'system', built: true },
  { id: 'audit', path: '/audit', icon: HistoryIcon, roles: READERS, group: 'system', built: true },
  { id: 'about', path: '/about', icon: InfoIcon, roles: ALL_ROLES, group: 'system', built: true },
];

export type SectionId = Section['id'];

/** The sections this role can open now: built ones it is allowed to use. */
export function sectionsFor(role: Role): Section[] {
  return SECTIONS.filter((s) => s.built && s.roles.includes(role));
}
