/** What other parts of the renderer may use of logging in, setup and the idle lock. */
import { lazy } from 'react';

export { LoginPage } from './LoginPage';
/** Seen once per office: its form loads only then (render it inside a Suspense). */
export const SetupPage = lazy(async () => ({ default: (await import('./SetupPage')).SetupPage }));
export { ChangePasswordDialog } from './ChangePasswordDialog';
export { FirstPasswordPage } from './FirstPasswordPage';
export { IdleLock } from './IdleLock';
export { RecoverySheetCard } from './RecoverySheetCard';
