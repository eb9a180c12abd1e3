/** What other features may use of pairs: its section, and its part of a person's page. */
export { PairsSection } from './PairsSection';
export { PersonPairsSection } from './PersonPairsSection';
