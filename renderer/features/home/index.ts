/** What other parts of the renderer may use of the home page. */
export { HomePage } from './HomePage';
