/** What other features may use of packets. */
export { PacketsSection } from './PacketsSection';
