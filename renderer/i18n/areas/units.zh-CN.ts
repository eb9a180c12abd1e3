/**
 * Texts of this capability (issue 6), 简体中文. `section` becomes the top-level `units` namespace;
 * `errors` and `validation` are merged into the app's `errors.<CODE>` and `validation.<key>`.
 * units.en.ts must have exactly the same keys.
 */
export const unitsZh = {
  section: {},
  errors: {
    UNIT_NAME_TAKEN: '已经有一个同名的单位（{{name}}）。请换一个名称，或者在列表里使用已有的单位。',
    UNIT_IN_USE: '还有 {{count}} 位离退休干部的原工作单位是这个单位，不能删除。请先把他们改到别的单位。',
  },
  validation: {},
};
