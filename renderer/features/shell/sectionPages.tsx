/** The page of each built section (the menu itself is renderer/sections.ts). */
import type { ComponentType } from 'react';
import type { SectionId } from '../../sections';
import { HomePage } from '../home';
import { PersonsSection } from '../persons';
import { GridsSection } from '../grids';
import { VisitsSection } from '../visits';
import { PacketsSection } from '../packets';
import { PartySection } from '../party';
import { ActivitiesSection } from '../activities';
import { VolunteersSection } from '../volunteers';
import { PairsSection } from '../pairs';
import { UnitsSection } from '../units';
import { ReportsSection } from '../reports';
import { SettingsPage } from '../settings';
import { UsersPage } from '../users';
import { BackupPage } from '../backup';
import { AuditPage } from '../audit';
import { AboutPage } from '../about';

export const SECTION_PAGES: Partial<Record<SectionId, ComponentType>> = {
  home: HomePage,
  persons: PersonsSection,
  grids: GridsSection,
  visits: VisitsSection,
  party: PartySection,
  activities: ActivitiesSection,
  volunteers: VolunteersSection,
  pairs: PairsSection,
  units: UnitsSection,
  packets: PacketsSection,
  reports: ReportsSection,
  settings: SettingsPage,
  users: UsersPage,
  backup: BackupPage,
  audit: AuditPage,
  about: AboutPage,
};
