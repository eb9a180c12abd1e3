/**
 * What other features may use of grids and contacts. Contact assignments (分片包干) have no feature
 * folder of their own: their pages (persons without a contact, moving a worker's persons) and the
 * assign dialog live here, since in the renderer who is responsible for whom is managed grid by grid.
 */
export { GridsSection } from './GridsSection';
export { AssignDialog, type AssignTarget } from './AssignDialog';
