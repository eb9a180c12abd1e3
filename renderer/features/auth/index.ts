/** What other parts of the renderer may use of logging in, setup and the idle lock. */
import { lazy } from 'react';

export { LoginPage } from './LoginPage';
/** Seen once per office: its form loads only then (render it inside a Suspense). */
export const SetupPage = lazy(async () => ({ default: (await import('./SetupPage')).SetupPage }));
/** Seen only after an administrator set the password: loads then (render it inside a Suspense). */
export const FirstPasswordPage = lazy(async () => ({ default: (await import('./FirstPasswordPage')).FirstPasswordPage }));
// Used past the login only (the shell, settings): kept out of the first screen's scripts (render
// them inside a Suspense; their code arrives with the shell).
export const ChangePasswordDialog = lazy(async () => ({ default: (await import('./ChangePasswordDialog')).ChangePasswordDialog }));
export const IdleLock = lazy(async () => ({ default: (await import('./IdleLock')).IdleLock }));
export const RecoverySheetCard = lazy(async () => ({ default: (await import('./RecoverySheetCard')).RecoverySheetCard }));
