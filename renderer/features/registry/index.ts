/** What other features may use of the registry (档案): its section, and the pieces other forms embed. */
export { RegistrySection } from './RegistrySection';
export { AdlDialog, type CollectedAssessment } from './detail/AdlDialog';
export type { PersonFormValues } from './form/personForm';
