/** What other parts of the renderer may use of users. */
export { UsersPage } from './UsersPage';
