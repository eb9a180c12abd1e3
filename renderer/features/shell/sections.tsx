/**
 * The one list of the app's sections, in menu order. A section that is not built yet has no page:
 * it appears neither in the menu nor in the routes. Later issues set `built: true` and a page.
 */
import type { ComponentType } from 'react';
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
import ApartmentIcon from '@mui/icons-material/Apartment';
import BarChartIcon from '@mui/icons-material/BarChart';
import SettingsIcon from '@mui/icons-material/Settings';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import BackupIcon from '@mui/icons-material/Backup';
import HistoryIcon from '@mui/icons-material/History';
import InfoIcon from '@mui/icons-material/Info';
import { ADMIN_ONLY, ALL_ROLES, READERS, WRITERS, type Role } from '../../../shared/roles';
import { HomePage } from '../home/HomePage';
import { RegistrySection } from '../registry/RegistrySection';
import { GridsSection } from '../grids/GridsSection';
import { VisitsSection } from '../visits/VisitsSection';
import { PacketsSection } from '../packets/PacketsSection';
import { PartySection } from '../party/PartySection';
import { ActivitiesSection } from '../activities/ActivitiesSection';
import { VolunteersSection } from '../volunteers/VolunteersSection';
import { PairsSection } from '../pairs/PairsSection';
import { UnitsSection } from '../units/UnitsSection';
import { SettingsPage } from '../settings/SettingsPage';
import { UsersPage } from '../users/UsersPage';
import { BackupPage } from '../backup/BackupPage';
import { AuditPage } from '../audit/AuditPage';
import { AboutPage } from '../about/AboutPage';

interface SectionBase {
  /** Also the menu label's i18n key: `nav.<id>`. */
  id: 'home' | 'persons' | 'grids' | 'visits' | 'party' | 'activities' | 'volunteers' | 'pairs' | 'units' | 'packets' | 'reports' | 'settings' | 'users' | 'backup' | 'audit' | 'about';
  /** Route path under the shell ('/' for home). */
  path: string;
  icon: typeof SvgIcon;
  /** Who sees it; main checks every call anyway. */
  roles: readonly Role[];
  group: 'work' | 'system';
  /** The page has routes of its own below `path` (list, detail, forms). */
  nested?: boolean;
}

export type Section = SectionBase & ({ built: true; page: ComponentType } | { built: false; page?: undefined });

export const SECTIONS: readonly Section[] = [
  { id: 'home', path: '/', icon: HomeIcon, roles: ALL_ROLES, group: 'work', built: true, page: HomePage },
  { id: 'persons', path: '/registry', icon: FolderSharedIcon, roles: ALL_ROLES, group: 'work', nested: true, built: true, page: RegistrySection },
  { id: 'grids', path: '/grids', icon: GridViewIcon, roles: ALL_ROLES, group: 'work', nested: true, built: true, page: GridsSection },
  { id: 'visits', path: '/visits', icon: DirectionsWalkIcon, roles: ALL_ROLES, group: 'work', nested: true, built: true, page: VisitsSection },
  { id: 'party', path: '/party', icon: FlagIcon, roles: READERS, group: 'work', nested: true, built: true, page: PartySection },
  { id: 'activities', path: '/activities', icon: CelebrationIcon, roles: READERS, group: 'work', nested: true, built: true, page: ActivitiesSection },
  { id: 'volunteers', path: '/volunteers', icon: VolunteerActivismIcon, roles: READERS, group: 'work', nested: true, built: true, page: VolunteersSection },
  { id: 'pairs', path: '/pairs', icon: HandshakeIcon, roles: READERS, group: 'work', nested: true, built: true, page: PairsSection },
  { id: 'units', path: '/units', icon: ApartmentIcon, roles: READERS, group: 'work', nested: true, built: true, page: UnitsSection },
  { id: 'packets', path: '/packets', icon: Inventory2Icon, roles: WRITERS, group: 'work', nested: true, built: true, page: PacketsSection },
  { id: 'reports', path: '/reports', icon: BarChartIcon, roles: READERS, group: 'work', built: false },
  { id: 'settings', path: '/settings', icon: SettingsIcon, roles: ALL_ROLES, group: 'system', built: true, page: SettingsPage },
  { id: 'users', path: '/users', icon: ManageAccountsIcon, roles: ADMIN_ONLY, group: 'system', built: true, page: UsersPage },
  { id: 'backup', path: '/backup', icon: BackupIcon, roles: ADMIN_ONLY, group: 'system', built: true, page: BackupPage },
  { id: 'audit', path: '/audit', icon: HistoryIcon, roles: READERS, group: 'system', built: true, page: AuditPage },
  { id: 'about', path: '/about', icon: InfoIcon, roles: ALL_ROLES, group: 'system', built: true, page: AboutPage },
];

export type BuiltSection = Section & { built: true; page: ComponentType };

/** The sections this role can open now: built ones it is allowed to use. */
export function sectionsFor(role: Role): BuiltSection[] {
  return SECTIONS.filter((s): s is BuiltSection => s.built && s.roles.includes(role));
}
