/** What other features may use of volunteers: its section, and its part of a person's page. */
export { VolunteersSection } from './VolunteersSection';
export { PersonVolunteersSection } from './PersonVolunteersSection';
