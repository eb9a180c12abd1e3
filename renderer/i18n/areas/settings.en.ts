import type { Messages } from '../en';
import type { settingsZh } from './settings.zh-CN';

export const settingsEn: Messages<typeof settingsZh> = {
  section: {
    title: 'Settings',
    prefsTitle: 'Your preferences',
    prefsHelp: 'These apply to your own account only and take effect at once.',
    language: 'Language',
    largeFont: 'Large text',
    largeFontHelp: 'Makes all text in the app bigger and easier to read.',
    officeTitle: 'Office settings',
    officeHelp: 'These apply to every user of the office; only administrators can change them.',
    idleLockMinutes: 'Lock the screen after (minutes without use)',
    idleLockHelp: 'After this long away from the computer the screen locks and asks for the password. 0 means never.',
    dailyBackup: 'Back up every day',
    dailyBackupHelp: 'The data is backed up once a day, the first time the app is opened.',
    backupKeep: 'Daily backups to keep',
    backupKeepHelp: 'Beyond this number, the oldest daily backups are deleted. Manual backups are never deleted automatically.',
    saved: 'The settings were saved.',
    hotline: 'Community hotline',
    hotlineHelp: 'Printed on the service cards, for example 0351-6012345',
    hotline24h: '24-hour number',
    hotline24hHelp: 'A number answered at night and on holidays too, printed on the service cards',
    rosterMaxRows: 'Most rows in a roster import',
    rosterMaxRowsHelp: 'A roster with more rows than this is not imported, and the person is asked to split the file. A number from 100 to 100000; usually left as it is.',
  },
};
