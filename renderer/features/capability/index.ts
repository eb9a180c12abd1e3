/** What other features may use of the capability assessment: its part of a person's health tab, its labels and print. */
export { PersonCapabilitySection } from './PersonCapabilitySection';
export { GRADE_COLOURS, gradeLabel, capabilityKeys, dimensionName, itemName } from './common';
