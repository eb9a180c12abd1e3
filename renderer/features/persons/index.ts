/**
 * What other features may use of the persons area (档案): its section, and the pieces other forms
 * embed. The Excel roster import (import/) is part of this feature: in the renderer the roster is
 * one way of filling the person register, reached from its list.
 */
export { PersonsSection } from './PersonsSection';
export { AdlDialog, type CollectedAssessment } from './detail/AdlDialog';
export type { PersonFormValues } from './form/personForm';
export { describeChanges } from './detail/history';
