/**
 * Texts of the office's user accounts, 简体中文. `section` becomes the top-level `users` namespace;
 * `errors` are merged into the app's `errors.<CODE>`. users.en.ts must have exactly the same keys.
 */
export const usersZh = {
  section: {
    title: '用户管理',
    intro: '为本单位的工作人员建立账号，并按分工设置角色。',
    create: '新建用户',
    username: '用户名',
    displayName: '姓名',
    role: '角色',
    status: '状态',
    phone: '电话',
    lastLogin: '最近登录',
    never: '从未登录',
    enabled: '正常',
    disabled: '已停用',
    actions: '操作',
    self: '本人',
    changeRole: '修改角色',
    disable: '停用',
    enable: '启用',
    resetPassword: '重置密码',
    createTitle: '新建用户',
    password: '初始密码',
    passwordHelp: '至少 8 位，包含英文字母和数字。请当面告诉本人，并提醒其登录后修改。',
    confirmPassword: '再次输入初始密码',
    confirmNewPassword: '再次输入新密码',
    phoneHelp: '选填',
    created: '已新建用户“{{name}}”。',
    roleTitle: '修改“{{name}}”的角色',
    roleHelp: {
      admin: '管理员：可以修改全社区的记录，另外管理用户、备份和设置。',
      staff: '工作人员：可以查看和修改全社区的记录。',
      gridworker: '网格员：只看到分给自己的人员，打印走访名单并录入走访结果。',
      viewer: '只读用户：可以查看全社区的记录，不能修改。',
    },
    roleSections: '可以打开：{{sections}}。',
    sectionSeparator: '、',
    updated: '已保存对“{{name}}”的修改。',
    disableTitle: '停用“{{name}}”？',
    disableBody: '停用后，这个账号不能再登录，正在使用的也会立即退出。以后可以重新启用。',
    resetTitle: '重置“{{name}}”的密码',
    newPassword: '新密码',
    resetDone: '已重置“{{name}}”的密码，其正在使用的登录都已退出。',
  },
  /** Why a login ended from elsewhere: shown on the login screen and for UNAUTHENTICATED with `details.reason`. */
  sessionEnd: {
    passwordChanged: '您的密码已经修改，这里的登录已经退出。请用新密码重新登录。',
    passwordReset: '管理员重置了您的密码，这里的登录已经退出。请用新密码重新登录。',
    roleChanged: '管理员修改了您的角色，这里的登录已经退出。请重新登录。',
    accountDisabled: '管理员停用了您的账号，这里的登录已经退出。如有需要，请联系管理员。',
  },
  errors: {
    USERNAME_TAKEN: '用户名“{{username}}”已经有人使用，请换一个用户名。',
    LAST_ADMIN: '这是最后一个管理员账号，不能停用或改为其他角色。请先把另一位用户设为管理员。',
  },
};
