/**
 * Texts of this capability (issue 6), 简体中文. `section` becomes the top-level `pairs` namespace;
 * `errors` and `validation` are merged into the app's `errors.<CODE>` and `validation.<key>`.
 * pairs.en.ts must have exactly the same keys.
 */
export const pairsZh = {
  section: {},
  errors: {
    PAIR_ALREADY_ENDED: '这个结对已经在 {{date}} 结束了，不能再修改或记录联系。需要继续帮扶的话，请新建一个结对。',
  },
  validation: {},
};
