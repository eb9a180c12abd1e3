/**
 * The page of each built section (the menu itself is renderer/sections.ts). Each section is its own
 * chunk, loaded the first time someone opens it: the login screen and the shell come up without the
 * code of the data grid, the charts, the date pickers or the print layouts.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { SectionId } from '../../sections';

/** A lazily loaded named export of a feature's index. */
function section<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: pick(await load()) }));
}

export const SECTION_PAGES: Partial<Record<SectionId, ComponentType>> = {
  home: section(() => import('../home'), (m) => m.HomePage),
  persons: section(() => import('../persons'), (m) => m.PersonsSection),
  grids: section(() => import('../grids'), (m) => m.GridsSection),
  visits: section(() => import('../visits'), (m) => m.VisitsSection),
  party: section(() => import('../party'), (m) => m.PartySection),
  activities: section(() => import('../activities'), (m) => m.ActivitiesSection),
  volunteers: section(() => import('../volunteers'), (m) => m.VolunteersSection),
  pairs: section(() => import('../pairs'), (m) => m.PairsSection),
  calls: section(() => import('../calls'), (m) => m.CallsSection),
  units: section(() => import('../units'), (m) => m.UnitsSection),
  packets: section(() => import('../packets'), (m) => m.PacketsSection),
  reports: section(() => import('../reports'), (m) => m.ReportsSection),
  settings: section(() => import('../settings'), (m) => m.SettingsPage),
  users: section(() => import('../users'), (m) => m.UsersPage),
  backup: section(() => import('../backup'), (m) => m.BackupPage),
  audit: section(() => import('../audit'), (m) => m.AuditPage),
  about: section(() => import('../about'), (m) => m.AboutPage),
};
