/**
 * Texts of contact assignments (分片包干), 简体中文: `contacts` (who is responsible for a person) and
 * `transfer` (moving a worker's persons to another) are top-level namespaces; `validation` is merged
 * into the app's `validation.<key>`. assignments.en.ts must have exactly the same keys.
 */
export const assignmentsZh = {
  contacts: {
    role: '联系人类型',
    user: '负责人',
    userHelp: '工作人员或网格员',
    reason: '原因',
    reasonHelp: '例如：按网格分配、人员调整（选填）',
    assign: '指定负责人',
    change: '更换',
    end: '解除',
    since: '自 {{date}} 起负责',
    nonePrimary: '还没有主要联系人',
    noneBackup: '没有备用联系人',
    assignTitle: '为“{{name}}”指定负责人',
    currentHolder: '现在的{{role}}：{{name}}。指定新的负责人后，原来的记录会结束并保留在历史中。',
    assigned: '已为“{{name}}”指定{{role}}。',
    endTitle: '解除“{{name}}”的{{role}}？',
    endBody: '解除后，这个人暂时没有这一类联系人。原来的记录会保留在历史中。',
    ended: '已解除联系人。',
  },
  transfer: {
    title: '人员移交',
    intro: '工作人员或网格员调离时，把他负责的全部人员、待走访计划、未办结的服务需求和网格一次转给另一位。请先预览，确认无误后再移交。',
    from: '调离的人员',
    fromHelp: '只列出目前负责人员或网格的用户',
    fromOption: '{{name}}（主要联系 {{primary}} 人，备用 {{backup}} 人）',
    disabledSuffix: '（已停用）',
    to: '移交给',
    preview: '预览要移交的内容',
    previewTitle: '将从 {{from}} 移交给 {{to}}：',
    counts: {
      persons: '人员 {{count}} 人次',
      visits: '待走访 {{count}} 次',
      requests: '服务需求 {{count}} 项',
      grids: '网格 {{count}} 个',
    },
    personsTable: '要移交的人员',
    note: '说明',
    replacesOtherRole: '接收人原是备用联系人，将改为这一角色',
    gridsLine: '网格员将改为接收人：{{grids}}',
    requestsLine: '服务需求：{{list}}',
    nothing: '{{name}} 目前没有负责任何人员、网格或服务需求，不需要移交。',
    reasonHelp: '例如：工作调动（选填）',
    apply: '确认移交（{{count}} 人次）给 {{to}}',
    done: '已从 {{from}} 移交给 {{to}}，共 {{count}} 人次。',
  },
  validation: {
    assignment: {
      userUnavailable: '这个用户不能担任联系人（账号不存在、已停用，或是只读用户）。',
      sameUserBothRoles: '同一个人不能既是主要联系人又是备用联系人。',
      sameUser: '移交给的人不能是原来的人。',
    },
  },
};
