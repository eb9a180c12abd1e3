/** What other features may use of calls: its section, and its part of a person's page. */
export { CallsSection } from './CallsSection';
export { PersonCallsSection } from './PersonCallsSection';
