/** What other features may use of visits. */
export { VisitsSection } from './VisitsSection';
