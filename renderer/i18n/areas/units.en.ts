import type { Messages } from '../en';
import type { unitsZh } from './units.zh-CN';

export const unitsEn: Messages<typeof unitsZh> = {
  section: {},
  errors: {
    UNIT_NAME_TAKEN: 'A unit with this name already exists ({{name}}). Use another name or pick the existing unit.',
    UNIT_IN_USE: '{{count}} retired officials still have this unit as their original unit, so it cannot be deleted. Move them to another unit first.',
  },
  validation: {},
};
