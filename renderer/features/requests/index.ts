/** What other features may use of service requests. */
export { RequestsPage } from './RequestsPage';
export { RequestDialog, RequestStatusDialog } from './RequestDialogs';
