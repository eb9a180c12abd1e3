/**
 * Texts of this capability (issue 6), 简体中文. `section` becomes the top-level `party` namespace;
 * `errors` and `validation` are merged into the app's `errors.<CODE>` and `validation.<key>`.
 * party.en.ts must have exactly the same keys.
 */
export const partyZh = {
  section: {},
  errors: {
    BRANCH_NAME_TAKEN: '已经有一个同名的党组织（{{name}}）。请换一个名称。',
    BRANCH_HAS_MEMBERS: '这个党组织还有 {{count}} 名党员，不能删除。请先把党员转到别的党组织。',
    NOT_A_PARTY_MEMBER: '{{name}} 在档案里的政治面貌不是中共党员，不能加入党组织。如果档案有误，请先在档案里改正政治面貌。',
    ALREADY_A_MEMBER: '{{name}} 已经是{{branch}}的党员了。要换党组织，请使用“转出/转入”。',
    DUES_ALREADY_RECORDED: '{{name}} {{month}} 的党费已经登记过了。如需更正，请修改原来那条记录。',
  },
  validation: {},
};
