/**
 * Texts of service requests (服务需求), 简体中文. `section` becomes the top-level `requests`
 * namespace; `errors` and `validation` are merged into the app's `errors.<CODE>` and `validation.<key>`. Request categories and
 * statuses are in the care vocabulary (`labels`, areas/visits). requests.en.ts must have exactly
 * the same keys.
 */
export const requestsZh = {
  section: {
    title: '服务需求',
    create: '新增服务需求',
    createTitle: '新增服务需求',
    createFor: '为“{{name}}”新增服务需求',
    editTitle: '修改“{{name}}”的服务需求',
    person: '人员',
    personHelp: '输入姓名、拼音首字母或电话查找',
    noPersonFound: '没有找到这个人',
    category: '类别',
    description: '需求内容',
    descriptionHelp: '写清楚需要什么帮助',
    assignee: '负责办理',
    assigneeHelp: '谁来办理这项需求（可以以后再定）',
    unassigned: '未指定',
    raisedOn: '提出日期',
    status: '状态',
    activeStatuses: '未办结',
    resolution: '办理结果',
    resolvedOn: '办结日期',
    declineReason: '不予办理的原因',
    resolutionHelp: '必须填写：做了什么，或为什么不能办理',
    progressHelp: '选填：目前进展',
    edit: '修改',
    handle: '办理',
    statusTitle: '办理“{{name}}”的服务需求',
    statusSaved: '已把“{{name}}”的服务需求改为“{{status}}”。',
    created: '已为“{{name}}”新增“{{category}}”服务需求。',
    updated: '已保存服务需求。',
    empty: '没有符合条件的服务需求。',
  },
  errors: {
    REQUEST_PERSON_MOVED_OUT: '此人已迁出本社区，不能再为其新增服务需求。请把需求转告其迁入地的社区。',
  },
  validation: {
    request: {
      resolutionRequired: '请填写办理结果或不予办理的原因。',
    },
  },
};
