/**
 * Texts of backups and restoring from one, 简体中文. `section` becomes the top-level `backup`
 * namespace; `errors` and `validation` are merged into the app's `errors.<CODE>` and
 * `validation.<key>`. backup.en.ts must have exactly the same keys.
 */
export const backupZh = {
  section: {
    title: '备份与恢复',
    intro: '备份是整个数据库的完整副本，保存在下面的备份文件夹里。请定期用“另存为”把一份备份存到 U 盘等别处：电脑坏了，数据也不会丢。',
    folder: '备份文件夹：',
    saveAs: '另存为',
    savedTo: '备份已另存到：{{path}}',
    downloaded: '备份已下载：{{file}}。请在浏览器的下载文件夹里找到它，再存到 U 盘。',
    createNow: '立即备份',
    empty: '还没有任何备份。',
    time: '备份时间',
    reason: '类型',
    size: '大小',
    file: '文件名',
    actions: '操作',
    restore: '恢复',
    reasons: {
      manual: '手动备份',
      daily: '每日自动备份',
      'before-import': '导入数据包前自动备份',
      'before-restore': '恢复前自动备份',
    },
    created: '备份完成。',
    cancelled: '备份已取消。',
    restoreTitle: '用这个备份恢复数据？',
    restoreBody: '当前的全部数据将被 {{time}} 的备份替换，之后录入的内容会丢失。',
    restoreSafety: '恢复之前，程序会先把当前数据自动备份一份，万一选错还可以再恢复回来。',
    restoreLogout: '恢复完成后，所有用户（包括您自己）都需要重新登录。',
    restoreConfirm: '确认恢复',
  },
  errors: {
    BACKUP_NOT_FOUND: '找不到这个备份文件（{{file}}），可能已被移走或删除。请刷新备份列表。',
    BACKUP_INVALID: '这个备份文件（{{file}}）已损坏或不是本程序的备份，不能用来恢复。请选择其他备份。',
    BACKUP_FROM_NEWER_VERSION: '这个备份来自更新版本的程序（数据版本 {{backupVersion}}），请先安装最新版本的程序再恢复。',
  },
  validation: {
    backup: {
      name: '备份文件名不正确。',
    },
  },
};
