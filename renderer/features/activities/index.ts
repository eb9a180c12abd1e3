/** What other features may use of activities: its section, and its part of a person's page. */
export { ActivitiesSection } from './ActivitiesSection';
export { PersonActivitiesSection } from './PersonActivitiesSection';
