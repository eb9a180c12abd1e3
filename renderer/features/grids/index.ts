/** What other features may use of grids and contacts. */
export { GridsSection } from './GridsSection';
export { AssignDialog, type AssignTarget } from './AssignDialog';
