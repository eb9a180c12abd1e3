/** What other parts of the renderer may use of about. */
export { AboutPage } from './AboutPage';
