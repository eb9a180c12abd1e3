import type { Messages } from '../en';
import type { activitiesZh } from './activities.zh-CN';

export const activitiesEn: Messages<typeof activitiesZh> = {
  section: {},
  errors: {
    ACTIVITY_FULL: 'This activity is full ({{capacity}} people). Raise the capacity or arrange another session.',
    ALREADY_SIGNED_UP: '{{name}} has already signed up for this activity.',
  },
  validation: {},
};
