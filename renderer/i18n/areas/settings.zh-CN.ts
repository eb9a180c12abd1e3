/**
 * Texts of one's preferences and the office-wide settings, 简体中文. `section` becomes the top-level
 * `settings` namespace. settings.en.ts must have exactly the same keys.
 */
export const settingsZh = {
  section: {
    title: '设置',
    prefsTitle: '个人偏好',
    prefsHelp: '只对您自己的账号生效，修改后立即起作用。',
    language: '界面语言',
    largeFont: '大字模式',
    largeFontHelp: '把程序中的文字放大，看得更清楚。',
    officeTitle: '单位设置',
    officeHelp: '对本单位所有用户生效，只有管理员可以修改。',
    idleLockMinutes: '无操作自动锁屏（分钟）',
    idleLockHelp: '离开电脑这么久以后自动锁屏，需要输入密码才能继续。填 0 表示不自动锁屏。',
    dailyBackup: '每天自动备份',
    dailyBackupHelp: '每天第一次打开程序时自动备份一次数据。',
    backupKeep: '保留自动备份的份数',
    backupKeepHelp: '超过这个数量时，最早的自动备份会被删除。手动备份不会自动删除。',
    saved: '设置已保存。',
    hotline: '社区服务热线',
    hotlineHelp: '印在爱心服务卡上，例如 0351-6012345',
    hotline24h: '24 小时值班电话',
    hotline24hHelp: '夜间和节假日也有人接听的电话，印在爱心服务卡上',
    rosterMaxRows: '花名册导入的最多行数',
    rosterMaxRowsHelp: '导入的花名册超过这么多行时，程序不导入，并提示把文件分开。请填 100 到 100000 之间的数，一般不用修改。',
  },
};
