/** What other features may use of original units: its section, and the unit field of the person form. */
export { UnitsSection } from './UnitsSection';
export { UnitField } from './UnitField';
export { unitKeys } from './common';
