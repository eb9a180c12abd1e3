/** What other features may use of party: its section, and its part of a person's page. */
export { PartySection } from './PartySection';
export { PersonPartySection } from './PersonPartySection';
