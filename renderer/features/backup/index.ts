/** What other parts of the renderer may use of backup. */
export { BackupPage } from './BackupPage';
