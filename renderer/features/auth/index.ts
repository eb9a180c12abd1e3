/** What other parts of the renderer may use of logging in, setup and the idle lock. */
export { LoginPage } from './LoginPage';
export { SetupPage } from './SetupPage';
export { ChangePasswordDialog } from './ChangePasswordDialog';
export { FirstPasswordPage } from './FirstPasswordPage';
export { IdleLock } from './IdleLock';
