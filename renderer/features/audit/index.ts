/** What other parts of the renderer may use of audit. */
export { AuditPage } from './AuditPage';
