import type { Messages } from '../en';
import type { backupZh } from './backup.zh-CN';

export const backupEn: Messages<typeof backupZh> = {
  section: {
    title: 'Backup & restore',
    intro: 'A backup is a complete copy of the database, kept in the backup folder below. Regularly use “Save as” to put a backup somewhere else, such as a USB stick: if the computer breaks, the data is not lost.',
    folder: 'Backup folder: ',
    saveAs: 'Save as',
    savedTo: 'The backup was saved to: {{path}}',
    downloaded: 'The backup was downloaded: {{file}}. Find it in the browser’s downloads folder and copy it to a USB stick.',
    createNow: 'Back up now',
    empty: 'There are no backups yet.',
    time: 'Time',
    reason: 'Kind',
    size: 'Size',
    file: 'File name',
    actions: 'Actions',
    restore: 'Restore',
    reasons: {
      manual: 'Manual backup',
      daily: 'Daily backup',
      'before-import': 'Before a packet import',
      'before-restore': 'Before a restore',
    },
    created: 'The backup is done.',
    cancelled: 'The backup was cancelled.',
    restoreTitle: 'Restore the data from this backup?',
    restoreBody: 'All current data will be replaced by the backup of {{time}}; anything entered since then will be lost.',
    restoreSafety: 'Before restoring, the app backs up the current data, so a wrong choice can be undone.',
    restoreLogout: 'After the restore, all users (you too) will have to log in again.',
    restoreConfirm: 'Restore',
  },
  errors: {
    BACKUP_NOT_FOUND: 'The backup file ({{file}}) cannot be found; it may have been moved or deleted. Refresh the list of backups.',
    BACKUP_INVALID: 'The backup file ({{file}}) is damaged or is not a backup of this app, so it cannot be restored. Choose another backup.',
    BACKUP_FROM_NEWER_VERSION: 'The backup comes from a newer version of the app (data version {{backupVersion}}). Install the newest version of the app before restoring it.',
  },
  validation: {
    backup: {
      name: 'The backup file name is not valid.',
    },
  },
};
