/**
 * Texts of this capability (issue 6), 简体中文. `section` becomes the top-level `activities` namespace;
 * `errors` and `validation` are merged into the app's `errors.<CODE>` and `validation.<key>`.
 * activities.en.ts must have exactly the same keys.
 */
export const activitiesZh = {
  section: {},
  errors: {
    ACTIVITY_FULL: '这个活动已经报满了（{{capacity}} 人）。可以增加名额，或者另外安排一场。',
    ALREADY_SIGNED_UP: '{{name}} 已经报名了这个活动。',
  },
  validation: {},
};
