/**
 * Texts of this capability (issue 6), 简体中文. `section` becomes the top-level `volunteers` namespace;
 * `errors` and `validation` are merged into the app's `errors.<CODE>` and `validation.<key>`.
 * volunteers.en.ts must have exactly the same keys.
 */
export const volunteersZh = {
  section: {},
  errors: {
    TEAM_NAME_TAKEN: '已经有一支同名的服务队（{{name}}）。请换一个名称。',
    ALREADY_IN_TEAM: '{{name}} 已经是这支服务队的队员了。',
  },
  validation: {},
};
