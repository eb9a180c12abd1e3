/** What other parts of the renderer may use of settings. */
export { SettingsPage } from './SettingsPage';
