/** What other features may use of printed visit lists. */
export { ListsPage } from './ListsPage';
export { ResultEntryPage } from './ResultEntryPage';
export { PrintListDialog, PrintCardsDialog, type VisitListDefaults } from './PrintListDialogs';
export { listSubject } from './ListsPage';
